/// One message to one person in one round (a digest): every reminder and escalation addressed to them, with
/// exactly what is owed. The same text goes to the inbox, the e-mail and (for the office) the group bot, in a
/// Markdown both 企业微信 and 钉钉 render.
public struct Notice: Sendable, Equatable, Codable {
    /// The recipient's user name; `Notice.officeChannel` for the office's group bot.
    public var recipient: String
    public var email: String?
    public var subject: String
    public var body: String
    /// The keys of the reminders and escalations the notice carries.
    public var keys: [String]

    public init(recipient: String, email: String?, subject: String, body: String, keys: [String]) {
        self.recipient = recipient
        self.email = email
        self.subject = subject
        self.body = body
        self.keys = keys
    }

    /// The recipient name of the office's group-bot message.
    public static let officeChannel = "@office"
}

public enum Digest {
    /// Who a reminder or escalation goes to. Reminders: the reporter accounts of the department in the region.
    /// 黄: the department's leader accounts (read-only accounts bound to it) and the office (administrators and
    /// reviewers). 红: the policy's leadership list, or every read-only account bound to no department.
    public static func recipients(of escalation: Escalation, users: [User], policy: ReminderPolicy) -> [User] {
        switch escalation.level {
        case .yellow:
            users.filter {
                ($0.role == .viewer && $0.departmentID != nil && $0.departmentID == escalation.obligation.department.id)
                    || $0.role == .admin || $0.role == .reviewer
            }
        case .red:
            policy.leadership.isEmpty
                ? users.filter { $0.role == .viewer && $0.departmentID == nil }
                : users.filter { policy.leadership.contains($0.username) }
        }
    }

    public static func recipients(of reminder: Reminder, users: [User]) -> [User] {
        users.filter {
            $0.role == .reporter && $0.departmentID != nil && $0.departmentID == reminder.obligation.department.id
                && $0.regionCode == reminder.obligation.regionCode
        }
    }

    /// One notice per person, in the order of `users`: a person with several reminders or escalations gets them
    /// together.
    public static func notices(
        reminders: [Reminder], escalations: [Escalation], users: [User], policy: ReminderPolicy
    ) -> [Notice] {
        var sections: [String: [(key: String, title: String, text: String)]] = [:]
        for reminder in reminders {
            for user in recipients(of: reminder, users: users) {
                sections[user.username, default: []].append((reminder.key, reminder.stage.title, text(reminder)))
            }
        }
        for escalation in escalations {
            for user in recipients(of: escalation, users: users, policy: policy) {
                sections[user.username, default: []].append((escalation.key, escalation.level.name, text(escalation)))
            }
        }
        return users.compactMap { user in
            guard let parts = sections[user.username] else { return nil }
            return notice(recipient: user.username, email: user.email, parts)
        }
    }

    /// The office group bot's message of the round: every reminder and escalation sent, one line each.
    public static func officeSummary(reminders: [Reminder], escalations: [Escalation]) -> Notice? {
        guard !reminders.isEmpty || !escalations.isEmpty else { return nil }
        var lines = ["### 督办通报"]
        for reminder in reminders {
            let o = reminder.obligation
            lines.append("- \(reminder.stage.title)：\(o.department.name)（\(o.region)）尚有 \(o.count) 项未报，截止 \(reminder.deadline)")
        }
        for escalation in escalations {
            let o = escalation.obligation
            lines.append("- **\(escalation.level.name)**\(escalation.number.map { " \($0)" } ?? "")：\(o.department.name)（\(o.region)）逾期 \(escalation.daysOverdue) 天，尚有 \(o.count) 项未报")
        }
        return Notice(
            recipient: Notice.officeChannel, email: nil, subject: "督办通报", body: lines.joined(separator: "\n"),
            keys: reminders.map(\.key) + escalations.map(\.key))
    }

    private static func notice(recipient: String, email: String?, _ parts: [(key: String, title: String, text: String)]) -> Notice {
        let titles = parts.map(\.title).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return Notice(
            recipient: recipient, email: email, subject: titles.joined(separator: "、"),
            body: parts.map { "### \($0.title)\n\($0.text)" }.joined(separator: "\n\n"), keys: parts.map(\.key))
    }

    static func text(_ reminder: Reminder) -> String {
        let o = reminder.obligation
        let standing: String
        switch reminder.stage {
        case .assigned: standing = "\(reminder.year) 年度填报已开始，请于 \(reminder.deadline) 前完成。"
        case .daysBefore(let days): standing = "距填报截止（\(reminder.deadline)）还有 \(days) 天。"
        case .deadlineDay: standing = "今天（\(reminder.deadline)）是填报截止日。"
        case .overdue(let days): standing = "填报已于 \(reminder.deadline) 截止，已逾期 \(days) 天，请尽快完成。"
        }
        return "\(reminder.planTitle) · \(o.department.name) · \(o.region)\n\(standing)\n" + items(o)
    }

    static func text(_ escalation: Escalation) -> String {
        let o = escalation.obligation
        return "\(escalation.number.map { "督办单 \($0)\n" } ?? "")\(escalation.planTitle) · \(o.department.name) · \(o.region)\n"
            + "填报截止 \(escalation.deadline)，已逾期 \(escalation.daysOverdue) 天，尚有 \(o.count) 项未报：\n" + items(o)
    }

    /// The owed items, one per line: returned values with the reviewer's comment, then indicators, then tasks.
    static func items(_ o: Obligation) -> String {
        var lines: [String] = []
        for item in o.returned { lines.append("- 被退回：\(item.label)\(item.comment.map { "（\($0)）" } ?? "")") }
        for item in o.indicators { lines.append("- 指标：\(item.label)") }
        for item in o.tasks { lines.append("- 任务：\(item.label)") }
        return lines.joined(separator: "\n")
    }
}

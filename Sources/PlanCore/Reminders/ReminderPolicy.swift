/// A plan's reminder rules (督办规则), with the defaults offices start from: 交办 when the cycle opens, a
/// reminder 7 and 1 days before the deadline and on the day, then a 催办 every 3 days overdue; escalation 黄 at
/// 3 days overdue (the department's leaders and the office), 红 at 10 (the leadership, with a numbered 督办单);
/// no e-mail or webhook in quiet hours (22:00–07:00 China time).
public struct ReminderPolicy: Sendable, Codable, Equatable {
    public var remindAtOpening: Bool
    /// Days before the deadline to remind on, e.g. [7, 1].
    public var daysBefore: [Int]
    public var remindOnDeadline: Bool
    /// A 催办 every this many days overdue; 0 for none.
    public var overdueEvery: Int
    /// Days overdue at which the department's leaders and the office are told (黄).
    public var yellowAfter: Int
    /// Days overdue at which the leadership gets a numbered 督办单 (红).
    public var redAfter: Int
    /// Quiet hours in minutes of the day, China time; they may span midnight (22:00–07:00).
    public var quietFrom: Int
    public var quietUntil: Int
    /// The office's short name, for the 督办单's 编号: 健康办 → 健康办督〔2026〕7号.
    public var officeName: String
    /// User names of the leadership (领导) a 红 escalation goes to; empty: every read-only account not bound to
    /// a department.
    public var leadership: [String]

    public init(
        remindAtOpening: Bool = true, daysBefore: [Int] = [7, 1], remindOnDeadline: Bool = true, overdueEvery: Int = 3,
        yellowAfter: Int = 3, redAfter: Int = 10, quietFrom: Int = 22 * 60, quietUntil: Int = 7 * 60,
        officeName: String = "健康办", leadership: [String] = []
    ) {
        self.remindAtOpening = remindAtOpening
        self.daysBefore = daysBefore
        self.remindOnDeadline = remindOnDeadline
        self.overdueEvery = overdueEvery
        self.yellowAfter = yellowAfter
        self.redAfter = redAfter
        self.quietFrom = quietFrom
        self.quietUntil = quietUntil
        self.officeName = officeName
        self.leadership = leadership
    }

    public static let standard = ReminderPolicy()

    /// Whether e-mail and webhooks must wait at `time` (held to the first round after the quiet hours).
    public func isQuiet(at time: ChinaTime) -> Bool {
        let minute = time.minuteOfDay
        guard quietFrom != quietUntil else { return false }
        return quietFrom < quietUntil
            ? quietFrom <= minute && minute < quietUntil
            : minute >= quietFrom || minute < quietUntil
    }

    /// The latest reminder stage reached by `today` for a department whose deadline in force is `deadline`, in a
    /// cycle that opened on `opens` (all YYYY-MM-DD); nil before the cycle opens or when no stage is reached.
    /// A round sends the latest stage it has not sent before: a missed day is made up once, not several times.
    public func stage(opens: String, deadline: String, today: String) -> ReminderStage? {
        guard let open = ReminderCalendar.number(of: opens), let due = ReminderCalendar.number(of: deadline),
            let now = ReminderCalendar.number(of: today), now >= open
        else { return nil }
        let late = now - due
        if late > 0 {
            if overdueEvery > 0, late >= overdueEvery { return .overdue(days: late - late % overdueEvery) }
            // Between the deadline and the first 催办, the deadline-day reminder is still the latest.
        }
        var reached: [(day: Int, stage: ReminderStage)] = []
        if remindAtOpening { reached.append((open, .assigned)) }
        for days in daysBefore where days > 0 { reached.append((due - days, .daysBefore(days))) }
        if remindOnDeadline { reached.append((due, .deadlineDay)) }
        return reached.filter { $0.day <= now && $0.day >= open }.max { $0.day < $1.day }?.stage
    }

    /// The escalation level reached by `today` against `deadline`; nil when not overdue enough.
    public func escalation(deadline: String, today: String) -> EscalationLevel? {
        guard let late = ReminderCalendar.days(from: deadline, to: today) else { return nil }
        if late >= redAfter { return .red }
        if late >= yellowAfter { return .yellow }
        return nil
    }

    /// Problems with the rules, in Chinese, for the office editing them; empty when they are usable.
    public var problems: [String] {
        var found: [String] = []
        if daysBefore.contains(where: { $0 <= 0 || $0 > 366 }) { found.append("提前提醒天数须在 1–366 之间") }
        if overdueEvery < 0 || overdueEvery > 366 { found.append("催办间隔须在 0–366 天之间") }
        if yellowAfter < 1 || redAfter <= yellowAfter { found.append("红色督办的逾期天数须大于黄色督办，且均至少 1 天") }
        if !(0..<1440).contains(quietFrom) || !(0..<1440).contains(quietUntil) { found.append("免打扰时段须在 00:00–23:59 之间") }
        if officeName.isEmpty { found.append("督办单编号需要办公室简称") }
        return found
    }
}

/// Where a department stands against its deadline, as one reminder says it.
public enum ReminderStage: Sendable, Equatable, Hashable, Codable {
    /// 交办: the cycle has opened.
    case assigned
    /// n days before the deadline.
    case daysBefore(Int)
    /// The deadline is today.
    case deadlineDay
    /// 催办: this many days overdue (a multiple of the policy's interval).
    case overdue(days: Int)

    /// Stable text naming the stage in a reminder's key: a stage is sent once per department, region and cycle.
    public var key: String {
        switch self {
        case .assigned: "assigned"
        case .daysBefore(let days): "before-\(days)"
        case .deadlineDay: "deadline"
        case .overdue(let days): "overdue-\(days)"
        }
    }

    /// The kind of notice in the office's words.
    public var title: String {
        switch self {
        case .assigned: "交办通知"
        case .daysBefore, .deadlineDay: "填报提醒"
        case .overdue: "催办通知"
        }
    }
}

/// How far a lateness has been escalated (督办等级).
public enum EscalationLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case yellow, red

    public var name: String {
        switch self {
        case .yellow: "黄色督办"
        case .red: "红色督办"
        }
    }

    public static func < (lhs: EscalationLevel, rhs: EscalationLevel) -> Bool { lhs == .yellow && rhs == .red }
}

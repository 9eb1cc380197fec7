/// A reminder due to one department in one region: where it stands against its deadline in force and exactly
/// what it still owes. Sent once: `key` names it for good.
public struct Reminder: Sendable, Equatable, Codable {
    public var planID: Int64
    public var planTitle: String
    public var year: Int
    public var stage: ReminderStage
    /// The deadline in force for the department (the cycle's, or an approved extension's).
    public var deadline: String
    public var obligation: Obligation

    public init(planID: Int64, planTitle: String, year: Int, stage: ReminderStage, deadline: String, obligation: Obligation) {
        self.planID = planID
        self.planTitle = planTitle
        self.year = year
        self.stage = stage
        self.deadline = deadline
        self.obligation = obligation
    }

    public var key: String { Self.key(planID: planID, year: year, obligation: obligation, suffix: stage.key) }

    static func key(planID: Int64, year: Int, obligation: Obligation, suffix: String) -> String {
        "\(planID)/\(year)/\(obligation.department.id ?? 0)/\(obligation.regionCode)/\(suffix)"
    }
}

/// A lateness raised above the department (督办): 黄 to its leaders and the office, 红 to the leadership with a
/// numbered 督办单.
public struct Escalation: Sendable, Equatable, Codable {
    public var planID: Int64
    public var planTitle: String
    public var year: Int
    public var level: EscalationLevel
    public var deadline: String
    public var daysOverdue: Int
    public var obligation: Obligation
    /// The 督办单's 编号 (健康办督〔2026〕7号); only a 红 escalation has one.
    public var number: String?

    public init(
        planID: Int64, planTitle: String, year: Int, level: EscalationLevel, deadline: String, daysOverdue: Int,
        obligation: Obligation, number: String? = nil
    ) {
        self.planID = planID
        self.planTitle = planTitle
        self.year = year
        self.level = level
        self.deadline = deadline
        self.daysOverdue = daysOverdue
        self.obligation = obligation
        self.number = number
    }

    public var key: String { Reminder.key(planID: planID, year: year, obligation: obligation, suffix: "escalation-\(level.rawValue)") }

    /// The 督办单 编号 for the `sequence`-th of `year`: 健康办督〔2026〕7号.
    public static func number(office: String, year: Int, sequence: Int) -> String {
        "\(office)督〔\(year)〕\(sequence)号"
    }
}

/// 签收: a department acknowledges a 交办 or 督办 (the reminder's or escalation's key), timestamped.
public struct Receipt: Sendable, Equatable, Codable {
    public var key: String
    public var departmentID: Int64
    public var regionCode: String
    public var by: String
    public var at: String

    public init(key: String, departmentID: Int64, regionCode: String, by: String, at: String) {
        self.key = key
        self.departmentID = departmentID
        self.regionCode = regionCode
        self.by = by
        self.at = at
    }
}

/// 延期申请: a department asks for a later deadline, with a reason; the office approves or rejects. An approved
/// request moves that department's deadline (in that region) only.
public struct ExtensionRequest: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case requested, approved, rejected

        public var name: String {
            switch self {
            case .requested: "待审批"
            case .approved: "已批准"
            case .rejected: "已驳回"
            }
        }
    }

    public var id: Int64?
    public var planID: Int64
    public var year: Int
    public var departmentID: Int64
    public var regionCode: String
    /// The deadline asked for, YYYY-MM-DD.
    public var deadline: String
    public var reason: String
    public var status: Status
    public var requestedBy: String
    public var requestedAt: String
    public var decidedBy: String?
    public var decidedAt: String?

    public init(
        id: Int64? = nil, planID: Int64, year: Int, departmentID: Int64, regionCode: String, deadline: String, reason: String,
        status: Status = .requested, requestedBy: String, requestedAt: String, decidedBy: String? = nil, decidedAt: String? = nil
    ) {
        self.id = id
        self.planID = planID
        self.year = year
        self.departmentID = departmentID
        self.regionCode = regionCode
        self.deadline = deadline
        self.reason = reason
        self.status = status
        self.requestedBy = requestedBy
        self.requestedAt = requestedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    /// Why a request cannot be made against `cycle`, in Chinese; nil when it can.
    public func problem(against cycle: ReportingCycle) -> String? {
        if reason.allSatisfy(\.isWhitespace) { return "延期申请须说明理由" }
        guard ReminderCalendar.number(of: deadline) != nil else { return "延期后的截止日期“\(deadline)”不是有效日期（YYYY-MM-DD）" }
        if deadline <= cycle.deadline { return "延期后的截止日期须晚于原截止日期 \(cycle.deadline)" }
        if let days = ReminderCalendar.days(from: cycle.deadline, to: deadline), days > 366 { return "延期不能超过一年" }
        return nil
    }

    /// The deadline in force for a department in a region: the latest approved extension's, else the cycle's.
    public static func deadline(
        of cycle: ReportingCycle, departmentID: Int64?, regionCode: String, extensions: [ExtensionRequest]
    ) -> String {
        extensions.filter {
            $0.status == .approved && $0.planID == cycle.planID && $0.year == cycle.year && $0.departmentID == departmentID
                && $0.regionCode == regionCode
        }.map(\.deadline).max().map { max($0, cycle.deadline) } ?? cycle.deadline
    }
}

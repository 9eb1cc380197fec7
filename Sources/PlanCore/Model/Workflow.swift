/// What someone does to an observation in the yearly cycle.
public enum ObservationAction: String, Sendable, Codable, CaseIterable {
    /// A reporter saves a value without handing it in.
    case saveDraft
    /// A reporter hands the value in (again, after a return).
    case submit
    /// The office accepts it.
    case approve
    /// The office sends it back with a comment.
    case `return`
}

/// The yearly reporting workflow: draft → submitted → approved | returned (with comment) → resubmitted.
public enum ObservationWorkflow {
    public struct RefusedTransition: Error, Equatable, Sendable {
        public var from: Observation.Status?
        public var action: ObservationAction
        public var message: String
    }

    /// The status an action leads to from `status` (nil: the observation does not exist yet).
    public static func next(from status: Observation.Status?, on action: ObservationAction) throws(RefusedTransition)
        -> Observation.Status
    {
        switch (status, action) {
        case (nil, .saveDraft), (.draft, .saveDraft), (.returned, .saveDraft): return status == .returned ? .returned : .draft
        case (nil, .submit), (.draft, .submit): return .submitted
        case (.returned, .submit): return .resubmitted
        case (.submitted, .approve), (.resubmitted, .approve): return .approved
        case (.submitted, .return), (.resubmitted, .return): return .returned
        default:
            let name = status.map { Self.names[$0]! } ?? "未填报"
            throw RefusedTransition(from: status, action: action, message: "状态为“\(name)”的数据不能\(Self.verbs[action]!)")
        }
    }

    static let names: [Observation.Status: String] = [
        .draft: "草稿", .submitted: "已提交", .approved: "已审核通过", .returned: "已退回", .resubmitted: "已重新提交",
    ]
    static let verbs: [ObservationAction: String] = [.saveDraft: "保存草稿", .submit: "提交", .approve: "审核通过", .return: "退回"]
}

/// A yearly reporting cycle (填报周期) of a plan: departments report the year's values between `opens` and
/// `deadline` (dates as YYYY-MM-DD).
public struct ReportingCycle: Sendable, Codable, Equatable {
    public var id: Int64?
    public var planID: Int64
    public var year: Int
    public var opens: String
    public var deadline: String

    public init(id: Int64? = nil, planID: Int64, year: Int, opens: String, deadline: String) {
        self.id = id
        self.planID = planID
        self.year = year
        self.opens = opens
        self.deadline = deadline
    }

    /// The default cycle for a year: open from 1 January after it, due on the plan's deadline ("05-10") of that
    /// next year, or 10 May when the plan states none.
    public static func standard(planID: Int64, year: Int, planDeadline: String?) -> ReportingCycle {
        ReportingCycle(planID: planID, year: year, opens: "\(year + 1)-01-01", deadline: "\(year + 1)-\(planDeadline ?? "05-10")")
    }

    /// Whether reporting is open on `date` (YYYY-MM-DD).
    public func isOpen(on date: String) -> Bool { opens <= date && date <= deadline }
}

/// A proposed change of a published target (目标调整): it takes effect only when approved.
public struct TargetRevision: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case proposed, approved, rejected
    }

    public var id: Int64?
    public var indicatorID: Int64
    public var year: Int
    public var oldText: String?
    public var newText: String
    public var reason: String
    public var status: Status
    public var proposedBy: String
    public var proposedAt: String?
    public var decidedBy: String?
    public var decidedAt: String?

    public init(
        id: Int64? = nil, indicatorID: Int64, year: Int, oldText: String? = nil, newText: String, reason: String,
        status: Status = .proposed, proposedBy: String, proposedAt: String? = nil, decidedBy: String? = nil,
        decidedAt: String? = nil
    ) {
        self.id = id
        self.indicatorID = indicatorID
        self.year = year
        self.oldText = oldText
        self.newText = newText
        self.reason = reason
        self.status = status
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }
}

/// One entry of the audit log: who wrote what, when, before and after (JSON).
public struct AuditEntry: Sendable, Codable, Equatable {
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var before: String?
    public var after: String?
    public var at: String

    public init(actor: String, action: String, entity: String, entityID: String, before: String?, after: String?, at: String) {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.before = before
        self.after = after
        self.at = at
    }
}

/// A person using hcm, with the role that decides what they may do.
public struct User: Sendable, Codable, Equatable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        /// 管理员: plans, cycles, users, approves target revisions.
        case admin
        /// 健康办: reviews submissions, proposes target revisions.
        case reviewer
        /// 部门填报员: one department in one region.
        case reporter
        /// Read only.
        case viewer
    }

    public var id: Int64?
    public var username: String
    public var displayName: String
    public var role: Role
    public var departmentID: Int64?
    public var regionCode: String?
    /// Where reminders are mailed; nil: inbox only.
    public var email: String?

    public init(
        id: Int64? = nil, username: String, displayName: String, role: Role, departmentID: Int64? = nil, regionCode: String? = nil,
        email: String? = nil
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.departmentID = departmentID
        self.regionCode = regionCode
        self.email = email
    }
}

/// A plan's life: imported as a draft, published to run its cycles, archived when over.
public enum PlanStatus: String, Sendable, Codable, CaseIterable {
    case draft, published, archived
}

/// A stored plan as lists show it.
public struct PlanSummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var title: String
    public var region: String?
    public var period: Period?
    public var status: PlanStatus

    public init(id: Int64, title: String, region: String?, period: Period?, status: PlanStatus) {
        self.id = id
        self.title = title
        self.region = region
        self.period = period
        self.status = status
    }
}

/// What the office may correct of an imported plan's heading in import review: title, region, period, base
/// year and the yearly reporting deadline.
public struct PlanHeading: Sendable, Codable, Equatable {
    public var title: String
    public var region: String?
    public var period: Period?
    public var baseYear: Int?
    /// `MM-DD`.
    public var reportingDeadline: String?

    public init(title: String, region: String? = nil, period: Period? = nil, baseYear: Int? = nil, reportingDeadline: String? = nil) {
        self.title = title
        self.region = region
        self.period = period
        self.baseYear = baseYear
        self.reportingDeadline = reportingDeadline
    }

    public init(_ plan: Plan) {
        self.init(title: plan.title, region: plan.region, period: plan.period, baseYear: plan.baseYear, reportingDeadline: plan.reportingDeadline)
    }
}

extension Plan {
    /// The plan with `heading` in place of its own.
    public func with(_ heading: PlanHeading) -> Plan {
        var plan = self
        plan.title = heading.title
        plan.region = heading.region
        plan.period = heading.period
        plan.baseYear = heading.baseYear
        plan.reportingDeadline = heading.reportingDeadline
        return plan
    }
}

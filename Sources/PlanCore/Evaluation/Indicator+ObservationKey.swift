extension Indicator {
    /// What observations, reviewer decisions and scoring weights name the indicator by: its code, or its
    /// name where the plan gives it no code (the same rule as `Observation.indicator`).
    public var observationKey: String { code ?? name }

    /// What the evaluation matches observations and decisions by: the stored id where there is one (codes
    /// repeat across a plan's tables), else the code or name of a plan not stored.
    public var evaluationKey: String { id.map { "#\($0)" } ?? observationKey }
}

extension Observation {
    /// The indicator this value is for, as `Indicator.evaluationKey` names it.
    public var evaluationKey: String { indicatorID.map { "#\($0)" } ?? indicator }
}

extension ReviewerDecision {
    /// The indicator decided on, as `Indicator.evaluationKey` names it.
    public var evaluationKey: String { indicatorID.map { "#\($0)" } ?? indicator }
}

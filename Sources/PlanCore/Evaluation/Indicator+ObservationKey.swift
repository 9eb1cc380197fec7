extension Indicator {
    /// What observations, reviewer decisions and scoring weights name the indicator by: its code, or its
    /// name where the plan gives it no code (the same rule as `Observation.indicator`).
    public var observationKey: String { code ?? name }
}

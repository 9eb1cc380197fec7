/// How an indicator's value reached the office in a region's reporting cycle: after the deadline or not,
/// and how many times it was returned for correction. Scoring deducts for both.
public struct SubmissionFacts: Sendable, Codable, Equatable {
    /// The indicator's code, or its name where it has no code.
    public var indicator: String
    /// The stored indicator's id, what the facts are matched by; nil for a plan not stored.
    public var indicatorID: Int64?
    public var regionCode: String
    public var late: Bool
    public var returnedCount: Int

    public init(indicator: String, indicatorID: Int64? = nil, regionCode: String, late: Bool = false, returnedCount: Int = 0) {
        self.indicator = indicator
        self.indicatorID = indicatorID
        self.regionCode = regionCode
        self.late = late
        self.returnedCount = returnedCount
    }

    /// As `Indicator.evaluationKey` names the indicator.
    var evaluationKey: String { indicatorID.map { "#\($0)" } ?? indicator }
}

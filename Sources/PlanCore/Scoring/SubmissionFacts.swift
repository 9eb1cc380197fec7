/// How an indicator's value reached the office in a region's reporting cycle: after the deadline or not,
/// and how many times it was returned for correction. Scoring deducts for both.
public struct SubmissionFacts: Sendable, Codable, Equatable {
    /// The indicator's code, or its name where it has no code.
    public var indicator: String
    public var regionCode: String
    public var late: Bool
    public var returnedCount: Int

    public init(indicator: String, regionCode: String, late: Bool = false, returnedCount: Int = 0) {
        self.indicator = indicator
        self.regionCode = regionCode
        self.late = late
        self.returnedCount = returnedCount
    }
}

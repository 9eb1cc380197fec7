/// A plan evaluated for one region and year: every indicator in document order, with the summary counts.
public struct RegionEvaluation: Sendable, Codable, Equatable {
    public var planTitle: String
    public var regionCode: String
    public var year: Int
    public var period: Period?
    public var indicators: [IndicatorEvaluation]
    public var summary: EvaluationSummary

    public init(
        planTitle: String, regionCode: String, year: Int, period: Period?, indicators: [IndicatorEvaluation],
        summary: EvaluationSummary
    ) {
        self.planTitle = planTitle
        self.regionCode = regionCode
        self.year = year
        self.period = period
        self.indicators = indicators
        self.summary = summary
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(planTitle, forKey: .planTitle)
        try c.encode(regionCode, forKey: .regionCode)
        try c.encode(year, forKey: .year)
        try c.encode(period, forKey: .period)
        try c.encode(indicators, forKey: .indicators)
        try c.encode(summary, forKey: .summary)
    }
}

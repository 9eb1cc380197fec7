/// A monitored value (监测值) for an indicator, region and year, as a department reports it.
public struct Observation: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft, submitted, approved, returned, resubmitted
    }

    /// The indicator's code, or its name where the plan gives no code.
    public var indicator: String
    public var regionCode: String
    public var year: Int
    /// The value exactly as entered ("0.45；21", "达标").
    public var valueText: String
    public var unit: String?
    public var evidence: String?
    public var status: Status
    /// Raised by every change; a write naming an older version is refused (optimistic locking).
    public var version: Int

    public init(
        indicator: String, regionCode: String, year: Int, valueText: String, unit: String? = nil,
        evidence: String? = nil, status: Status = .draft, version: Int = 1
    ) {
        self.indicator = indicator
        self.regionCode = regionCode
        self.year = year
        self.valueText = valueText
        self.unit = unit
        self.evidence = evidence
        self.status = status
        self.version = version
    }

    /// The entered numbers in order ("0.45；21" → [0.45, 21]); empty when the value is not numeric.
    public var values: [Double] { TargetExpression.parse(valueText).values }

    /// The number, when the value is a single number.
    public var value: Double? { TargetExpression.parse(valueText).singleValue }
}

/// A monitored value (监测值) for an indicator, region and year, as a department reports it.
public struct Observation: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft, submitted, approved, returned, resubmitted
    }

    /// The stored observation's id; nil before it is saved.
    public var id: Int64?
    /// The stored indicator's id; nil for an observation not yet tied to a stored plan.
    public var indicatorID: Int64?
    /// The indicator's code, or its name where the plan gives no code.
    public var indicator: String
    public var regionCode: String
    public var year: Int
    /// The value exactly as entered ("0.45；21", "达标").
    public var valueText: String
    public var unit: String?
    public var evidence: String?
    public var status: Status
    /// The reviewer's comment when the value was returned.
    public var comment: String?
    /// Raised by every change; a write naming an older version is refused (optimistic locking).
    public var version: Int
    public var updatedBy: String?
    /// ISO 8601 time of the last change.
    public var updatedAt: String?

    public init(
        id: Int64? = nil, indicatorID: Int64? = nil, indicator: String, regionCode: String, year: Int,
        valueText: String, unit: String? = nil, evidence: String? = nil, status: Status = .draft,
        comment: String? = nil, version: Int = 1, updatedBy: String? = nil, updatedAt: String? = nil
    ) {
        self.id = id
        self.indicatorID = indicatorID
        self.indicator = indicator
        self.regionCode = regionCode
        self.year = year
        self.valueText = valueText
        self.unit = unit
        self.evidence = evidence
        self.status = status
        self.comment = comment
        self.version = version
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }

    /// The entered numbers in order ("0.45；21" → [0.45, 21]); empty when the value is not numeric.
    public var values: [Double] { TargetExpression.parse(valueText).values }

    /// The number, when the value is a single number.
    public var value: Double? { TargetExpression.parse(valueText).singleValue }
}

/// One state of an observation, kept for ever: every change appends one.
public struct ObservationRevision: Sendable, Codable, Equatable {
    public var observationID: Int64
    public var version: Int
    public var valueText: String
    public var status: Observation.Status
    public var comment: String?
    public var changedBy: String
    public var changedAt: String

    public init(
        observationID: Int64, version: Int, valueText: String, status: Observation.Status, comment: String?,
        changedBy: String, changedAt: String
    ) {
        self.observationID = observationID
        self.version = version
        self.valueText = valueText
        self.status = status
        self.comment = comment
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}

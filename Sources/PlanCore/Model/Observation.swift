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
    /// 说明: why the value differs much from last year's, shown to the reviewer.
    public var explanation: String?
    public var status: Status
    /// The reviewer's comment when the value was returned.
    public var comment: String?
    /// Raised by every change; a write naming an older version is refused (optimistic locking).
    public var version: Int
    public var updatedBy: String?
    /// Who submitted the value (last), whoever changed it since: the reporter, where `updatedBy` becomes the
    /// reviewer who approved it.
    public var submittedBy: String?
    /// ISO 8601 time of the last change.
    public var updatedAt: String?

    public init(
        id: Int64? = nil, indicatorID: Int64? = nil, indicator: String, regionCode: String, year: Int,
        valueText: String, unit: String? = nil, evidence: String? = nil, explanation: String? = nil,
        status: Status = .draft, comment: String? = nil, version: Int = 1, updatedBy: String? = nil, updatedAt: String? = nil,
        submittedBy: String? = nil
    ) {
        self.submittedBy = submittedBy
        self.id = id
        self.indicatorID = indicatorID
        self.indicator = indicator
        self.regionCode = regionCode
        self.year = year
        self.valueText = valueText
        self.unit = unit
        self.evidence = evidence
        self.explanation = explanation
        self.status = status
        self.comment = comment
        self.version = version
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }

    /// The entered numbers in order ("0.45；21" → [0.45, 21]), read the one strict way values are checked
    /// where they enter (`ObservedNumber`); empty when the value is not numbers ("达标", "5abc", "1e3").
    public var values: [Double] { ObservedNumber.read(valueText, unit: unit) ?? [] }

    /// The number, when the value is a single number.
    public var value: Double? {
        let values = values
        return values.count == 1 ? values[0] : nil
    }
}

/// One state of an observation, kept for ever: every change appends one.
public struct ObservationRevision: Sendable, Codable, Equatable {
    public var observationID: Int64
    public var version: Int
    public var valueText: String
    public var status: Observation.Status
    public var comment: String?
    public var explanation: String?
    public var changedBy: String
    public var changedAt: String

    public init(
        observationID: Int64, version: Int, valueText: String, status: Observation.Status, comment: String?,
        explanation: String? = nil, changedBy: String, changedAt: String
    ) {
        self.observationID = observationID
        self.version = version
        self.valueText = valueText
        self.status = status
        self.comment = comment
        self.explanation = explanation
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}

/// One change in a batch: what someone does to the observation of (indicator, region, year).
public struct ObservationChange: Sendable, Equatable {
    public var indicatorID: Int64
    public var regionCode: String
    public var year: Int
    public var action: ObservationAction
    /// The value for `saveDraft` and `submit`; ignored by `approve` and `return`.
    public var valueText: String?
    public var unit: String?
    public var evidence: String?
    /// 说明: why the value differs much from last year's; required for a big change (`checked`).
    public var explanation: String?
    /// Required when returning.
    public var comment: String?
    /// The version the writer last read; nil only for an observation that does not exist yet.
    public var expectedVersion: Int?

    public init(
        indicatorID: Int64, regionCode: String, year: Int, action: ObservationAction, valueText: String? = nil,
        unit: String? = nil, evidence: String? = nil, explanation: String? = nil, comment: String? = nil,
        expectedVersion: Int? = nil
    ) {
        self.indicatorID = indicatorID
        self.regionCode = regionCode
        self.year = year
        self.action = action
        self.valueText = valueText
        self.unit = unit
        self.evidence = evidence
        self.explanation = explanation
        self.comment = comment
        self.expectedVersion = expectedVersion
    }
}


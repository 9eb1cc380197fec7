/// One indicator of a plan evaluated for one region and year: the judgement of the year's value, the trend
/// since the baseline and where the trend leads by the end of the period.
///
/// Its JSON is what `hcm evaluate --json` and the API print for an indicator:
///
/// ```json
/// { "indicatorID": 42, "code": "1.3", "name": "孕产妇死亡率", "domain": ["健康水平"], "lead": ["卫计"], "unit": "1/10万",
///   "targetYear": 2020, "targetText": "＜9.5", "actualText": "8.1", "status": "met", "threshold": 9.5,
///   "comparator": "<", "percentAchieved": null, "trend": "improving",
///   "projection": { "year": 2020, "value": 7.6, "slopePerYear": -0.3, "pointCount": 3, "targetStatus": "met" },
///   "atRisk": false, "explanation": "实际值 8.1 < 目标 9.5，达标", "decision": null }
/// ```
public struct IndicatorEvaluation: Sendable, Codable, Equatable {
    /// The stored indicator's id (nil for a plan not stored): what links and decisions refer to.
    public var indicatorID: Int64?
    public var code: String?
    public var name: String
    /// The domain path, top-level domain first.
    public var domain: [String]
    public var lead: [String]
    public var unit: String?
    /// The year of the target the value is judged against (the year's own, else the next one set).
    public var targetYear: Int?
    /// The target exactly as the plan writes it.
    public var targetText: String?
    /// The approved value exactly as entered; nil when nothing was reported.
    public var actualText: String?
    /// Status, threshold, comparator, percent of the targeted change achieved and the explanation.
    public var evaluation: Evaluation
    /// Progress since the baseline; nil with no data at all, or a change whose good side is unknown.
    public var trend: TrendStatus?
    /// The period's end-year value on the trend line; nil once the period has ended or with under two years.
    public var projection: Projection?
    /// The period has not ended and the projection misses the end-year target.
    public var atRisk: Bool
    /// The reviewer's decision that settled a `needsReview` item.
    public var decision: ReviewerDecision?

    public init(
        indicatorID: Int64? = nil, code: String?, name: String, domain: [String], lead: [String], unit: String?, targetYear: Int?,
        targetText: String?, actualText: String?, evaluation: Evaluation, trend: TrendStatus?,
        projection: Projection?, atRisk: Bool, decision: ReviewerDecision? = nil
    ) {
        self.indicatorID = indicatorID
        self.code = code
        self.name = name
        self.domain = domain
        self.lead = lead
        self.unit = unit
        self.targetYear = targetYear
        self.targetText = targetText
        self.actualText = actualText
        self.evaluation = evaluation
        self.trend = trend
        self.projection = projection
        self.atRisk = atRisk
        self.decision = decision
    }

    /// The code, or the name where there is none: how scoring weights name the indicator.
    public var key: String { code ?? name }
    /// What this item is matched by (`Indicator.evaluationKey`): the stored id where there is one.
    public var evaluationKey: String { indicatorID.map { "#\($0)" } ?? key }
    public var status: Evaluation.Status { evaluation.status }
    public var percentAchieved: Double? { evaluation.percentAchieved }
    public var explanation: String { evaluation.explanation }

    // The evaluation's fields sit beside the indicator's, so a reader finds "status" next to "name".
    private enum CodingKeys: String, CodingKey {
        case indicatorID, code, name, domain, lead, unit, targetYear, targetText, actualText
        case status, threshold, comparator, percentAchieved, explanation
        case trend, projection, atRisk, decision
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(indicatorID, forKey: .indicatorID)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(domain, forKey: .domain)
        try c.encode(lead, forKey: .lead)
        try c.encode(unit, forKey: .unit)
        try c.encode(targetYear, forKey: .targetYear)
        try c.encode(targetText, forKey: .targetText)
        try c.encode(actualText, forKey: .actualText)
        try c.encode(evaluation.status, forKey: .status)
        try c.encode(evaluation.threshold, forKey: .threshold)
        try c.encode(evaluation.comparator, forKey: .comparator)
        try c.encode(evaluation.percentAchieved, forKey: .percentAchieved)
        try c.encode(evaluation.explanation, forKey: .explanation)
        try c.encode(trend, forKey: .trend)
        try c.encode(projection, forKey: .projection)
        try c.encode(atRisk, forKey: .atRisk)
        try c.encode(decision, forKey: .decision)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        indicatorID = try c.decodeIfPresent(Int64.self, forKey: .indicatorID)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        domain = try c.decode([String].self, forKey: .domain)
        lead = try c.decode([String].self, forKey: .lead)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        targetYear = try c.decodeIfPresent(Int.self, forKey: .targetYear)
        targetText = try c.decodeIfPresent(String.self, forKey: .targetText)
        actualText = try c.decodeIfPresent(String.self, forKey: .actualText)
        evaluation = Evaluation(
            status: try c.decode(Evaluation.Status.self, forKey: .status),
            threshold: try c.decodeIfPresent(Double.self, forKey: .threshold),
            comparator: try c.decodeIfPresent(String.self, forKey: .comparator),
            percentAchieved: try c.decodeIfPresent(Double.self, forKey: .percentAchieved),
            note: .written(try c.decode(String.self, forKey: .explanation)))
        trend = try c.decodeIfPresent(TrendStatus.self, forKey: .trend)
        projection = try c.decodeIfPresent(Projection.self, forKey: .projection)
        atRisk = try c.decode(Bool.self, forKey: .atRisk)
        decision = try c.decodeIfPresent(ReviewerDecision.self, forKey: .decision)
    }
}

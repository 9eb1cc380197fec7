/// How a plan's 考核 turns evaluations into marks: a weight per indicator, full marks when met, a share or
/// nothing when not met, reviewers' marks for qualitative items, and deductions for late and returned
/// submissions. Versioned: an assessment names the version it was scored under, and a changed scheme is a
/// new version, so last year's scores can be read again under last year's rules.
///
/// ```json
/// { "version": 2, "planTitle": "健康温州行动计划（2018-2020年）", "defaultWeight": 4,
///   "indicatorWeights": { "1.3": 6 }, "domainWeights": { "健康水平": 5 },
///   "whenNotMet": "proportional", "qualitativeItems": "reviewerMarks",
///   "late": { "perSubmission": 1, "cap": 5 }, "returned": { "perSubmission": 0.5, "cap": 3 } }
/// ```
public struct ScoringScheme: Sendable, Codable, Equatable {
    /// What an item that is not met earns.
    public enum NotMetRule: String, Sendable, Codable, CaseIterable {
        /// The weight times the percent of the targeted change achieved, clamped to 0…100; nothing where the
        /// percent cannot be worked out (no baseline, a range or a trend target).
        case proportional
        case zero
    }

    /// What an item settled by a reviewer earns.
    public enum QualitativeRule: String, Sendable, Codable, CaseIterable {
        /// The reviewer's marks (`ReviewerDecision.marks`, clamped to 0…weight) where given, else by verdict.
        case reviewerMarks
        /// Full marks when the reviewer found it met, nothing when not.
        case byVerdict
    }

    /// Points off a region's or department's hundred-mark score for each late or returned submission, up
    /// to a cap.
    public struct DeductionRule: Sendable, Codable, Equatable {
        public var perSubmission: Double
        /// The most this rule takes off one region or department; nil for no cap.
        public var cap: Double?

        public init(perSubmission: Double, cap: Double?) {
            self.perSubmission = perSubmission
            self.cap = cap
        }

        public static let none = DeductionRule(perSubmission: 0, cap: nil)

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(perSubmission, forKey: .perSubmission)
            try c.encode(cap, forKey: .cap)
        }
    }

    public var version: Int
    public var planTitle: String?
    /// The weight of an indicator neither `indicatorWeights` nor `domainWeights` names.
    public var defaultWeight: Double
    /// Weights by indicator code (or name, for an indicator without a code); these come first.
    public var indicatorWeights: [String: Double]
    /// Weights by top-level domain name, for the indicators of a domain not weighted one by one.
    public var domainWeights: [String: Double]
    public var whenNotMet: NotMetRule
    public var qualitativeItems: QualitativeRule
    public var late: DeductionRule
    /// Per return of a submission to its department (退回), counted as many times as it was returned.
    public var returned: DeductionRule

    public init(
        version: Int, planTitle: String? = nil, defaultWeight: Double = 1, indicatorWeights: [String: Double] = [:],
        domainWeights: [String: Double] = [:], whenNotMet: NotMetRule = .proportional,
        qualitativeItems: QualitativeRule = .reviewerMarks, late: DeductionRule = .none, returned: DeductionRule = .none
    ) {
        self.version = version
        self.planTitle = planTitle
        self.defaultWeight = defaultWeight
        self.indicatorWeights = indicatorWeights
        self.domainWeights = domainWeights
        self.whenNotMet = whenNotMet
        self.qualitativeItems = qualitativeItems
        self.late = late
        self.returned = returned
    }

    /// The weight of an indicator: its own, else its top-level domain's, else the default.
    public func weight(of indicator: IndicatorEvaluation) -> Double {
        indicatorWeights[indicator.key] ?? indicator.domain.first.flatMap { domainWeights[$0] } ?? defaultWeight
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(planTitle, forKey: .planTitle)
        try c.encode(defaultWeight, forKey: .defaultWeight)
        try c.encode(indicatorWeights, forKey: .indicatorWeights)
        try c.encode(domainWeights, forKey: .domainWeights)
        try c.encode(whenNotMet, forKey: .whenNotMet)
        try c.encode(qualitativeItems, forKey: .qualitativeItems)
        try c.encode(late, forKey: .late)
        try c.encode(returned, forKey: .returned)
    }
}

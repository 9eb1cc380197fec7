/// The judgement of one target against an actual value: met, not met, for a reviewer, or no data yet.
///
/// ```swift
/// let e = Evaluation(target: .parse("比2015年下降10%"), direction: .lower,
///                    baseline: 13.7, baselineYear: 2015, actual: 12.2)
/// e.status       // .met
/// e.threshold    // 12.33
/// e.explanation  // "实际值 12.2 ≤ 目标 12.33，达标"
/// ```
public struct Evaluation: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case met, notMet, needsReview, noData
    }

    public var status: Status
    /// The value the actual is compared with ("比2015年下降10%" on 13.7 → 12.33).
    public var threshold: Double?
    /// How the actual must relate to the threshold: "≥", ">", "≤", "<", "≈", "在…之间".
    public var comparator: String?
    /// Percent of the targeted change achieved: (actual − baseline) / (target − baseline) × 100.
    public var percentAchieved: Double?
    /// One line in Chinese ("实际值 12.2 ≤ 目标 12.33，达标").
    public var explanation: String

    public init(status: Status, threshold: Double? = nil, comparator: String? = nil, percentAchieved: Double? = nil, explanation: String) {
        self.status = status
        self.threshold = threshold
        self.comparator = comparator
        self.percentAchieved = percentAchieved
        self.explanation = explanation
    }

    /// Evaluates a target. `actualParts` holds one value per part of a compound target, in order;
    /// `previous` is last year's actual, the reference of trends and of "较前一年" changes.
    public init(
        target: TargetExpression, direction: Direction?, baseline: Double? = nil, baselineYear: Int? = nil,
        actual: Double?, actualParts: [Double] = [], previous: Double? = nil
    ) {
        let context = EvaluationContext(
            direction: direction, baseline: baseline, baselineYear: baselineYear, previous: previous)
        if case .compound(let parts) = target {
            self = context.evaluateCompound(parts, actual: actual, actualParts: actualParts)
        } else if let actual {
            self = context.evaluate(target, actual: actual)
        } else {
            self = Evaluation(status: .noData, explanation: "尚无实际值")
        }
    }

    /// The JSON form has every key, null where there is nothing to say.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(comparator, forKey: .comparator)
        try c.encode(percentAchieved, forKey: .percentAchieved)
        try c.encode(explanation, forKey: .explanation)
    }
}

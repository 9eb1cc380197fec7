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
    /// What the judgement rests on; the sentence is written only when someone reads it, because a
    /// province-wide evaluation makes hundreds of thousands of these and reads few.
    var note: EvaluationNote

    /// One line in Chinese ("实际值 12.2 ≤ 目标 12.33，达标").
    public var explanation: String { note.text }

    init(status: Status, threshold: Double? = nil, comparator: String? = nil, percentAchieved: Double? = nil, note: EvaluationNote) {
        self.status = status
        self.threshold = threshold
        self.comparator = comparator
        self.percentAchieved = percentAchieved
        self.note = note
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
            self = Evaluation(status: .noData, note: .noData)
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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(Status.self, forKey: .status)
        threshold = try c.decodeIfPresent(Double.self, forKey: .threshold)
        comparator = try c.decodeIfPresent(String.self, forKey: .comparator)
        percentAchieved = try c.decodeIfPresent(Double.self, forKey: .percentAchieved)
        note = .written(try c.decode(String.self, forKey: .explanation))
    }

    private enum CodingKeys: String, CodingKey {
        case status, threshold, comparator, percentAchieved, explanation
    }

    public static func == (a: Evaluation, b: Evaluation) -> Bool {
        a.status == b.status && a.threshold == b.threshold && a.comparator == b.comparator
            && a.percentAchieved == b.percentAchieved && a.explanation == b.explanation
    }
}

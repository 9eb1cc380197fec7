/// A reviewer's verdict on an item hcm cannot judge by itself: a qualitative target ("暗访达标", "出台"), a
/// reference to a superior's figure ("完成省级目标"), or a value entered as words ("已完成").
///
/// A decision replaces only a `needsReview` status: where the numbers already decide, a person's word does
/// not overrule them (a change of target goes through `TargetRevision` instead). The decision stays with its
/// author, time and evidence in the evaluation, so every met item can be traced to whoever confirmed it.
public struct ReviewerDecision: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        case met, notMet
    }

    /// The indicator's code, or its name where it has no code (as `Observation.indicator`): shown, not matched.
    public var indicator: String
    /// The stored indicator's id: what the decision is matched by (`evaluationKey`); nil for a plan not stored.
    public var indicatorID: Int64?
    public var regionCode: String
    public var year: Int
    public var verdict: Verdict
    /// What the verdict rests on ("暗访记录 2019-06-12，12 处公共场所均无吸烟").
    public var evidence: String
    public var author: String
    /// ISO 8601 time of the decision.
    public var decidedAt: String
    /// The reviewer's marks for the item, on the scale of its weight (3 of 4); nil to score by the verdict.
    public var marks: Double?

    public init(
        indicator: String, regionCode: String, year: Int, verdict: Verdict, evidence: String, author: String,
        decidedAt: String, marks: Double? = nil, indicatorID: Int64? = nil
    ) {
        self.indicatorID = indicatorID
        self.indicator = indicator
        self.regionCode = regionCode
        self.year = year
        self.verdict = verdict
        self.evidence = evidence
        self.author = author
        self.decidedAt = decidedAt
        self.marks = marks
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(indicator, forKey: .indicator)
        try c.encodeIfPresent(indicatorID, forKey: .indicatorID)
        try c.encode(regionCode, forKey: .regionCode)
        try c.encode(year, forKey: .year)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(author, forKey: .author)
        try c.encode(decidedAt, forKey: .decidedAt)
        try c.encode(marks, forKey: .marks)
    }

    /// The evaluation the decision turns a `needsReview` one into: its status, with the reviewer's sentence.
    func applied(to evaluation: Evaluation) -> Evaluation {
        let verdictText = verdict == .met ? "达标" : "未达标"
        return Evaluation(
            status: verdict == .met ? .met : .notMet, threshold: evaluation.threshold, comparator: evaluation.comparator,
            percentAchieved: evaluation.percentAchieved,
            note: .written("审核人\(author)于\(decidedAt)判定\(verdictText)，依据：\(evidence)"))
    }
}

import PlanCore

/// What `hcm target explain` reports: the reading of a target and, given an actual value, its evaluation.
struct TargetExplanation: Encodable, TextRepresentable {
    var text: String
    var parsed: TargetExpression
    var direction: Direction?
    var evaluation: Evaluation?

    init(text: String, direction: Direction?, baseline: Double?, baselineYear: Int?, actual: Double?, previous: Double?) {
        self.text = text
        parsed = TargetExpression.parse(text)
        self.direction =
            direction
            ?? DirectionInference.infer(name: nil, baseline: baseline, targets: [parsed])?.direction
        evaluation = actual.map {
            Evaluation(
                target: parsed, direction: self.direction, baseline: baseline, baselineYear: baselineYear,
                actual: $0, previous: previous)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(parsed, forKey: .parsed)
        try c.encode(direction, forKey: .direction)
        try c.encodeIfPresent(evaluation, forKey: .evaluation)
    }

    private enum CodingKeys: String, CodingKey {
        case text, parsed, direction, evaluation
    }

    var textLines: [String] {
        var lines = [
            "目标：\(text)",
            "类型：\(parsed.kind)",
            "规范写法：\(parsed.canonicalText)",
            "方向：\(direction.map { $0 == .higher ? "越高越好" : "越低越好" } ?? "未知")",
        ]
        if let evaluation {
            lines.append("评估：\(evaluation.status.rawValue) — \(evaluation.explanation)")
            if let achieved = evaluation.percentAchieved {
                lines.append("目标进度：\(NumberText.format(achieved))%")
            }
        }
        return lines
    }
}

/// The facts an evaluation rests on, written out as one Chinese sentence on demand.
enum EvaluationNote: Sendable {
    /// "实际值 12.2 ≤ 目标 12.33，达标"
    case compared(actual: Double, bound: Bound, against: String, threshold: Double, met: Bool)
    /// "实际值 41 在目标 40左右（38～42）范围内，达标"
    case about(actual: Double, value: Double, tolerance: Double, met: Bool)
    /// "实际值 14 不在目标区间 15～20 内，未达标"
    case range(actual: Double, low: Double, high: Double, met: Bool)
    /// Left to a reviewer, with the reason.
    case review(String)
    case noData
    /// One note per part of a compound target, with the part's label.
    case parts([(label: String?, note: EvaluationNote)])
    /// A sentence read back from JSON.
    case written(String)

    var text: String {
        switch self {
        case .compared(let actual, let bound, let against, let threshold, let met):
            let shown = met ? bound.symbol : bound.negated.symbol
            return "实际值 \(NumberText.format(actual)) \(shown) \(against) \(NumberText.format(threshold))，\(Self.verdict(met))"
        case .about(let actual, let value, let tolerance, let met):
            let band = "\(NumberText.format(value - tolerance))～\(NumberText.format(value + tolerance))"
            return "实际值 \(NumberText.format(actual)) \(met ? "在" : "不在")目标 \(NumberText.format(value))左右（\(band)）范围内，\(Self.verdict(met))"
        case .range(let actual, let low, let high, let met):
            let beyond = met && (actual < low || actual > high)
            let place = beyond ? "优于" : met ? "在" : "不在"
            return "实际值 \(NumberText.format(actual)) \(place)目标区间 \(NumberText.format(low))～\(NumberText.format(high))\(beyond ? "" : " 内")，\(Self.verdict(met))"
        case .review(let reason):
            return "需审核：" + reason
        case .noData:
            return "尚无实际值"
        case .parts(let parts):
            return parts.map { ($0.label.map { "\($0)：" } ?? "") + $0.note.text }.joined(separator: "；")
        case .written(let text):
            return text
        }
    }

    private static func verdict(_ met: Bool) -> String { met ? "达标" : "未达标" }
}

/// How an actual value must relate to a threshold.
enum Bound: Sendable {
    case atLeast, greaterThan, atMost, lessThan

    var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .greaterThan: ">"
        case .atMost: "≤"
        case .lessThan: "<"
        }
    }

    /// What holds when this does not: not ≥ is <.
    var negated: Bound {
        switch self {
        case .atLeast: .lessThan
        case .greaterThan: .atMost
        case .atMost: .greaterThan
        case .lessThan: .atLeast
        }
    }
}

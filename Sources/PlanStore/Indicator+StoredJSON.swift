import PlanCore

/// An indicator read from its stored JSON without decoding each target's `parsed` tree: the stores replace
/// dated targets by the targets table's current ones anyway, and parsing a target's text again is far cheaper
/// than decoding its parsed form (decoding took a fifth of every page that lists a plan's indicators).
struct StoredIndicatorJSON: Decodable {
    private struct TargetText: Decodable {
        var year: Int?
        var text: String
    }

    var code: String?
    var domain: [String]
    var name: String
    var unit: String?
    var direction: Direction?
    var nature: String?
    var baseline: Baseline?
    private var targets: [TargetText]
    var lead: [String]
    var cooperating: [String]
    var sourceLine: Int?
    var plausibleRange: PlausibleRange?

    /// The indicator with the dated targets given (the targets table's) and its own undated ones.
    func indicator(datedTargets: [Target]?) -> Indicator {
        Indicator(
            code: code, domain: domain, name: name, unit: unit, direction: direction, nature: nature, baseline: baseline,
            targets: datedTargets ?? targets.filter { $0.year == nil }.map { Target(year: nil, text: $0.text) },
            lead: lead, cooperating: cooperating, sourceLine: sourceLine, plausibleRange: plausibleRange)
    }
}

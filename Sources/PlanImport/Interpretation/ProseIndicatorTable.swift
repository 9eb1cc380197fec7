import Foundation
import PlanCore

/// A plan whose targets stand only in sentences is still monitorable: its prose targets become the indicators
/// of a table "文中目标" (name, unit, the year's target, a baseline the sentence gives), each with a warning to
/// confirm, since a sentence is not a table row.
enum ProseIndicatorTable {
    static let caption = "文中目标"

    static func make(from targets: [ProseTarget], warnings: inout [ImportWarning]) -> IndicatorTable? {
        guard !targets.isEmpty else { return nil }
        var indicators: [Indicator] = []
        for target in targets {
            let name = target.subject.trimmingPunctuation()
            guard !name.isEmpty else { continue }
            // The same subject stated again for another year adds a target to the indicator already made.
            if let index = indicators.firstIndex(where: { $0.name == name }) {
                if !indicators[index].targets.contains(where: { $0.year == target.year }) {
                    indicators[index].targets.append(Target(year: target.year, text: target.text, parsed: target.parsed))
                }
                continue
            }
            var indicator = Indicator(
                name: name, unit: unit(of: target.parsed), baseline: target.baseline,
                targets: [Target(year: target.year, text: target.text, parsed: target.parsed)], sourceLine: target.sourceLine)
            indicator.direction =
                DirectionInference.infer(
                    name: name, baseline: target.baseline?.value, targets: [target.parsed])?.direction
            indicators.append(indicator)
            warnings.append(
                ImportWarning(
                    sourceLine: target.sourceLine,
                    message: "指标“\(name)”\(target.year.map { "\($0)年" } ?? "")目标“\(target.text)”取自文中句子，已列入“\(caption)”，请确认指标名称、单位与牵头部门"))
        }
        return indicators.isEmpty ? nil : IndicatorTable(caption: caption, indicators: indicators)
    }

    private static func unit(of expression: TargetExpression) -> String? {
        switch expression {
        case .comparison(let c): c.unit
        case .range(let r): r.unit
        case .compound(let parts): parts.lazy.compactMap { unit(of: $0) }.first
        default: nil
        }
    }
}

import Foundation
import PlanCore

/// Reads a key-project table (附表 重点工程): name, content and investments, whose unit the caption
/// ("（单位：亿元）") or the header ("总投资（亿元）") states.
enum ProjectTableReader {
    static func isProjectTable(_ layout: ColumnLayout) -> Bool {
        layout.column(.projectName) != nil
    }

    static func read(grid: TableGrid, layout: ColumnLayout, caption: String, warnings: inout [ImportWarning]) -> [Project] {
        guard let name = layout.column(.projectName) else { return [] }
        let content = layout.column(.projectContent)
        let total = layout.column(.totalInvestment)
        let planned = layout.column(.plannedInvestment)
        let headerText = grid.rows.prefix(layout.headerRowCount).flatMap(\.cells).map(\.text).joined(separator: " ")
        let unit = moneyUnit(in: caption) ?? moneyUnit(in: headerText)
        if unit == nil, total != nil {
            warnings.append(ImportWarning(sourceLine: grid.rows.first?.line, message: "重点工程表未注明投资单位"))
        }
        return grid.rows.dropFirst(layout.headerRowCount).compactMap { row in
            let projectName = row[name]
            guard !projectName.isEmpty else { return nil }
            return Project(
                name: projectName,
                content: content.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 },
                totalInvestment: total.flatMap { investment(row[$0], unit: unit) },
                plannedInvestment: planned.flatMap { investment(row[$0], unit: unit) })
        }
    }

    private static func investment(_ text: String, unit: String?) -> Investment? {
        let written = text.trimmed()
        guard !written.isEmpty else { return nil }
        return Investment(text: written, value: TargetExpression.parse(written).singleValue, unit: unit)
    }

    /// "（单位：亿元）", "总投资（万元）".
    static func moneyUnit(in text: String) -> String? {
        for unit in ["亿元", "万元", "千元", "元"] where text.contains(unit) {
            return unit
        }
        return nil
    }
}

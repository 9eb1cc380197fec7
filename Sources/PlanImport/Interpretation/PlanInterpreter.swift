import Foundation
import PlanCore

/// Reads a `Plan` out of a `PlanDocument`: heading facts, indicator and project tables, actions and tasks,
/// prose targets and the reporting deadline. What it has to guess it still imports, with a warning naming
/// the source line.
public enum PlanInterpreter {
    public static func interpret(_ document: PlanDocument) -> Plan {
        let paragraphs = document.blocks.compactMap { block -> OutlineParagraph? in
            if case .paragraph(let p) = block { return OutlineParagraph(p) }
            return nil
        }
        let heading = PlanHeadingReader(paragraphs: paragraphs)
        var warnings = document.warnings.map { ImportWarning(sourceLine: $0.line, message: $0.message) }
        var plan = Plan(
            title: heading.title ?? "", region: heading.region, period: heading.period, baseYear: heading.baseYear,
            reportingDeadline: heading.reportingDeadline)
        if heading.citedTitle, let title = heading.title {
            warnings.append(ImportWarning(sourceLine: heading.titleLine, message: "没有标题行，规划标题“\(title)”取自文中引用的《…》，请确认"))
        }
        if heading.title == nil {
            warnings.append(ImportWarning(sourceLine: nil, message: "文档中没有找到规划标题，请在导入审核时填写"))
        }
        if heading.period == nil {
            warnings.append(ImportWarning(sourceLine: heading.titleLine, message: "没有找到规划期（起止年份），目标年份无法与规划期核对"))
        }
        if let region = heading.region {
            warnings.append(ImportWarning(sourceLine: heading.titleLine, message: "地区“\(region)”由标题推断"))
        }

        var stated: [Int] = []
        for (index, block) in document.blocks.enumerated() {
            guard case .table(let table) = block else { continue }
            let caption = caption(before: index, in: document.blocks)
            var reader = IndicatorTableReader(table: table, period: heading.period)
            if ProjectTableReader.isProjectTable(reader.layout) {
                plan.projects += ProjectTableReader.read(
                    grid: reader.grid, layout: reader.layout, caption: caption.text, warnings: &warnings)
            } else if reader.isIndicatorTable {
                plan.indicatorTables.append(reader.read(caption: caption.text, period: heading.period))
                warnings += reader.warnings
                if let year = reader.layout.statedBaselineYear { stated.append(year) }
            } else {
                let firstCell = table.rows.first?.cells.first { !$0.text.isEmpty }?.text ?? ""
                let name = caption.line == nil ? "首格为“\(firstCell.prefix(20))”的表格" : "表格“\(caption.text)”"
                warnings.append(
                    ImportWarning(
                        sourceLine: table.rows.first?.line,
                        message: "\(name)既不是指标表也不是重点工程表（如专栏、说明框），未作为指标导入：缺少\(reader.missingForIndicatorTable.joined(separator: "和"))"))
            }
        }
        if plan.baseYear == nil { plan.baseYear = stated.first }
        fillBaselinesFromCompletionTables(&plan, warnings: &warnings)
        plan.actions = ActionReader.read(paragraphs, warnings: &warnings)
        plan.proseTargets = ProseTargetReader.read(paragraphs, period: heading.period)
        // Without a table of targets, the sentences are the plan's indicators.
        if !plan.indicatorTables.contains(where: { $0.indicators.contains { !$0.targets.isEmpty } }),
            let table = ProseIndicatorTable.make(from: plan.proseTargets, warnings: &warnings)
        {
            plan.indicatorTables.append(table)
        }
        plan.warnings = warnings
        return plan
    }

    /// The table's caption: the short paragraph right before it.
    private static func caption(before index: Int, in blocks: [PlanDocument.Block]) -> (text: String, line: Int?) {
        if index > 0, case .paragraph(let p) = blocks[index - 1], p.text.count <= 80 {
            return (PlanHeadingReader.closeGaps(p.text), p.line)
        }
        return ("表格", nil)
    }

    /// A table of an earlier period's results (主要指标完成情况) gives baselines to the same-named indicators
    /// of the target tables.
    private static func fillBaselinesFromCompletionTables(_ plan: inout Plan, warnings: inout [ImportWarning]) {
        let completion = plan.indicatorTables.filter { table in
            table.indicators.allSatisfy { $0.targets.isEmpty } && table.indicators.contains { $0.baseline != nil }
        }
        guard !completion.isEmpty else { return }
        for t in plan.indicatorTables.indices where plan.indicatorTables[t].indicators.contains(where: { !$0.targets.isEmpty }) {
            for i in plan.indicatorTables[t].indicators.indices where plan.indicatorTables[t].indicators[i].baseline == nil {
                let indicator = plan.indicatorTables[t].indicators[i]
                for table in completion {
                    guard let source = table.indicators.first(where: { $0.name == indicator.name }), let baseline = source.baseline
                    else { continue }
                    plan.indicatorTables[t].indicators[i].baseline = baseline
                    warnings.append(
                        ImportWarning(
                            sourceLine: indicator.sourceLine,
                            message: "“\(indicator.name)”的基线取自“\(table.caption)”中同名指标（\(baseline.text)）"))
                    break
                }
            }
        }
    }
}

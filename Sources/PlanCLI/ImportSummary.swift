import PlanCore

/// What `hcm import` prints: the whole Plan as JSON, or a summary for a person.
struct ImportSummary: Encodable, TextRepresentable {
    var plan: Plan

    func encode(to encoder: any Encoder) throws {
        try plan.encode(to: encoder)
    }

    var textLines: [String] {
        var lines = ["标题：\(plan.title.isEmpty ? "（未识别）" : plan.title)"]
        lines.append("地区：\(plan.region ?? "—")　规划期：\(plan.period.map { "\($0.start)–\($0.end)" } ?? "—")　基准年：\(plan.baseYear.map(String.init) ?? "—")　填报截止：\(plan.reportingDeadline ?? "—")")
        for table in plan.indicatorTables {
            lines.append("指标表“\(table.caption)”：\(table.indicators.count) 项指标")
            for group in table.groups {
                lines.append("  \(group.name)：\(count(group)) 项")
            }
        }
        let tasks = plan.actions.flatMap(\.tasks)
        lines.append("行动：\(plan.actions.count) 项，任务 \(tasks.count) 项（其中 \(tasks.filter { !$0.lead.isEmpty }.count) 项有牵头单位）")
        lines.append("重点工程：\(plan.projects.count) 项")
        lines.append("文中目标：\(plan.proseTargets.count) 项")
        for target in plan.proseTargets {
            lines.append("  \(target.subject)（\(target.year.map { "\($0)年" } ?? "—")）：\(target.text)")
        }
        lines.append("警告：\(plan.warnings.count) 条")
        for warning in plan.warnings {
            lines.append("  \(warning.sourceLine.map { "第 \($0) 行" } ?? "全文")：\(warning.message)")
        }
        return lines
    }

    private func count(_ group: IndicatorGroup) -> Int {
        group.indicatorIndices.count + group.children.map(count).reduce(0, +)
    }
}

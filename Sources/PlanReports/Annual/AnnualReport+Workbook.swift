import Foundation
import PlanCore

extension AnnualReport {
    /// The header of the indicator × region table in the workbook and the CSV.
    static let detailHeader = [
        "领域", "编号", "指标", "单位", "地区代码", "地区", "目标年度", "目标", "实际值", "实际（数值）", "状态", "比较值", "完成比例",
        "趋势", "预测年度", "预测值", "预警", "牵头部门", "说明",
    ]

    /// Every indicator × region evaluation as one row, in plan order then region order.
    var detailRows: [(domain: String, cells: [Workbook.Cell])] {
        evaluations.flatMap { region in
            region.indicators.map { e in
                let domain = e.domain.first ?? EvaluationSummary.unassigned
                let actual = e.actualText.flatMap { TargetExpression.parse($0).singleValue }
                return (domain, [
                    .text(domain), .text(e.code), .text(e.name), .text(e.unit), .text(region.regionCode),
                    .text(regionName(region.regionCode)), .number(e.targetYear.map(Double.init), format: "0"), .text(e.targetText),
                    .text(e.actualText), .number(actual, format: "0.00"),
                    Workbook.Cell.text(e.status.chineseName, fill: e.status.shading),
                    .number(e.evaluation.threshold, format: "0.00"), .number(e.percentAchieved.map { $0 / 100 }, format: "0.0%"),
                    .text(e.trend?.chineseName), .number(e.projection.map { Double($0.year) }, format: "0"),
                    .number(e.projection?.value, format: "0.00"), .text(e.atRisk ? "预警" : nil),
                    .text(e.lead.joined(separator: "、")), .text(e.explanation),
                ])
            }
        }
    }

    /// The indicator table as a workbook: a sheet per domain (indicator × region rows with targets, actuals
    /// and judgements, numbers as numbers), the rankings, and the summary.
    public func workbook() -> Workbook {
        let header = Self.detailHeader.map { Workbook.Cell.text($0, bold: true, fill: "DCE6F1") }
        let widths: [Double] = [12, 7, 30, 8, 10, 10, 8, 14, 12, 10, 8, 10, 10, 10, 8, 10, 6, 18, 40]
        var sheets: [Workbook.Sheet] = [
            Workbook.Sheet(
                name: "总体情况", columns: [Workbook.Column(width: 100)],
                rows: [[.text(title, bold: true)]] + summary.map { [.text($0)] }, frozenRows: 0, autoFilter: false)
        ]
        let rows = detailRows
        for domain in domains {
            sheets.append(Workbook.Sheet(
                name: domain.name, columns: widths.map { Workbook.Column(width: $0) },
                rows: [header] + rows.filter { $0.domain == domain.name }.map(\.cells)))
        }
        sheets.append(rankingSheet("地区排名", assessment.regions, named: regionName))
        sheets.append(rankingSheet("部门排名", assessment.departments, named: { $0 }))
        return Workbook(title: title, sheets: sheets)
    }

    private func rankingSheet(_ name: String, _ cards: [ScoreCard], named: (String) -> String) -> Workbook.Sheet {
        let header = ["排名", "名称", "得分", "应得", "实得", "扣分", "评价项"].map { Workbook.Cell.text($0, bold: true, fill: "DCE6F1") }
        var rows: [[Workbook.Cell]] = [header]
        for card in cards {
            let cells: [Workbook.Cell] = [
                .number(Double(card.rank), format: "0"), .text(named(card.name)), .number(card.score, format: "0.00"),
                .number(card.possible, format: "0.00"), .number(card.earned, format: "0.00"),
                .number(card.deducted, format: "0.00"), .number(Double(card.items.count), format: "0"),
            ]
            rows.append(cells)
        }
        return Workbook.Sheet(name: name, columns: [6, 24, 10, 10, 10, 10, 8].map { Workbook.Column(width: $0) }, rows: rows)
    }

    /// The indicator × region table as CSV (see `CSVTable`).
    public func csv() -> Data {
        CSVTable(header: Self.detailHeader, rows: detailRows.map { $0.cells.map(\.csvText) }).data
    }
}

extension Workbook.Cell {
    /// The cell as CSV text: numbers as written by Swift (shortest exact form), percents as percents.
    var csvText: String {
        switch value {
        case .text(let text): text
        case .number(let number) where numberFormat == "0.0%": String(format: "%.1f%%", number * 100)
        case .number(let number) where numberFormat == "0": String(Int(number))
        case .number(let number): "\(number)"
        case .empty: ""
        }
    }
}

import PlanCore

/// The report's tables as rows of text cells, once for every format (DOCX and HTML show them as they are;
/// the workbook keeps numbers as numbers).
extension AnnualReport {
    struct TextTable {
        var header: [String]
        var widths: [Double]
        var rows: [[Cell]]

        struct Cell {
            var text: String
            var isNumber = false
            var status: Evaluation.Status?
        }
    }

    /// One domain's indicators: with one region, its values and judgements; with several, how many regions
    /// stand where.
    func domainTable(_ domain: String) -> TextTable {
        let rows = indicatorRows(in: domain)
        if evaluations.count == 1 {
            return TextTable(
                header: ["编号", "指标", "单位", "目标", "实际", "状态", "完成比例", "趋势", "牵头部门"],
                widths: [1.2, 4.2, 1.4, 2.0, 1.8, 1.4, 1.6, 1.4, 2.4],
                rows: rows.map { row in
                    let e = row.regions[0]
                    return [
                        .init(text: e.code ?? ""), .init(text: e.name), .init(text: e.unit ?? ""), .init(text: e.targetText ?? "—"),
                        .init(text: e.actualText ?? "—", isNumber: true), .init(text: e.status.chineseName, status: e.status),
                        .init(text: e.percentAchieved.map(Self.percent) ?? "—", isNumber: true),
                        .init(text: (e.trend?.chineseName ?? "—") + (e.atRisk ? "（预警）" : "")),
                        .init(text: e.lead.joined(separator: "、")),
                    ]
                })
        }
        return TextTable(
            header: ["编号", "指标", "单位", "目标", "达标", "未达标", "待判定", "无数据", "预警", "牵头部门"],
            widths: [1.2, 4.4, 1.4, 2.0, 1.1, 1.2, 1.2, 1.2, 1.1, 2.6],
            rows: rows.map { row in
                let first = row.regions[0]
                func count(_ status: Evaluation.Status) -> TextTable.Cell {
                    let n = row.regions.filter { $0.status == status }.count
                    return .init(text: "\(n)", isNumber: true, status: n > 0 && status != .met ? status : nil)
                }
                return [
                    .init(text: first.code ?? ""), .init(text: first.name), .init(text: first.unit ?? ""),
                    .init(text: first.targetText ?? "—"), count(.met), count(.notMet), count(.needsReview), count(.noData),
                    .init(text: "\(row.regions.filter(\.atRisk).count)", isNumber: true), .init(text: first.lead.joined(separator: "、")),
                ]
            })
    }

    /// Each indicator of a domain with its evaluation in every region, in plan order.
    func indicatorRows(in domain: String) -> [(key: String, regions: [IndicatorEvaluation])] {
        guard let first = evaluations.first else { return [] }
        return first.indicators.indices.compactMap { index in
            let indicator = first.indicators[index]
            guard (indicator.domain.first ?? EvaluationSummary.unassigned) == domain else { return nil }
            return (indicator.key, evaluations.map { $0.indicators[index] })
        }
    }

    var shortfallTable: TextTable {
        TextTable(
            header: ["指标", "地区", "实际", "目标", "判定", "牵头部门"],
            widths: [5.0, 2.2, 1.8, 2.2, 3.0, 3.0],
            rows: shortfalls.map { item in
                let e = item.indicator
                let verdict = e.status == .notMet ? (e.atRisk ? "未达标，预警" : "未达标") : "预警：预计难以达标"
                return [
                    .init(text: [e.code, e.name].compactMap { $0 }.joined(separator: " ")), .init(text: regionName(item.region)),
                    .init(text: e.actualText ?? "—", isNumber: true), .init(text: e.targetText ?? "—"),
                    .init(text: verdict, status: e.status == .notMet ? .notMet : .needsReview), .init(text: e.lead.joined(separator: "、")),
                ]
            })
    }

    func rankingTable(_ cards: [ScoreCard], named: (String) -> String, kind: String) -> TextTable {
        TextTable(
            header: ["排名", kind, "得分", "应得", "实得", "扣分", "评价项"],
            widths: [1.2, 5.0, 1.6, 1.6, 1.6, 1.4, 1.6],
            rows: cards.map { card in
                [
                    .init(text: "\(card.rank)", isNumber: true), .init(text: named(card.name)),
                    .init(text: Self.score(card.score), isNumber: true), .init(text: Self.score(card.possible), isNumber: true),
                    .init(text: Self.score(card.earned), isNumber: true), .init(text: Self.score(card.deducted), isNumber: true),
                    .init(text: "\(card.items.count)", isNumber: true),
                ]
            })
    }
}

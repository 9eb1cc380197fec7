import Foundation
import PlanCore

extension AnnualReport {
    /// The report as a Word document: title page, summary, a chart and a table per domain, the shortfalls,
    /// and the rankings.
    public func wordDocument() -> WordDocument {
        var blocks: [WordDocument.Block] = [
            .title(title),
            .paragraph([WordDocument.Run("评估年度：\(year) 年" + (period.map { "　规划期：\($0.start)–\($0.end) 年" } ?? ""))]),
            .paragraph([WordDocument.Run("由 hcm 健康城市监测依据已审核通过的监测数据生成。")]),
            .pageBreak,
            .heading("一、总体情况", level: 1),
        ]
        blocks += summary.map { .paragraph([WordDocument.Run($0)]) }
        let chart = DomainStatusChart(domains: domains)
        let image = chart.png()
        blocks.append(.picture(WordDocument.Picture(
            png: image.png, widthCM: 15, heightCM: 15 * Double(image.height) / Double(image.width),
            description: "各领域指标达标情况：自左至右依次为达标、未达标、待判定、无数据")))
        blocks.append(.paragraph([WordDocument.Run("图 1　各领域指标达标情况（自左至右：达标、未达标、待判定、无数据）")]))
        blocks.append(.table(Self.word(domainOverview)))

        blocks.append(.heading("二、分领域指标情况", level: 1))
        for (index, domain) in domains.enumerated() {
            blocks.append(.heading("（\(Self.chineseNumeral(index + 1))）\(domain.name)", level: 2))
            blocks.append(.table(Self.word(domainTable(domain.name))))
        }
        blocks.append(.heading("三、未达标和预警指标", level: 1))
        let shortfalls = shortfallTable
        blocks.append(shortfalls.rows.isEmpty ? .paragraph([WordDocument.Run("没有未达标或预警的指标。")]) : .table(Self.word(shortfalls)))
        blocks.append(.heading("四、考核排名", level: 1))
        blocks.append(.heading("（一）地区排名", level: 2))
        blocks.append(.table(Self.word(rankingTable(assessment.regions, named: regionName, kind: "地区"))))
        blocks.append(.heading("（二）牵头部门排名", level: 2))
        blocks.append(.table(Self.word(rankingTable(assessment.departments, named: { $0 }, kind: "牵头部门"))))
        return WordDocument(title: title, blocks: blocks)
    }

    /// Counts per domain, the numbers behind the chart.
    var domainOverview: TextTable {
        TextTable(
            header: ["领域", "达标", "未达标", "待判定", "无数据", "预警", "达标率"],
            widths: [5.0, 1.6, 1.6, 1.6, 1.6, 1.4, 2.0],
            rows: (domains + [GroupCounts(name: "合计", counts: total)]).map { group in
                let c = group.counts
                let judged = c.met + c.notMet
                return [
                    .init(text: group.name), .init(text: "\(c.met)", isNumber: true), .init(text: "\(c.notMet)", isNumber: true),
                    .init(text: "\(c.needsReview)", isNumber: true), .init(text: "\(c.noData)", isNumber: true),
                    .init(text: "\(c.atRisk)", isNumber: true),
                    .init(text: judged == 0 ? "—" : Self.percent(Double(c.met) / Double(judged) * 100), isNumber: true),
                ]
            })
    }

    static func word(_ table: TextTable) -> WordDocument.Table {
        WordDocument.Table(
            widths: table.widths, header: table.header,
            rows: table.rows.map { row in row.map { WordDocument.Cell($0.text, number: $0.isNumber, shading: $0.status?.shading) } })
    }

    static func chineseNumeral(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        switch n {
        case 1...9: return digits[n]
        case 10: return "十"
        case 11...19: return "十" + digits[n - 10]
        default: return "\(n)"
        }
    }
}

import Foundation
import PlanCore

extension AnnualReport {
    /// A scorecard per lead department (部门考核计分卡), each on its own page: the score, rank and deductions,
    /// and per indicator how its regions stood and what it earned, so every point can be traced.
    public func scorecards() -> WordDocument {
        var blocks: [WordDocument.Block] = []
        let departments = assessment.departments
        for (index, card) in departments.enumerated() {
            if index > 0 { blocks.append(.pageBreak) }
            blocks.append(.heading("\(card.name) \(year) 年度考核计分卡", level: 1))
            blocks.append(.paragraph([
                WordDocument.Run("得分 "), WordDocument.Run(Self.score(card.score), bold: true),
                WordDocument.Run("（第 \(card.rank) 名，共 \(departments.count) 个牵头部门）；应得 \(Self.score(card.possible))，"
                    + "实得 \(Self.score(card.earned))，扣分 \(Self.score(card.deducted))。评分方案第 \(assessment.schemeVersion) 版。"),
            ]))
            blocks.append(.table(Self.word(scorecardTable(card))))
            if !card.deductions.isEmpty {
                blocks.append(.paragraph([WordDocument.Run("扣分：", bold: true)]))
                blocks += card.deductions.map { .bullet("\(regionName($0.regionCode)) \($0.indicator)：\($0.reason)") }
            }
        }
        if blocks.isEmpty { blocks.append(.paragraph([WordDocument.Run("没有可计分的牵头部门。")])) }
        return WordDocument(title: "\(planTitle) \(year) 年度部门考核计分卡", blocks: blocks)
    }

    /// A department's items grouped by indicator: how many regions met it, and the points over all regions.
    func scorecardTable(_ card: ScoreCard) -> TextTable {
        // Grouped by the indicator's id where there is one: two tables of a plan may share a code.
        var order: [String] = []
        var groups: [String: [ScoreItem]] = [:]
        for item in card.items {
            let key = item.indicatorID.map { "#\($0)" } ?? item.indicator
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(item)
        }
        return TextTable(
            header: ["编号", "指标", "达标地区", "未达标", "其他", "得分", "满分"],
            widths: [1.4, 6.6, 1.6, 1.4, 1.4, 1.6, 1.6],
            rows: order.map { key in
                let items = groups[key]!
                let met = items.filter { $0.status == .met }.count, notMet = items.filter { $0.status == .notMet }.count
                return [
                    .init(text: items[0].indicator), .init(text: items[0].name),
                    .init(text: "\(met)/\(items.count)", isNumber: true, status: met == items.count ? .met : nil),
                    .init(text: "\(notMet)", isNumber: true, status: notMet > 0 ? .notMet : nil),
                    .init(text: "\(items.count - met - notMet)", isNumber: true),
                    .init(text: Self.score(items.map(\.earned).reduce(0, +)), isNumber: true),
                    .init(text: Self.score(items.map(\.weight).reduce(0, +)), isNumber: true),
                ]
            })
    }
}

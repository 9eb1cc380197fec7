import Foundation
import PlanCore

/// The annual monitoring and evaluation report (年度监测评估报告) of a plan for a year: what `hcm evaluate`
/// computes — every region's evaluation and the assessment's rankings — arranged as the office writes it up:
/// summary paragraphs, one table per domain, the unmet and at-risk indicators with their lead departments,
/// and the region and department rankings. Written as DOCX, HTML, XLSX and CSV from this one model, so
/// every format carries the same numbers.
public struct AnnualReport: Sendable {
    public var planTitle: String
    public var year: Int
    public var period: Period?
    public var evaluations: [RegionEvaluation]
    public var assessment: Assessment
    /// Region names by code; a region without one is shown by its code.
    public var regionNames: [String: String]

    public init(
        planTitle: String, year: Int, period: Period?, evaluations: [RegionEvaluation], assessment: Assessment,
        regionNames: [String: String]
    ) {
        self.planTitle = planTitle
        self.year = year
        self.period = period
        self.evaluations = evaluations
        self.assessment = assessment
        self.regionNames = regionNames
    }

    public var title: String { "\(planTitle) \(year) 年度监测评估报告" }

    func regionName(_ code: String) -> String { regionNames[code] ?? code }

    /// Counts over every indicator × region.
    var total: StatusCounts { evaluations.map(\.summary.total).reduce(StatusCounts(), +) }

    /// The top-level domains in plan order, with their counts over every region.
    var domains: [GroupCounts] {
        var order: [String] = []
        var counts: [String: StatusCounts] = [:]
        for region in evaluations {
            for group in region.summary.byDomain {
                if counts[group.name] == nil { order.append(group.name) }
                counts[group.name] = (counts[group.name] ?? StatusCounts()) + group.counts
            }
        }
        return order.map { GroupCounts(name: $0, counts: counts[$0]!) }
    }

    /// Every indicator × region judged not met or at risk, domain by domain, for the office to follow up.
    var shortfalls: [(region: String, indicator: IndicatorEvaluation)] {
        evaluations.flatMap { region in
            region.indicators.filter { $0.status == .notMet || $0.atRisk }.map { (region.regionCode, $0) }
        }
    }

    /// The summary paragraphs, written from the results.
    var summary: [String] {
        let total = total
        let indicatorCount = evaluations.first?.indicators.count ?? 0
        func share(_ n: Int, of d: Int) -> String { d == 0 ? "—" : Self.percent(Double(n) / Double(d) * 100) }
        var paragraphs = [
            "\(year) 年度监测评估覆盖 \(evaluations.count) 个地区、\(indicatorCount) 项指标，共 \(total.total) 个指标×地区评价项。"
                + "已作出判定的 \(total.met + total.notMet) 项中达标 \(total.met) 项（\(share(total.met, of: total.met + total.notMet))），"
                + "未达标 \(total.notMet) 项；另有待审核判定 \(total.needsReview) 项，无数据 \(total.noData) 项"
                + "（\(share(total.noData, of: total.total))）。"
        ]
        if let end = period?.end, year < end {
            paragraphs.append("按目前的变化趋势推算，有 \(total.atRisk) 项预计到 \(end) 年难以达到规划目标（预警），需要重点推进。")
        } else if total.atRisk > 0 {
            paragraphs.append("有 \(total.atRisk) 项按趋势推算难以达到目标（预警）。")
        }
        let judged = domains.filter { $0.counts.met + $0.counts.notMet > 0 }
        func rate(_ g: GroupCounts) -> Double { Double(g.counts.met) / Double(g.counts.met + g.counts.notMet) * 100 }
        if let best = judged.max(by: { rate($0) < rate($1) }), let worst = judged.min(by: { rate($0) < rate($1) }), judged.count > 1 {
            paragraphs.append(
                "在已作出判定的指标中，达标率最高的领域是“\(best.name)”（\(Self.percent(rate(best)))），"
                    + "最低的是“\(worst.name)”（\(Self.percent(rate(worst)))）。")
        }
        if let region = assessment.regions.first, let department = assessment.departments.first {
            paragraphs.append(
                "综合得分（评分方案第 \(assessment.schemeVersion) 版）地区第一为\(regionName(region.name))（\(Self.score(region.score)) 分），"
                    + "牵头部门第一为\(department.name)（\(Self.score(department.score)) 分）。")
        }
        return paragraphs
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }
    static func score(_ value: Double) -> String { String(format: "%.2f", value) }
}

extension AnnualReport {
    /// The formats the report is written in: file extensions, and "scorecards" for the departments'
    /// scorecards (a .docx).
    public static let formats = ["docx", "html", "xlsx", "csv", "scorecards"]

    /// The report as a file of `format` (one of `formats`).
    public func file(_ format: String) throws -> Data {
        switch format {
        case "docx": try wordDocument().docx()
        case "scorecards": try scorecards().docx()
        case "html": Data(html().utf8)
        case "xlsx": try workbook().xlsx()
        case "csv": csv()
        default: throw CocoaError(.fileWriteUnsupportedScheme)
        }
    }

    /// The summary paragraphs (as in the report's first section).
    public var summaryParagraphs: [String] { summary }
}

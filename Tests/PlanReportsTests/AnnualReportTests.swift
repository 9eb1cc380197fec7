import Foundation
import PlanCore
import Testing

@testable import PlanReports

/// The annual report of the Wenzhou plan (seed 000) for 2019 over two regions, with values chosen so every
/// number can be worked out by hand, in every format.
@Suite struct AnnualReportTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func plan() throws -> Plan {
        let url = here.appendingPathComponent("../PlanCoreTests/Fixtures/seed-wenzhou-plan.json").standardized
        return try JSONDecoder().decode(Plan.self, from: Data(contentsOf: url))
    }

    /// 人均预期寿命 (code 1, target 2019: 80.97, higher is better): 81.0 in A (met), 80.5 in B (not met).
    /// 国民体质监测合格率 (code 4, target 2019: 92.5): 93 in A (met), nothing in B. Every other indicator has no
    /// value. A submitted-but-unapproved value counts for nothing.
    static func report() throws -> AnnualReport {
        let plan = try plan()
        func value(_ code: String, _ region: String, _ text: String, _ status: Observation.Status = .approved) -> Observation {
            Observation(indicator: code, regionCode: region, year: 2019, valueText: text, status: status)
        }
        let observations = [value("1", "A", "81.0"), value("1", "B", "80.5"), value("4", "A", "93"), value("4", "B", "90", .submitted)]
        let evaluations = PlanEvaluator(plan: plan, observations: observations).evaluateAllRegions(year: 2019)
        let assessment = ScoringScheme(version: 3).assess(evaluations)
        return AnnualReport(
            planTitle: plan.title, year: 2019, period: plan.period, evaluations: evaluations, assessment: assessment,
            regionNames: ["A": "甲区", "B": "乙县"])
    }

    @Test func theNumbersAreWorkedOutByHand() throws {
        let report = try Self.report()
        let indicators = report.evaluations[0].indicators.count
        #expect(indicators == 141)
        // 141 indicators × 2 regions = 282 items: 2 met (1 in A, 4 in A), 1 not met (1 in B), the rest no data.
        #expect(report.total == StatusCounts(met: 2, notMet: 1, needsReview: 0, noData: 279, atRisk: 0))
        #expect(report.summary[0] == "2019 年度监测评估覆盖 2 个地区、141 项指标，共 282 个指标×地区评价项。"
            + "已作出判定的 3 项中达标 2 项（66.7%），未达标 1 项；另有待审核判定 0 项，无数据 279 项（98.9%）。")
        let health = try #require(report.domains.first)
        #expect(health.name == "健康水平")
        // 健康水平 holds codes 1–5: 10 items, 2 met, 1 not met, 7 without data.
        #expect(health.counts == StatusCounts(met: 2, notMet: 1, needsReview: 0, noData: 7, atRisk: 0))
        let table = report.domainTable("健康水平")
        #expect(table.rows.count == 5)
        #expect(table.rows[0].map(\.text) == ["1", "人均预期寿命", "岁", "80.97", "1", "1", "0", "0", "0", "市卫生计生委"])
        #expect(table.rows[3].map(\.text)[4...7] == ["1", "0", "0", "1"])
        #expect(report.shortfallTable.rows.map { $0.map(\.text) } == [["1 人均预期寿命", "乙县", "80.5", "80.97", "未达标", "市卫生计生委"]])
        // Scheme 3, equal weights, proportional marks: A earns 2 of 141 possible points, B 0 (80.5 has no
        // baseline to measure progress from) → A ranks first with 2/141 × 100 = 1.42. 市体育局 leads codes 4
        // and 7 (table 2 writes it 体育, another name): 4 items over both regions, 1 earned → 25.00, ahead of
        // 市卫生计生委 (1 earned of far more).
        #expect(report.assessment.regions.map(\.name) == ["A", "B"])
        #expect(report.assessment.regions.map(\.score) == [1.42, 0])
        #expect(report.summary.last == "综合得分（评分方案第 3 版）地区第一为甲区（1.42 分），牵头部门第一为市体育局（25.00 分）。")
    }

    @Test func theWorkbookKeepsNumbersAsNumbers() throws {
        let report = try Self.report()
        let workbook = report.workbook()
        #expect(workbook.sheets.map(\.name).prefix(2) == ["总体情况", "健康水平"])
        let health = workbook.sheets[1]
        #expect(health.rows.count == 1 + 5 * 2)
        let a = health.rows[1]
        #expect(a[2] == .text("人均预期寿命") && a[4] == .text("A") && a[5] == .text("甲区"))
        #expect(a[9] == .number(81.0, format: "0.00"))
        #expect(a[10].value == .text("达标"))
        let csv = String(decoding: report.csv(), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}领域,编号,指标,单位,地区代码,地区,目标年度,目标,实际值,实际（数值）,状态"))
        #expect(csv.contains("\r\n健康水平,1,人均预期寿命,岁,B,乙县,2019,80.97,80.5,80.5,未达标,80.97,"))
    }

    /// Each lead department on its own page, its points traced per indicator over the regions.
    @Test func eachDepartmentHasAScorecard() throws {
        let report = try Self.report()
        let document = report.scorecards()
        let headings = document.blocks.compactMap { if case .heading(let text, _) = $0 { text } else { nil } }
        #expect(headings.count == report.assessment.departments.count)
        #expect(headings.first == "市体育局 2019 年度考核计分卡")
        let sports = try #require(report.assessment.departments.first { $0.name == "市体育局" })
        // Codes 4 and 7 in regions A and B: 4 met in A (1 point of 2), 7 without data anywhere.
        #expect(report.scorecardTable(sports).rows.map { $0.map(\.text) } == [
            ["4", "国民体质监测合格率", "1/2", "0", "1", "1.00", "2.00"],
            ["7", "经常参加体育锻炼人数比例", "0/2", "0", "2", "0.00", "2.00"],
        ])
        #expect(document.blocks.filter { if case .pageBreak = $0 { true } else { false } }.count == headings.count - 1)
    }

    /// The HTML report is compared with a reviewed copy; `HCM_UPDATE_GOLDEN=1 swift test` rewrites the copy
    /// after an intended change (review its diff before committing).
    @Test func theHTMLReportMatchesItsGoldenFile() throws {
        let html = try Self.report().html()
        let golden = Self.here.appendingPathComponent("Golden/annual-report-wenzhou-2019.html")
        if ProcessInfo.processInfo.environment["HCM_UPDATE_GOLDEN"] == "1" {
            try Data(html.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(html == expected, "the HTML report differs from Golden/annual-report-wenzhou-2019.html")
    }
}

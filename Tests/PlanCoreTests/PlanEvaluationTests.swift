import Foundation
import Testing

@testable import PlanCore

@Suite struct PlanEvaluationTests {
    let evaluation = WenzhouFixture.evaluation()

    func isClose(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-6 } ?? false }

    @Test func everyIndicatorOfTheSeedPlanIsEvaluated() {
        #expect(evaluation.indicators.count == 23 + 118)
        #expect(evaluation.planTitle == "健康温州行动计划（2018-2020年）")
        #expect(evaluation.regionCode == "330300")
        #expect(evaluation.year == 2019)
    }

    @Test func metWithPercentTrendAndProjectionAtRisk() {
        let e = evaluation["1.1"]
        #expect(e.name == "人均预期寿命")
        #expect(e.targetYear == 2019)
        #expect(e.targetText == "80.97")
        #expect(e.actualText == "81.1")
        // 81.1 ≥ 80.97 (a plain target; the direction is higher).
        #expect(e.status == .met)
        #expect(e.evaluation.threshold == 80.97)
        #expect(e.evaluation.comparator == "≥")
        // (81.1 − 80.5) / (80.97 − 80.5) × 100 = 0.6 / 0.47 × 100 = 127.66 → 127.7
        #expect(e.percentAchieved == 127.7)
        // 80.5 → 81.1 is +0.6, under 1% of 80.5 (0.805).
        #expect(e.trend == .littleOrNoChange)
        // Line through (2017, 80.5), (2018, 80.9), (2019, 81.1): x̄ = 1 (from 2017), ȳ = 80.8333;
        // slope = [(−1)(−0.3333) + (1)(0.2667)] / 2 = 0.3; 2020 (x = 3): 80.8333 + 0.3 × 2 = 81.4333 < 81.5.
        let projection = try! #require(e.projection)
        #expect(projection.year == 2020)
        #expect(isClose(projection.value, 81.433333))
        #expect(isClose(projection.slopePerYear, 0.3))
        #expect(projection.pointCount == 3)
        #expect(projection.targetStatus == .notMet)
        #expect(e.atRisk)
    }

    @Test func metButGettingWorseAndNotAtRisk() {
        let e = evaluation["1.3"]
        // 7.0 < 9.5
        #expect(e.status == .met)
        #expect(e.evaluation.threshold == 9.5)
        // (7.0 − 5.26) / (9.5 − 5.26) × 100 = 1.74 / 4.24 × 100 = 41.04 → 41.0
        #expect(e.percentAchieved == 41.0)
        // 5.26 → 7.0 is +1.74, beyond 1% of 5.26, the wrong way for a rate that should fall.
        #expect(e.trend == .gettingWorse)
        // ȳ = (5.26 + 6.0 + 7.0) / 3 = 6.08667; slope = [(−1)(−0.82667) + (1)(0.91333)] / 2 = 0.87;
        // 2020: 6.08667 + 0.87 × 2 = 7.82667 < 9.5: still met, so not at risk.
        #expect(isClose(e.projection?.value, 7.826667))
        #expect(isClose(e.projection?.slopePerYear, 0.87))
        #expect(e.projection?.targetStatus == .met)
        #expect(!e.atRisk)
        // The reviewer's "notMet" on 1.3 is ignored: the numbers decide it.
        #expect(e.decision == nil)
    }

    @Test func improving() {
        let e = evaluation["1.4"]
        // 2.9 → 2.0 is −0.9, beyond 1% of 2.9 (0.029), the good way for a death rate.
        #expect(e.status == .met)
        #expect(e.trend == .improving)
        // ȳ = 7.4 / 3 = 2.46667; slope = [(−1)(0.43333) + (1)(−0.46667)] / 2 = −0.45; 2020: 2.46667 − 0.9 = 1.56667.
        #expect(isClose(e.projection?.value, 1.566667))
        #expect(!e.atRisk)
    }

    @Test func notMetImprovingAndAtRisk() {
        let e = evaluation["3.17"]
        // 88 ≥ 89 fails.
        #expect(e.status == .notMet)
        #expect(e.evaluation.threshold == 89)
        // (88 − 85.99) / (89 − 85.99) × 100 = 2.01 / 3.01 × 100 = 66.78 → 66.8
        #expect(e.percentAchieved == 66.8)
        #expect(e.trend == .improving)
        // ȳ = 260.99 / 3 = 86.99667; slope = [(−1)(−1.00667) + (1)(1.00333)] / 2 = 1.005;
        // 2020: 86.99667 + 2.01 = 89.00667, short of the 2020 target ≥90.
        #expect(isClose(e.projection?.value, 89.006667))
        #expect(e.projection?.targetStatus == .notMet)
        #expect(e.atRisk)
    }

    @Test func aReviewerDecisionSettlesAQualitativeItem() {
        let decided = evaluation["2.7"]
        #expect(decided.status == .met)
        #expect(decided.decision?.author == "王审核")
        #expect(decided.decision?.marks == 3)
        #expect(decided.explanation == "审核人王审核于2020-05-20T09:00:00+08:00判定达标，依据：暗访 12 处公共场所，均未发现吸烟")
        // Without a decision the same kind of item waits for one.
        let waiting = evaluation["2.8"]
        #expect(waiting.status == .needsReview)
        #expect(waiting.decision == nil)
        #expect(waiting.explanation.hasPrefix("需审核"))
        // Words are not a trend.
        #expect(waiting.trend == nil)
        #expect(waiting.projection == nil)
    }

    @Test func nothingApprovedIsNoDataWithTheBaselineOnly() {
        let e = evaluation["1.2"]
        // Only a draft was entered: it does not count.
        #expect(e.status == .noData)
        #expect(e.actualText == nil)
        #expect(e.trend == .baselineOnly)
        #expect(e.projection == nil)
        #expect(!e.atRisk)
        // No baseline and no value: nothing to say about a trend.
        #expect(evaluation["1"].status == .noData)
        #expect(evaluation["1"].trend == nil)
    }

    @Test func summaryCounts() {
        // met: 1.1, 1.3, 1.4, 2.7 (decided); notMet: 3.17; needsReview: 2.8; the other 135 have no data.
        #expect(evaluation.summary.total == StatusCounts(met: 4, notMet: 1, needsReview: 1, noData: 135, atRisk: 2))
        // The main table's domains first, then the breakdown table's.
        #expect(
            evaluation.summary.byDomain.prefix(7).map(\.name) == [
                "健康水平", "健康行为", "健康环境", "健康服务", "健康保障", "健康产业", "提升健康水平",
            ])
        // 提升健康水平: 1.1, 1.3, 1.4 met; 1.2, 1.6, 1.7, 1.8 no data; 1.1 at risk.
        let health = evaluation.summary.byDomain.first { $0.name == "提升健康水平" }!.counts
        #expect(health == StatusCounts(met: 3, notMet: 0, needsReview: 0, noData: 4, atRisk: 1))
        // 卫计 leads 1.1, 1.3, 1.4, 2.7, 3.17 (and 2.8 is 教育's).
        let health委 = evaluation.summary.byLead.first { $0.name == "卫计" }!.counts
        #expect(health委.met == 4)
        #expect(health委.notMet == 1)
        #expect(health委.needsReview == 0)
        #expect(health委.atRisk == 2)
        #expect(evaluation.summary.byLead.first { $0.name == "教育" }!.counts.needsReview == 1)
    }

    @Test func onceThePeriodHasEndedNothingIsAtRisk() {
        let final = WenzhouFixture.evaluation(year: 2020, extra: [WenzhouFixture.approved("3.17", 2020, "88.5")])
        let e = final["3.17"]
        // 88.5 ≥ 90 fails, and with the period over there is nothing left to project.
        #expect(e.status == .notMet)
        #expect(e.evaluation.threshold == 90)
        #expect(e.projection == nil)
        #expect(!e.atRisk)
        // 1.1 was at risk in 2019; in 2020 it has no value, and no projection either.
        #expect(final["1.1"].status == .noData)
        #expect(final["1.1"].trend == .littleOrNoChange)
        #expect(!final["1.1"].atRisk)
        #expect(final.summary.total.atRisk == 0)
    }

    @Test func everyRegionInCodeOrder() {
        let observations = WenzhouFixture.observations(region: "330381") + WenzhouFixture.observations()
            + [WenzhouFixture.approved("1.1", 2019, "80", region: "330302")]
        let regions = PlanEvaluator(plan: WenzhouFixture.plan, observations: observations).evaluateAllRegions(year: 2019)
        #expect(regions.map(\.regionCode) == ["330300", "330302", "330381"])
        #expect(regions[1]["1.1"].status == .notMet)
        #expect(regions[1]["1.3"].status == .noData)
        // No decisions given: 2.7 waits for one in every region.
        #expect(regions[2]["2.7"].status == .needsReview)
        #expect(regions[2]["3.17"].atRisk)
    }

    @Test func theLaterOfTwoValuesForAYearCounts() {
        let plan = Plan(
            title: "t", period: Period(start: 2018, end: 2020),
            indicatorTables: [
                IndicatorTable(
                    caption: "c",
                    indicators: [Indicator(name: "无编码指标", direction: .higher, targets: [Target(year: 2020, text: "≥10")])])
            ])
        let observations = [
            WenzhouFixture.approved("无编码指标", 2020, "12"), WenzhouFixture.approved("无编码指标", 2019, "9"),
            WenzhouFixture.approved("无编码指标", 2020, "8"),
        ]
        let e = plan.evaluation(year: 2020, region: WenzhouFixture.region, observations: observations)["无编码指标"]
        // An indicator without a code is named by its name; 8, given after 12, is the value; no baseline, so
        // the trend runs from the first value, 9 → 8.
        #expect(e.actualText == "8")
        #expect(e.status == .notMet)
        #expect(e.trend == .gettingWorse)
    }

    @Test func trendTolerance() {
        // 1% of 100 is 1: a change of 0.99 is little or none, 1 is a change.
        #expect(TrendStatus.classify(reference: 100, latest: 100.99, direction: .higher) == .littleOrNoChange)
        #expect(TrendStatus.classify(reference: 100, latest: 101, direction: .higher) == .improving)
        #expect(TrendStatus.classify(reference: 100, latest: 99, direction: .higher) == .gettingWorse)
        #expect(TrendStatus.classify(reference: 100, latest: 99, direction: .lower) == .improving)
        #expect(TrendStatus.classify(reference: 100, latest: 105, direction: nil) == nil)
        #expect(TrendStatus.classify(reference: 0, latest: 0, direction: .lower) == .littleOrNoChange)
        #expect(TrendStatus.classify(reference: 0, latest: 0.1, direction: .lower) == .gettingWorse)
    }

    @Test func jsonHasTheDocumentedKeysAndRoundTrips() throws {
        let data = try JSONEncoder().encode(evaluation)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(Set(object.keys) == ["planTitle", "regionCode", "year", "period", "indicators", "summary"])
        let first = (object["indicators"] as! [[String: Any]]).first { $0["code"] as? String == "1.1" }!
        #expect(
            Set(first.keys) == [
                "code", "name", "domain", "lead", "unit", "targetYear", "targetText", "actualText", "status",
                "threshold", "comparator", "percentAchieved", "explanation", "trend", "projection", "atRisk",
                "decision",
            ])
        #expect(first["trend"] as? String == "littleOrNoChange")
        #expect(first["explanation"] as? String == "实际值 81.1 ≥ 目标 80.97，达标")
        let summary = object["summary"] as! [String: Any]
        #expect((summary["total"] as! [String: Any])["total"] as? Int == 141)
        let decoded = try JSONDecoder().decode(RegionEvaluation.self, from: data)
        #expect(decoded == evaluation)
    }
}

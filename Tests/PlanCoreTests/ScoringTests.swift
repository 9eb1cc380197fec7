import Foundation
import Testing

@testable import PlanCore

@Suite struct ScoringTests {
    /// Six indicators of the 温州 evaluation for 2019 (see `WenzhouFixture`), so the totals stay checkable by hand.
    static let keys: Set = ["1.1", "1.2", "1.3", "2.7", "2.8", "3.17"]

    static func subset(_ evaluation: RegionEvaluation) -> RegionEvaluation {
        var subset = evaluation
        subset.indicators = evaluation.indicators.filter { keys.contains($0.key) }
        return subset
    }

    /// Weights: 3.17 → 5 and 2.7 → 4 by code; 1.1, 1.2, 1.3 → 3 by their domain 提升健康水平; 2.8 → the default 2.
    static func scheme(_ whenNotMet: ScoringScheme.NotMetRule, qualitative: ScoringScheme.QualitativeRule = .reviewerMarks)
        -> ScoringScheme
    {
        ScoringScheme(
            version: 3, planTitle: WenzhouFixture.plan.title, defaultWeight: 2, indicatorWeights: ["3.17": 5, "2.7": 4],
            domainWeights: ["提升健康水平": 3], whenNotMet: whenNotMet, qualitativeItems: qualitative,
            late: .init(perSubmission: 2, cap: 3), returned: .init(perSubmission: 0.5, cap: nil))
    }

    let evaluation = subset(WenzhouFixture.evaluation())

    func item(_ card: ScoreCard, _ key: String) -> ScoreItem { card.items.first { $0.indicator == key }! }

    @Test func proportionalMarksWhenNotMet() {
        let card = Self.scheme(.proportional).assess([evaluation]).regions[0]
        #expect(card.name == "330300")
        // 1.1 met: 3; 1.3 met: 3; 3.17 not met at 66.8%: 5 × 0.668 = 3.34; 2.7 reviewer's 3 of 4;
        // 2.8 awaiting review: 0 of 2; 1.2 no data: 0 of 3.
        #expect(item(card, "1.1").earned == 3)
        #expect(item(card, "1.1").reason == "达标，得满分 3")
        #expect(item(card, "3.17").weight == 5)
        #expect(item(card, "3.17").earned == 3.34)
        #expect(item(card, "3.17").reason == "未达标，目标完成比例 66.8%，按比例得 3.34 分（满分 5）")
        #expect(item(card, "2.7").earned == 3)
        #expect(item(card, "2.7").reason == "审核人王审核评分 3 分（满分 4）")
        #expect(item(card, "2.8").earned == 0)
        #expect(item(card, "2.8").reason == "待审核人判定，暂不得分（满分 2）")
        #expect(item(card, "1.2").reason == "未填报，不得分（满分 3）")
        // possible 3 + 3 + 3 + 5 + 4 + 2 = 20; earned 3 + 3 + 3.34 + 3 = 12.34; 12.34 / 20 × 100 = 61.7
        #expect(card.possible == 20)
        #expect(card.earned == 12.34)
        #expect(card.score == 61.7)
    }

    @Test func zeroMarksWhenNotMetAndMarksByVerdict() {
        let card = Self.scheme(.zero, qualitative: .byVerdict).assess([evaluation]).regions[0]
        #expect(item(card, "3.17").earned == 0)
        #expect(item(card, "3.17").reason == "未达标，不得分（满分 5）")
        // The reviewer found 2.7 met: full 4, the 3 marks unused.
        #expect(item(card, "2.7").earned == 4)
        #expect(item(card, "2.7").reason == "审核人王审核判定达标，得满分 4")
        // earned 3 + 3 + 0 + 4 = 10 of 20 = 50
        #expect(card.score == 50)
    }

    @Test func proportionalMarksAreClampedAndNeedAPercent() {
        var e = evaluation
        let position = e.indicators.firstIndex { $0.key == "3.17" }!
        e.indicators[position].evaluation.percentAchieved = -20
        #expect(Self.scheme(.proportional).score(e.indicators[position], regionCode: "x").earned == 0)
        e.indicators[position].evaluation.percentAchieved = nil
        let item = Self.scheme(.proportional).score(e.indicators[position], regionCode: "x")
        #expect(item.earned == 0)
        #expect(item.reason == "未达标，无法计算目标完成比例，不得分（满分 5）")
        // Reviewer marks above the weight are cut to it.
        let decided = e.indicators.firstIndex { $0.key == "2.7" }!
        e.indicators[decided].decision?.marks = 9
        #expect(Self.scheme(.proportional).score(e.indicators[decided], regionCode: "x").earned == 4)
    }

    @Test func deductionsAreCapped() {
        let facts = [
            SubmissionFacts(indicator: "1.1", regionCode: "330300", late: true),
            SubmissionFacts(indicator: "1.3", regionCode: "330300", late: true),
            SubmissionFacts(indicator: "3.17", regionCode: "330300", late: true),
            SubmissionFacts(indicator: "2.7", regionCode: "330300", returnedCount: 3),
            SubmissionFacts(indicator: "2.8", regionCode: "330399", late: true),
        ]
        let assessment = Self.scheme(.proportional).assess([evaluation], submissions: facts)
        let card = assessment.regions[0]
        // Late: 3 × 2 = 6, capped at 3; returned: 3 × 0.5 = 1.5, no cap; 61.7 − 4.5 = 57.2.
        // 2.8's fact is for a region not evaluated: ignored, for the region and for 教育.
        #expect(card.deductions.count == 4)
        #expect(card.deductions.map(\.reason) == ["逾期提交，扣 2 分", "逾期提交，扣 2 分", "逾期提交，扣 2 分", "被退回 3 次，扣 1.5 分"])
        #expect(card.deducted == 4.5)
        #expect(card.score == 57.2)
        // 卫计 leads 1.1, 1.2, 1.3, 2.7, 3.17: possible 3 + 3 + 3 + 4 + 5 = 18, earned 12.34 → 68.56;
        // the same deductions: 68.56 − 4.5 = 64.06. 教育 leads 2.8: 0 of 2.
        #expect(assessment.departments.map(\.name) == ["卫计", "教育"])
        #expect(assessment.departments[0].possible == 18)
        #expect(assessment.departments[0].deducted == 4.5)
        #expect(assessment.departments[0].score == 64.06)
        #expect(assessment.departments[1].score == 0)
        #expect(assessment.departments[1].deductions.isEmpty)
        #expect(assessment.schemeVersion == 3)
        #expect(assessment.year == 2019)
    }

    @Test func tiesShareARankInNameOrder() {
        // 330302 reports exactly what 330300 does; 330381 only 1.1 (met).
        let observations = WenzhouFixture.observations(region: "330302") + WenzhouFixture.observations()
            + [WenzhouFixture.approved("1.1", 2019, "81", region: "330381")]
        var decisions = WenzhouFixture.decisions
        decisions.append(
            ReviewerDecision(
                indicator: "2.7", regionCode: "330302", year: 2019, verdict: .met, evidence: "暗访记录", author: "李审核",
                decidedAt: "2020-05-21T10:00:00+08:00", marks: 3))
        let regions = PlanEvaluator(plan: WenzhouFixture.plan, observations: observations, decisions: decisions)
            .evaluateAllRegions(year: 2019).map(Self.subset)
        let ranked = Self.scheme(.proportional).assess(regions).regions
        // 61.7, 61.7 and 3 of 20 = 15.
        #expect(ranked.map(\.name) == ["330300", "330302", "330381"])
        #expect(ranked.map(\.score) == [61.7, 61.7, 15])
        #expect(ranked.map(\.rank) == [1, 1, 3])
    }

    @Test func rankingIsByScoreThenName() {
        let cards = [("乙", 50.0), ("甲", 70), ("丙", 70), ("丁", 10), ("戊", 50)].map { ScoreCard(name: $0, score: $1) }
        let ranked = ScoreCard.ranked(cards)
        // Names compare by their code points where scores tie: 丙 (U+4E19) < 甲 (U+7532), 乙 (U+4E59) < 戊 (U+620A).
        #expect(ranked.map(\.name) == ["丙", "甲", "乙", "戊", "丁"])
        #expect(ranked.map(\.rank) == [1, 1, 3, 3, 5])
    }

    @Test func schemeJSONRoundTripsWithStableKeys() throws {
        let scheme = Self.scheme(.zero, qualitative: .byVerdict)
        let data = try JSONEncoder().encode(scheme)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(
            Set(object.keys) == [
                "version", "planTitle", "defaultWeight", "indicatorWeights", "domainWeights", "whenNotMet",
                "qualitativeItems", "late", "returned",
            ])
        #expect(object["whenNotMet"] as? String == "zero")
        #expect((object["late"] as! [String: Any])["cap"] as? Double == 3)
        #expect((object["returned"] as! [String: Any])["cap"] is NSNull)
        #expect(try JSONDecoder().decode(ScoringScheme.self, from: data) == scheme)
        // A scheme written by hand reads too.
        let written = """
            { "version": 1, "defaultWeight": 1, "indicatorWeights": {}, "domainWeights": {"健康水平": 2},
              "whenNotMet": "proportional", "qualitativeItems": "reviewerMarks",
              "late": {"perSubmission": 1, "cap": 5}, "returned": {"perSubmission": 0.5} }
            """
        let read = try JSONDecoder().decode(ScoringScheme.self, from: Data(written.utf8))
        #expect(read.planTitle == nil)
        #expect(read.returned == .init(perSubmission: 0.5, cap: nil))
    }

    @Test func assessmentJSONRoundTripsWithReasons() throws {
        let assessment = Self.scheme(.proportional).assess(
            [evaluation], submissions: [SubmissionFacts(indicator: "1.1", regionCode: "330300", late: true)])
        let data = try JSONEncoder().encode(assessment)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let region = (object["regions"] as! [[String: Any]])[0]
        let item = (region["items"] as! [[String: Any]]).first { $0["indicator"] as? String == "3.17" }!
        #expect(Set(item.keys) == ["indicator", "name", "regionCode", "status", "weight", "earned", "reason"])
        #expect(item["reason"] as? String == "未达标，目标完成比例 66.8%，按比例得 3.34 分（满分 5）")
        #expect((region["deductions"] as! [[String: Any]])[0]["reason"] as? String == "逾期提交，扣 2 分")
        #expect(try JSONDecoder().decode(Assessment.self, from: data) == assessment)
    }
}

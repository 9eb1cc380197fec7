import Foundation

@testable import PlanCore

/// The 健康温州 2018–2020 plan (seed 000, as `hcm import --json` reads it) with a year's worth of approved
/// values for 温州 (330300), the numbers chosen so every figure the tests expect can be worked out by hand.
enum WenzhouFixture {
    static let plan: Plan = {
        let url = Bundle.module.url(forResource: "seed-wenzhou-plan", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Plan.self, from: Data(contentsOf: url))
    }()

    static let region = "330300"

    static func approved(_ indicator: String, _ year: Int, _ value: String, region: String = region) -> Observation {
        Observation(indicator: indicator, regionCode: region, year: year, valueText: value, status: .approved)
    }

    /// Values for 2018 and 2019 (the indicators' baselines are for 2017):
    /// - 1.1 人均预期寿命 (higher, baseline 80.5, targets 80.77 / 80.97 / 81.5): 80.9, 81.1
    /// - 1.3 孕产妇死亡率 (lower, baseline 5.26, target ＜9.5 every year): 6.0, 7.0
    /// - 1.4 5岁以下儿童死亡率 (lower, baseline 2.9, target ＜8.5): 2.5, 2.0
    /// - 3.17 县域内就诊率 (higher, baseline 85.99, targets ≥89 / ≥89 / ≥90): 87, 88
    /// - 2.7 重要公共场所室内禁烟 (target 暗访达标): "达标" in 2019
    /// - 2.8 农村义务教育学生营养改善 (target 达标): "达标" in 2019
    /// - 1.2 居民健康素养总体水平 (baseline 17.5): only a draft, which does not count
    static func observations(region: String = region) -> [Observation] {
        [
            approved("1.1", 2018, "80.9", region: region), approved("1.1", 2019, "81.1", region: region),
            approved("1.3", 2018, "6.0", region: region), approved("1.3", 2019, "7.0", region: region),
            approved("1.4", 2018, "2.5", region: region), approved("1.4", 2019, "2.0", region: region),
            approved("3.17", 2018, "87", region: region), approved("3.17", 2019, "88", region: region),
            approved("2.7", 2019, "达标", region: region), approved("2.8", 2019, "达标", region: region),
            Observation(indicator: "1.2", regionCode: region, year: 2019, valueText: "30", status: .draft),
        ]
    }

    /// 2.7 confirmed by a reviewer, with 3 marks; and a decision on 1.3, which the numbers already decide.
    static let decisions = [
        ReviewerDecision(
            indicator: "2.7", regionCode: region, year: 2019, verdict: .met, evidence: "暗访 12 处公共场所，均未发现吸烟",
            author: "王审核", decidedAt: "2020-05-20T09:00:00+08:00", marks: 3),
        ReviewerDecision(
            indicator: "1.3", regionCode: region, year: 2019, verdict: .notMet, evidence: "误判",
            author: "王审核", decidedAt: "2020-05-20T09:05:00+08:00"),
    ]

    static func evaluation(year: Int = 2019, extra: [Observation] = []) -> RegionEvaluation {
        PlanEvaluator(plan: plan, observations: observations() + extra, decisions: decisions)
            .evaluate(year: year, region: region)
    }
}

extension RegionEvaluation {
    subscript(key: String) -> IndicatorEvaluation {
        indicators.first { $0.key == key }!
    }
}

import Testing

@testable import PlanCore

@Suite struct IndicatorEvaluationTests {
    let lifeExpectancy = Indicator(
        code: "1", domain: ["健康水平"], name: "人均预期寿命", unit: "岁", direction: .higher,
        baseline: Baseline(year: 2015, text: "79.6"),
        targets: [Target(year: 2018, text: "80.5"), Target(year: 2020, text: "81.5")])

    func observation(_ year: Int, _ value: String) -> Observation {
        Observation(indicator: "1", regionCode: "330302", year: year, valueText: value)
    }

    @Test func aYearIsJudgedAgainstItsOwnTargetElseTheNextOne() {
        #expect(lifeExpectancy.judgedTarget(for: 2018)?.text == "80.5")
        #expect(lifeExpectancy.judgedTarget(for: 2019)?.text == "81.5")
        #expect(lifeExpectancy.judgedTarget(for: 2021)?.text == "81.5")
        #expect(lifeExpectancy.evaluate(observation(2018, "80.6")).status == .met)
        #expect(lifeExpectancy.evaluate(observation(2019, "80.6")).status == .notMet)
        #expect(lifeExpectancy.evaluate(observation(2020, "81.5")).status == .met)
    }

    @Test func missingAndWordValues() {
        #expect(lifeExpectancy.evaluate(nil).status == .noData)
        #expect(lifeExpectancy.evaluate(observation(2020, "达标")).status == .needsReview)
    }
}

import Testing

@testable import PlanCore

@Suite struct EvaluationTests {
    func evaluate(
        _ text: String, _ direction: Direction? = nil, baseline: Double? = nil, baselineYear: Int? = nil,
        actual: Double?, previous: Double? = nil, parts: [Double] = []
    ) -> Evaluation {
        Evaluation(
            target: .parse(text), direction: direction, baseline: baseline, baselineYear: baselineYear,
            actual: actual, actualParts: parts, previous: previous)
    }

    @Test func relativeChangeOnTheBaseline() {
        let e = evaluate("比2015年下降10%", .lower, baseline: 13.7, baselineYear: 2015, actual: 12.2)
        #expect(e.status == .met)
        #expect(e.threshold == 12.33)
        #expect(e.explanation == "实际值 12.2 ≤ 目标 12.33，达标")
        #expect(e.percentAchieved == 109.5)
        // Exactly on the threshold meets it; a hair above does not.
        #expect(evaluate("比2015年下降10%", baseline: 13.7, baselineYear: 2015, actual: 12.33).status == .met)
        #expect(evaluate("比2015年下降10%", baseline: 13.7, baselineYear: 2015, actual: 12.34).status == .notMet)
        #expect(
            evaluate("比2015年下降10%", baseline: 13.7, baselineYear: 2015, actual: 12.34).explanation
                == "实际值 12.34 > 目标 12.33，未达标")
        #expect(evaluate("在现有基础上提升50%", baseline: 40, actual: 60).status == .met)
        #expect(evaluate("在现有基础上提升50%", baseline: 40, actual: 59.9).status == .notMet)
    }

    @Test func relativeChangeWithoutABaselineNeedsReview() {
        let e = evaluate("比2015年下降10%", .lower, actual: 12.2)
        #expect(e.status == .needsReview)
        #expect(e.threshold == nil)
        #expect(e.explanation.contains("缺少基线值"))
        let otherYear = evaluate("比2015年下降10%", baseline: 13.7, baselineYear: 2016, actual: 12)
        #expect(otherYear.status == .needsReview)
        #expect(otherYear.explanation.contains("2016"))
    }

    @Test func changeOnThePreviousYear() {
        #expect(evaluate("较前一年减少", actual: 9, previous: 10).status == .met)
        #expect(evaluate("较前一年减少", actual: 10, previous: 10).status == .notMet)
        #expect(evaluate("较前一年减少", actual: 9).status == .needsReview)
        #expect(evaluate("比上年下降2%", actual: 9.8, previous: 10).status == .met)
        #expect(evaluate("比上年下降2%", actual: 9.81, previous: 10).status == .notMet)
        // A yearly average is not a total change: hcm does not pretend it is.
        #expect(evaluate("年均增长8%", baseline: 100, actual: 120).status == .needsReview)
    }

    @Test func strictAndInclusiveComparators() {
        #expect(evaluate("≥76", actual: 76).status == .met)
        #expect(evaluate(">76", actual: 76).status == .notMet)
        #expect(evaluate("＞76", actual: 76.01).status == .met)
        #expect(evaluate("≤4.5", actual: 4.5).status == .met)
        #expect(evaluate("＜9.5", actual: 9.5).status == .notMet)
        #expect(evaluate("40以上", actual: 40).status == .met)
        #expect(evaluate("7以下", actual: 7.1).status == .notMet)
        #expect(evaluate("＞65万", actual: 650_001).status == .met)
        #expect(evaluate("≥76", actual: 75).explanation == "实际值 75 < 目标 76，未达标")
    }

    @Test func aPlainValueNeedsTheDirection() {
        #expect(evaluate("80.77", .higher, actual: 81).status == .met)
        #expect(evaluate("80.77", .higher, actual: 80).status == .notMet)
        #expect(evaluate("9.5", .lower, actual: 9.5).status == .met)
        #expect(evaluate("9.5", .lower, actual: 9.6).status == .notMet)
        let unknown = evaluate("80.77", actual: 81)
        #expect(unknown.status == .needsReview)
        #expect(unknown.explanation.contains("方向"))
    }

    @Test func aboutAllowsFivePercent() {
        // 40左右 → 38 … 42 when the direction is unknown.
        #expect(evaluate("40左右", actual: 38).status == .met)
        #expect(evaluate("40左右", actual: 42).status == .met)
        #expect(evaluate("40左右", actual: 37.9).status == .notMet)
        #expect(evaluate("40左右", actual: 42.1).status == .notMet)
        // With a direction, the good side is always fine.
        #expect(evaluate("28左右", .lower, actual: 20).status == .met)
        #expect(evaluate("28左右", .lower, actual: 29.4).status == .met)
        #expect(evaluate("28左右", .lower, actual: 29.5).status == .notMet)
        #expect(evaluate("40左右", .higher, actual: 38).status == .met)
        #expect(evaluate("40左右", .higher, actual: 37.9).status == .notMet)
    }

    @Test func ranges() {
        #expect(evaluate("15-20", actual: 15).status == .met)
        #expect(evaluate("15-20", actual: 20).status == .met)
        #expect(evaluate("15-20", actual: 20.5).status == .notMet)
        #expect(evaluate("15-20", actual: 14).explanation == "实际值 14 不在目标区间 15～20 内，未达标")
    }

    @Test func trendsCompareWithThePreviousYear() {
        #expect(evaluate("持续降低", actual: 30, previous: 31).status == .met)
        #expect(evaluate("持续降低", actual: 31, previous: 31).status == .notMet)
        #expect(evaluate("逐步提高", actual: 44, previous: 43.43).status == .met)
        #expect(evaluate("持续降低", baseline: 32, actual: 31).explanation == "实际值 31 < 基线值 32，达标")
        #expect(evaluate("保持", .higher, actual: 100, previous: 100).status == .met)
        #expect(evaluate("保持", .higher, actual: 99, previous: 100).status == .notMet)
        #expect(evaluate("持续降低", actual: 30).status == .needsReview)
    }

    @Test func judgementsForAPerson() {
        #expect(evaluate("完成省级目标", actual: 90).status == .needsReview)
        #expect(evaluate("不发生", actual: 0).status == .needsReview)
        #expect(evaluate("-", actual: 1).status == .needsReview)
        #expect(evaluate("1.2.3", actual: 1).status == .needsReview)
    }

    @Test func noActualIsNoData() {
        for text in ["≥76", "比2015年下降10%", "持续降低", "0.42；20.19"] {
            #expect(evaluate(text, actual: nil).status == .noData, "\(text)")
        }
    }

    @Test func compoundTargetsAreMetPartByPart() {
        let both = evaluate("食品96以上 / 药品98以上", actual: nil, parts: [97, 98])
        #expect(both.status == .met)
        #expect(both.explanation == "食品：实际值 97 ≥ 目标 96，达标；药品：实际值 98 ≥ 目标 98，达标")
        #expect(evaluate("食品96以上 / 药品98以上", actual: nil, parts: [97, 97]).status == .notMet)
        #expect(evaluate("0.42；20.19", .higher, actual: nil, parts: [0.5, 21]).status == .met)
        #expect(evaluate("0.42；20.19", .higher, actual: 0.5).status == .needsReview)
    }
}

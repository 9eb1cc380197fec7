import Testing

@testable import PlanCore

@Suite struct DirectionInferenceTests {
    func infer(_ name: String?, baseline: Double? = nil, _ targets: [String]) -> DirectionInference? {
        DirectionInference.infer(name: name, baseline: baseline, targets: targets.map(TargetExpression.parse))
    }

    @Test func comparatorsDecideFirst() {
        #expect(infer("孕产妇死亡率", ["＜9.5", "＜9.5"]) == DirectionInference(direction: .lower, source: .comparator))
        #expect(infer(nil, ["≥76", "≥77"])?.direction == .higher)
        #expect(infer("重大慢性病过早死亡率", ["13.20", "13.10", "比2015年降低10%"])?.direction == .lower)
        #expect(infer(nil, ["持续降低"])?.direction == .lower)
        // Disagreeing comparators decide nothing; the name then does.
        #expect(infer("婴儿死亡率", ["≥5", "≤4"]) == DirectionInference(direction: .lower, source: .name))
    }

    @Test func theNameDecidesNext() {
        #expect(infer("个人卫生支出占卫生总费用的比重", ["28左右"])?.direction == .lower)
        #expect(infer("细颗粒物（PM2.5）浓度", ["35"])?.direction == .lower)
        #expect(infer("法定报告传染病发病率", ["190"])?.direction == .lower)
        #expect(infer("人均预期寿命", ["80.77"])?.direction == .higher)
        #expect(infer("国民体质监测合格率", ["92.5"])?.direction == .higher)
    }

    @Test func movementDecidesLast() {
        #expect(infer("某产业总量", baseline: 600, ["1000"]) == DirectionInference(direction: .higher, source: .movement))
        #expect(infer("某指标", ["50", "65", "80"])?.direction == .higher)
        #expect(infer("某指标", ["3.5", "3.2"])?.direction == .lower)
        #expect(infer("某指标", ["70", "70"]) == nil)
    }
}

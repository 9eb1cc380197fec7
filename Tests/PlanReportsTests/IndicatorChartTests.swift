import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

@testable import PlanReports

@Suite struct IndicatorChartTests {
    /// The chart parses as XML, draws one marker per target and one point per actual, at the right heights.
    @Test func theChartDrawsBaselineTargetsAndActuals() throws {
        let chart = IndicatorChart(
            unit: "岁", baseline: .init(year: 2015, value: 79.6),
            targets: [.init(year: 2020, value: 81.5)],
            actuals: [.init(year: 2018, value: 80.9), .init(year: 2017, value: 80.4)])
        let svg = chart.svg(title: "人均预期寿命 <&>")
        let document = try XMLDocument(xmlString: svg)
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        #expect(try root.nodes(forXPath: "//*[local-name()='circle'][@class='actual'][not(ancestor::*[@class='legend'])]").count == 2)
        #expect(try root.nodes(forXPath: "//*[local-name()='path'][@class='target'][not(ancestor::*[@class='legend'])]").count == 1)
        #expect(svg.contains("人均预期寿命 &lt;&amp;&gt;"))
        // The highest value (the target) is drawn highest: the smallest y.
        let actualYs = try root.nodes(forXPath: "//*[local-name()='circle'][@class='actual'][not(ancestor::*[@class='legend'])]/@cy").compactMap { Double($0.stringValue ?? "") }
        #expect(actualYs.count == 2)
        // Sorted by year: 2017 (80.4) then 2018 (80.9), the later one higher up.
        #expect(actualYs[0] > actualYs[1])
        #expect(svg.contains("2020 年目标：81.5"))
    }

    @Test func nothingToDrawSaysSo() {
        #expect(IndicatorChart(unit: nil, baseline: nil, targets: [], actuals: []).svg(title: "x").contains("暂无"))
        // One value only: a range is still made, no division by zero.
        let one = IndicatorChart(unit: nil, baseline: nil, targets: [.init(year: 2020, value: 0)], actuals: []).svg(title: "x")
        #expect(!one.contains("\"nan") && !one.contains("\"inf") && !one.contains("\"-nan"))
    }

    @Test func labelsAreWrittenAsPeopleWriteThem() {
        #expect(IndicatorChart.label(81.50) == "81.5")
        #expect(IndicatorChart.label(90) == "90")
        #expect(IndicatorChart.label(-0.001) == "0")
    }
}

import Foundation
import Testing

@testable import PlanCore

@Suite struct PlanCodingTests {
    @Test func targetExpressionsRoundTripThroughJSON() throws {
        let texts = [
            "＞65万", "15-20", "比2015年下降10%", "较前一年减少", "持续降低", "完成省级目标", "不发生",
            "0.42；20.19", "-", "1.2.3", "食品96以上",
        ]
        for text in texts {
            let parsed = TargetExpression.parse(text)
            let decoded = try JSONDecoder().decode(TargetExpression.self, from: JSONEncoder().encode(parsed))
            #expect(decoded == parsed, "\(text)")
        }
    }

    @Test func comparisonJSONUsesTheDesignFieldNames() throws {
        let data = try JSONEncoder().encode(TargetExpression.parse("＞65万"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(object["kind"] as? String == "comparison")
        #expect(object["op"] as? String == ">")
        #expect(object["value"] as? Double == 650_000)
        #expect(object["multiplier"] as? Double == 10_000)
    }

    @Test func planJSONHasEveryKeyOfTheInterchangeForm() throws {
        let plan = Plan(
            title: "健康温州行动计划（2018-2020年）", period: Period(start: 2018, end: 2020),
            indicatorTables: [
                IndicatorTable(
                    caption: "主要指标",
                    indicators: [
                        Indicator(
                            code: "1.3", domain: ["健康水平"], name: "孕产妇死亡率", unit: "1/10万",
                            baseline: Baseline(year: 2015, text: "5.26"), targets: [Target(year: 2018, text: "＜9.5")],
                            lead: ["卫计"], sourceLine: 12)
                    ])
            ])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(plan)) as! [String: Any]
        #expect(
            Set(object.keys) == [
                "title", "region", "period", "baseYear", "reportingDeadline", "indicatorTables", "actions", "projects",
                "proseTargets", "warnings",
            ])
        let table = (object["indicatorTables"] as! [[String: Any]])[0]
        let indicator = (table["indicators"] as! [[String: Any]])[0]
        #expect(
            Set(indicator.keys) == [
                "code", "domain", "name", "unit", "direction", "nature", "baseline", "targets", "lead", "cooperating",
                "sourceLine",
            ])
        let decoded = try JSONDecoder().decode(Plan.self, from: JSONEncoder().encode(plan))
        #expect(decoded == plan)
        #expect(decoded.indicatorTables[0].indicators[0].baseline?.value == 5.26)
    }

    @Test func groupsFollowTheDomainPaths() {
        let table = IndicatorTable(
            caption: "t",
            indicators: [
                Indicator(domain: ["健康水平", "提升健康水平"], name: "a"),
                Indicator(domain: ["健康水平", "提升健康水平"], name: "b"),
                Indicator(domain: ["健康生活"], name: "c"),
            ])
        #expect(table.groups.map(\.name) == ["健康水平", "健康生活"])
        #expect(table.groups[0].children[0].indicatorIndices == [0, 1])
        #expect(table.groups[1].indicatorIndices == [2])
    }

    @Test func observationValues() {
        #expect(Observation(indicator: "3.23", regionCode: "330300", year: 2020, valueText: "0.45；21").values == [0.45, 21])
        #expect(Observation(indicator: "1.1", regionCode: "330300", year: 2020, valueText: "81.2").value == 81.2)
        #expect(Observation(indicator: "2.7", regionCode: "330300", year: 2020, valueText: "达标").value == nil)
    }
}

import ArgumentParser
import Foundation
import Testing

@testable import PlanCLI

@Suite struct TargetExplainTests {
    func run(_ arguments: [String]) throws -> String {
        let command = try #require(try HCM.parseAsRoot(["target", "explain"] + arguments) as? TargetExplain)
        return try command.output.render(command.explanation())
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let text = try run(arguments + ["--json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func relativeChangeIsEvaluatedOnTheBaseline() throws {
        let output = try run([
            "比2015年下降10%", "--baseline", "13.7", "--baseline-year", "2015", "--actual", "12.2", "--json",
        ])
        #expect(
            output == """
                {
                  "direction" : "lower",
                  "evaluation" : {
                    "comparator" : "≤",
                    "explanation" : "实际值 12.2 ≤ 目标 12.33，达标",
                    "percentAchieved" : 109.5,
                    "status" : "met",
                    "threshold" : 12.33
                  },
                  "parsed" : {
                    "change" : "decrease",
                    "kind" : "relativeChange",
                    "percent" : 10,
                    "reference" : "baseline",
                    "referenceYear" : 2015
                  },
                  "text" : "比2015年下降10%"
                }
                """)
    }

    @Test func comparisonWithMultiplier() throws {
        let object = try json(["＞65万"])
        let parsed = try #require(object["parsed"] as? [String: Any])
        #expect(parsed["kind"] as? String == "comparison")
        #expect(parsed["op"] as? String == ">")
        #expect(parsed["value"] as? Double == 650_000)
        #expect(object["evaluation"] == nil)
    }

    @Test(arguments: [
        ("食品96以上", "comparison"), ("0.42；20.19", "compound"), ("40左右", "comparison"), ("持续降低", "trend"),
        ("完成省级目标", "externalReference"), ("不发生", "qualitative"), ("15-20", "range"),
    ])
    func kinds(text: String, kind: String) throws {
        let parsed = try #require(try json([text])["parsed"] as? [String: Any])
        #expect(parsed["kind"] as? String == kind)
    }

    @Test func anExplicitDirectionOverridesTheInference() throws {
        #expect(try json(["80", "--direction", "lower", "--actual", "81"])["direction"] as? String == "lower")
        let evaluation = try #require(try json(["80", "--direction", "lower", "--actual", "81"])["evaluation"] as? [String: Any])
        #expect(evaluation["status"] as? String == "notMet")
    }

    @Test func textOutputIsForPeople() throws {
        let output = try run(["≥76", "--actual", "75"])
        #expect(
            output == """
                目标：≥76
                类型：comparison
                规范写法：≥76
                方向：越高越好
                评估：notMet — 实际值 75 < 目标 76，未达标
                """)
    }

    @Test(arguments: [
        (["≥76", "--actual", "abc"], "abc"),
        (["≥76", "--direction", "sideways"], "sideways"),
        (["≥76", "--baseline-year", "15"], "--baseline-year"),
        (["≥76", "--actual", "nan"], "--actual"),
        ([String](), "<text>"),
    ])
    func badArgumentsAreRefusedClearly(arguments: [String], mentioned: String) {
        do {
            _ = try HCM.parseAsRoot(["target", "explain"] + arguments)
            Issue.record("accepted \(arguments)")
        } catch {
            #expect(HCM.exitCode(for: error) != .success)
            #expect(HCM.message(for: error).contains(mentioned), "\(HCM.message(for: error))")
        }
    }
}

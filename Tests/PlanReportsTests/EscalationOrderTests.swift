import Foundation
import PlanCore
import Testing

@testable import PlanReports

/// The 督办通知单 of a 红 escalation, re-read by python-docx.
@Suite struct EscalationOrderTests {
    static let escalation = Escalation(
        planID: 1, planTitle: "健康温州行动计划（2018-2020年）", year: 2020, level: .red, deadline: "2021-05-10", daysOverdue: 10,
        obligation: Obligation(
            department: Department(id: 2, name: "市体育局"), regionCode: "330302",
            indicators: [.init(code: "2.7", name: "经常参加体育锻炼人数比例")],
            returned: [.init(code: "2.8", name: "国民体质监测合格率", comment: "请附监测报告")],
            tasks: [.init(code: "一.1", name: "建设健身步道")]),
        number: "健康办督〔2021〕1号")

    @Test func itNamesTheNumberTheDepartmentAndEveryItemOwed() {
        let document = Self.escalation.order(office: "温州市健康城市建设工作领导小组办公室", issuedOn: "2021-05-20")
        #expect(document.title == "督办通知单 健康办督〔2021〕1号")
        guard case .table(let table) = document.blocks[4] else { Issue.record("no table"); return }
        #expect(table.rows.map { $0.map(\.text) } == [
            ["1", "被退回", "2.8 国民体质监测合格率", "请附监测报告"],
            ["2", "指标", "2.7 经常参加体育锻炼人数比例", ""],
            ["3", "任务", "一.1 建设健身步道", ""],
        ])
    }

    @Test(.enabled(if: IndependentReaderTests.python != nil, "HCM_TEST_PYTHON is not set: python-docx did not re-read the 督办单"))
    func pythonDocxReadsIt() throws {
        let document = Self.escalation.order(office: "温州市健康办", issuedOn: "2021-05-20")
        let read = try IndependentReaderTests.read(try document.docx(), as: "docx")
        let paragraphs = try #require(read["paragraphs"] as? [[String: String]]).map { $0["text"] ?? "" }
        #expect(paragraphs.first == "督办通知单")
        #expect(paragraphs.contains("编号：健康办督〔2021〕1号"))
        #expect(paragraphs.contains("市体育局（330302）："))
        #expect(paragraphs.contains { $0.contains("填报截止日期为 2021-05-10，贵单位已逾期 10 天，尚有以下 3 项未报") })
        #expect(paragraphs.suffix(2) == ["温州市健康办", "2021-05-20"])
        let tables = try #require(read["tables"] as? [[[String]]])
        #expect(tables[0][0] == ["序号", "类别", "事项", "说明"])
        #expect(tables[0].count == 4)
    }
}

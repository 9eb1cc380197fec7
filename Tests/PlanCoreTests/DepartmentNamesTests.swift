import Testing

@testable import PlanCore

/// Unit names as plans write them, folded into departments.
@Suite struct DepartmentNamesTests {
    @Test func collectiveNamesAreNotDepartments() {
        for name in ["各乡镇政府", "各成员单位", "县直有关部门", "市直有关部门", "相关部门", "各县（市、区）政府"] {
            #expect(DepartmentNames.isCollective(name), "\(name)")
        }
        for name in ["市卫生计生委", "卫计", "市体育局", "团市委"] {
            #expect(!DepartmentNames.isCollective(name), "\(name)")
        }
    }

    @Test func shortNamesFoldIntoTheFullNameTheyAbbreviate() {
        #expect(DepartmentNames.abbreviates("卫计", "市卫生计生委"))
        #expect(!DepartmentNames.abbreviates("计卫", "市卫生计生委"), "characters in order")
        #expect(!DepartmentNames.abbreviates("卫", "市卫生计生委"), "one character says too little")
        let plan = Plan(
            title: "测试", indicatorTables: [IndicatorTable(caption: "", indicators: [
                Indicator(name: "甲", lead: ["卫计"], cooperating: ["各乡镇政府"]),
                Indicator(name: "乙", lead: ["市卫生计生委", "体育局"], cooperating: ["县直有关部门"]),
                Indicator(name: "丙", lead: ["市体育局"]),
            ])])
        let proposals = DepartmentProposals(for: plan, existing: [])
        #expect(proposals.departments == [
            DepartmentProposal(name: "市卫生计生委", aliases: ["卫计"]), DepartmentProposal(name: "市体育局", aliases: ["体育局"]),
        ])
        #expect(proposals.collective == ["各乡镇政府", "县直有关部门"])
        // An existing department keeps its id and gains the plan's spelling.
        let existing = [Department(id: 7, name: "市卫生健康委", aliases: ["卫计"])]
        #expect(DepartmentProposals(for: plan, existing: existing).departments.first == DepartmentProposal(name: "市卫生健康委", aliases: ["卫计"], existingID: 7))
        // Scores count departments as folded.
        let departments = proposals.departments.map { Department(name: $0.name, aliases: $0.aliases) }
        let folded = plan.withLeadsFolded(into: departments).indicatorTables[0].indicators.map(\.lead)
        #expect(folded == [["市卫生计生委"], ["市卫生计生委", "市体育局"], ["市体育局"]])
    }
}

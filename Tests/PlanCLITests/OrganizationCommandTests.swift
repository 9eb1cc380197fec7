import ArgumentParser
import Foundation
import PlanCore
import PlanStore
import Testing

@testable import PlanCLI

/// `hcm departments` and `hcm regions`, and `hcm user add` finding a department by a short name.
@Suite struct OrganizationCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-cli-\(UUID().uuidString)")
    var db: String { directory.appendingPathComponent("hcm.sqlite").path }

    func run(_ arguments: [String]) async throws {
        var command = try HCM.parseAsRoot(arguments + ["--db", db])
        if var async = command as? any AsyncParsableCommand {
            try await async.run()
        } else {
            try command.run()
        }
    }

    /// Why the arguments are refused before the command runs, as the command line prints it.
    func refusal(_ arguments: [String]) -> String {
        do {
            _ = try HCM.parseAsRoot(arguments + ["--db", db])
            return ""
        } catch {
            return HCM.message(for: error)
        }
    }

    @Test func departmentsAndRegionsAreKeptFromTheCommandLine() async throws {
        try await run(["departments", "add", "市卫生计生委", "--alias", "卫计"])
        try await run(["departments", "alias", "卫计", "卫生计生委"])
        #expect(refusal(["departments", "add", "各乡镇政府"]).contains("是统称"))
        await #expect(throws: ValidationError.self) { try await run(["departments", "alias", "市体育局", "体育"]) }
        try await run(["regions", "add", "330302", "鹿城区", "--parent", "330300"])
        #expect(refusal(["regions", "add", "33x", "鹿城区"]).contains("地区代码应为 6 位"))

        let store = try SQLitePlanRepository(path: db)
        #expect(try await store.departments().map(\.aliases) == [["卫计", "卫生计生委"]])
        #expect(try await store.regions() == [Region(code: "330302", name: "鹿城区", level: .county, parentCode: "330300")])
        let list = try #require(try HCM.parseAsRoot(["departments", "list", "--db", db]) as? DepartmentsList)
        let text = try list.output.render(DepartmentList(departments: try await store.departments()))
        #expect(text == "#1  市卫生计生委（又称：卫计、卫生计生委）")

        // A short name the department does not list yet still finds it (卫生 abbreviates 市卫生计生委); an
        // unknown one is refused naming the departments there are.
        try await run(["user", "add", "weijian", "--role", "reporter", "--department", "卫生", "--region", "330302"])
        #expect(try await store.users().first { $0.username == "weijian" }?.departmentID == 1)
        do {
            try await run(["user", "add", "tiyu", "--role", "reporter", "--department", "体育", "--region", "330302"])
            Issue.record("an unknown department was accepted")
        } catch let error as ValidationError {
            #expect(error.message.contains("已有：市卫生计生委"))
        }
    }
}

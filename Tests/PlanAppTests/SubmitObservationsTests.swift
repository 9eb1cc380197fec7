import Foundation
import PlanApp
import PlanCore
import PlanImport
import PlanStore
import Testing

/// The one write path on a real store with a real seed plan.
@Suite struct SubmitObservationsTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../PlanImportTests/Fixtures/seeds").standardized
    static let at = "2021-04-15T00:00:00Z"
    static let now = at

    static func store() throws -> SQLitePlanRepository {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-app-\(UUID().uuidString)")
        return try SQLitePlanRepository(path: directory.appendingPathComponent("hcm.sqlite").path)
    }

    @Test func aDraftPlanTakesNoValueUntilPublished() async throws {
        let store = try Self.store()
        let plan = try PlanImporter.importPlan(at: Self.seeds.appendingPathComponent("000_43dbf30d6d3ada74.txt"))
        let planID = try await store.createPlan(plan, source: nil, actor: "test", at: Self.at)
        let indicator = try #require(try await store.indicators(planID: planID).first { $0.indicator.name == "人均预期寿命" })
        let admin = User(username: "admin", displayName: "管理员", role: .admin)
        let change = ObservationChange(indicatorID: indicator.id, regionCode: "330302", year: 2020, action: .submit, valueText: "81.6")
        let submit = SubmitObservations(store: store)
        await #expect(throws: AppError.self) { try await submit([change], by: admin, today: "2021-04-15", now: Self.at) }
        #expect(try await store.observations(planID: planID, year: nil, regionCode: nil).isEmpty)
        try await store.setPlanStatus(id: planID, to: .published, actor: "test", at: Self.at)
        let written = try await submit([change], by: admin, today: "2021-04-15", now: Self.at)
        #expect(written.map(\.valueText) == ["81.6"])
        #expect(written.map(\.unit) == ["岁"])
    }
}

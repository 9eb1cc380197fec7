import Foundation
import PlanApp
import PlanCore
import PlanImport
import PlanStore

/// A 温州 plan published in a fresh SQLite file, its 2020 cycle due 2021-05-10, two departments with reporters
/// in 鹿城区 (330302), the office, a department leader and the city leadership.
struct RemindersWorld {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt").standardized
    static let t0 = "2021-01-01T00:00:00.000Z"

    let store: SQLitePlanRepository
    let planID: Int64
    let health: Department
    let sport: Department

    init() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-reminders-\(UUID().uuidString)/hcm.sqlite").path
        try await self.init(store: SQLitePlanRepository(path: path))
    }

    init(store: SQLitePlanRepository) async throws {
        self.store = store
        let plan = try PlanImporter.importPlan(at: Self.seed)
        planID = try await store.createPlan(plan, source: nil, actor: "admin", at: Self.t0)
        try await store.setPlanStatus(id: planID, to: .published, actor: "admin", at: Self.t0)
        _ = try await store.openCycle(.standard(planID: planID, year: 2020, planDeadline: "05-10"), actor: "admin", at: Self.t0)
        var health = Department(name: "市卫生计生委", aliases: ["卫计"], regionCode: "330300")
        health.id = try await store.saveDepartment(health, actor: "admin", at: Self.t0)
        var sport = Department(name: "市体育局", aliases: ["体育"], regionCode: "330300")
        sport.id = try await store.saveDepartment(sport, actor: "admin", at: Self.t0)
        self.health = health
        self.sport = sport
        for user in [
            User(username: "wsj", displayName: "卫健填报员", role: .reporter, departmentID: health.id, regionCode: "330302", email: "wsj@hcm.example"),
            User(username: "tyj", displayName: "体育填报员", role: .reporter, departmentID: sport.id, regionCode: "330302", email: "tyj@hcm.example"),
            User(username: "tyj2", displayName: "体育填报员二", role: .reporter, departmentID: sport.id, regionCode: "330302"),
            User(username: "office", displayName: "健康办", role: .reviewer, email: "office@hcm.example"),
            User(username: "wsjld", displayName: "卫健分管领导", role: .viewer, departmentID: health.id, email: "wsjld@hcm.example"),
            User(username: "mayor", displayName: "市领导", role: .viewer, email: "mayor@hcm.example"),
        ] {
            _ = try await store.createUser(user, passwordHash: "x", actor: "admin", at: Self.t0)
        }
    }

    /// China time on a day, e.g. at("2021-05-07", "10:00").
    static func at(_ day: String, _ time: String = "10:00") -> Date {
        try! Date.ISO8601FormatStyle().parse("\(day)T\(time):00+08:00")
    }

    /// `department` hands in every value and task it owes in 330302.
    func submitEverything(of department: Department, at: String) async throws {
        let indicators = try await store.indicators(planID: planID).filter {
            ($0.indicator.lead + $0.indicator.cooperating).contains(where: department.isNamed)
        }
        _ = try await store.apply(
            indicators.map { ObservationChange(indicatorID: $0.id, regionCode: "330302", year: 2020, action: .submit, valueText: "1") },
            actor: "reporter", at: at)
        let plan = try await store.plan(id: planID)!
        for (a, action) in plan.actions.enumerated() {
            for (t, task) in action.tasks.enumerated() where (task.lead + task.responsible).contains(where: department.isNamed) {
                _ = try await store.saveTaskProgress(
                    TaskProgress(planID: planID, actionIndex: a, taskIndex: t, regionCode: "330302", year: 2020, status: .inProgress),
                    expectedVersion: nil, actor: "reporter", at: at)
            }
        }
    }
}

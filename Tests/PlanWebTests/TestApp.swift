import Foundation
import HummingbirdBcrypt
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanImport
import PlanStore
import Testing

@testable import PlanWeb

/// A fresh store with the Wenzhou plan published, its 2020 cycle open on a fixed clock, and one user per role.
struct TestWorld {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt").standardized
    /// 2021-04-15 noon in China: inside the 2020 cycle (2021-01-01 … 2021-05-10).
    static let clock = Date(timeIntervalSince1970: 1_618_459_200)
    static let password = "correct horse battery"

    let store: any PlanRepository & SessionRepository
    let config: AppConfig
    /// Closes the store and removes what it made (a PostgreSQL schema); run by `test` when the body ends.
    private let close: @Sendable () async -> Void
    let planID: Int64
    /// 人均预期寿命 (lead 市卫生计生委) and 国民体质监测合格率 (lead 市体育局).
    let healthIndicator: Int64
    let sportsIndicator: Int64
    /// A task 市卫生计生委 (卫计) leads or is responsible for, and one it is not: (action, task) positions.
    let healthTask: (action: Int, task: Int)
    let otherTask: (action: Int, task: Int)

    init(_ backend: Backend = .sqlite) async throws {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-web-\(UUID().uuidString)")
            store = try SQLitePlanRepository(path: directory.appendingPathComponent("hcm.sqlite").path)
            close = {}
        case .postgres:
            (store, close) = try await Backend.postgresStore()
        }
        config = AppConfig(store: store, clock: { TestWorld.clock }, bcryptCost: 4)
        let at = "2021-01-01T00:00:00Z"
        planID = try await store.createPlan(try PlanImporter.importPlan(at: Self.seed), source: nil, actor: "test", at: at)
        try await store.setPlanStatus(id: planID, to: .published, actor: "test", at: at)
        _ = try await store.openCycle(.standard(planID: planID, year: 2020, planDeadline: nil), actor: "test", at: at)
        _ = try await store.openCycle(.standard(planID: planID, year: 2018, planDeadline: nil), actor: "test", at: at)
        let indicators = try await store.indicators(planID: planID)
        healthIndicator = indicators.first { $0.indicator.name == "人均预期寿命" }!.id
        sportsIndicator = indicators.first { $0.indicator.name == "国民体质监测合格率" }!.id
        let plan = try await store.plan(id: planID)!
        let healthNames = Department(name: "市卫生计生委", aliases: ["卫计"])
        func task(healthLeads: Bool) -> (Int, Int) {
            for (a, action) in plan.actions.enumerated() {
                if let t = action.tasks.firstIndex(where: { ($0.lead + $0.responsible).contains(where: healthNames.isNamed) == healthLeads }) {
                    return (a, t)
                }
            }
            fatalError("the seed plan has no such task")
        }
        healthTask = task(healthLeads: true)
        otherTask = task(healthLeads: false)
        let health = try await store.saveDepartment(Department(name: "市卫生计生委", aliases: ["卫计"]), actor: "test", at: at)
        let hash = Bcrypt.hash(Self.password, cost: 4)
        for user in [
            User(username: "admin", displayName: "管理员", role: .admin),
            User(username: "office", displayName: "健康办", role: .reviewer),
            User(username: "reporter", displayName: "鹿城卫健", role: .reporter, departmentID: health, regionCode: "330302"),
            User(username: "other", displayName: "龙湾卫健", role: .reporter, departmentID: health, regionCode: "330303"),
            User(username: "viewer", displayName: "领导", role: .viewer),
        ] {
            _ = try await store.createUser(user, passwordHash: hash, actor: "test", at: at)
        }
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let outcome = await Result { try await buildApplication(config).test(.router, body) }
        await close()
        try outcome.get()
    }
}

extension TestClientProtocol {
    func login(_ username: String, password: String = TestWorld.password) async throws -> String {
        try await execute(
            uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"username": "\#(username)", "password": "\#(password)"}"#)
        ) { response in
            #expect(response.status == .ok, "login \(username)")
            return try JSONDecoder().decode(Token.self, from: Data(buffer: response.body)).token
        }
    }

    /// Sends JSON as `token`'s user and returns the status and body.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil) async throws -> (status: HTTPResponse.Status, body: Data) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) {
            ($0.status, Data(buffer: $0.body))
        }
    }
}

struct Token: Decodable {
    var token: String
}

/// The error body every refusal carries.
func errorBody(_ data: Data) throws -> ErrorBody.Detail {
    try JSONDecoder().decode(ErrorBody.self, from: data).error
}

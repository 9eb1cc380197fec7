import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import Testing

@testable import PlanWeb

@Suite struct AccessAPITests {
    @Test func authorizationMatrix() async throws { try await AccessAPIScenarios.authorizationMatrix(on: .sqlite) }
    @Test func signInIsLimitedAndTokensEnd() async throws { try await AccessAPIScenarios.signInIsLimitedAndTokensEnd(on: .sqlite) }
    @Test func administratorsMaintainTheOrganisation() async throws { try await AccessAPIScenarios.administratorsMaintainTheOrganisation(on: .sqlite) }
    @Test func uploadsAreLimitedAndReadDocuments() async throws { try await AccessAPIScenarios.uploadsAreLimitedAndReadDocuments(on: .sqlite) }
    @Test func theOpenAPIDocumentDescribesTheAPI() async throws { try await AccessAPIScenarios.theOpenAPIDocumentDescribesTheAPI(on: .sqlite) }
}

@Suite(Backend.postgresOnly) struct PostgresAccessAPITests {
    @Test func authorizationMatrix() async throws { try await AccessAPIScenarios.authorizationMatrix(on: .postgres) }
    @Test func signInIsLimitedAndTokensEnd() async throws { try await AccessAPIScenarios.signInIsLimitedAndTokensEnd(on: .postgres) }
    @Test func administratorsMaintainTheOrganisation() async throws { try await AccessAPIScenarios.administratorsMaintainTheOrganisation(on: .postgres) }
}

/// Who may do what through the API, the same on every store.
enum AccessAPIScenarios {
    /// Every write route against every role: who is let through and who gets 401/403.
    static func authorizationMatrix(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        let h = world.healthIndicator
        let writes: [(name: String, method: HTTPRequest.Method, uri: String, body: String, allowed: Set<String>)] = [
            ("publish", .post, "/api/v1/plans/\(world.planID)/publish", "{}", ["admin"]),
            ("cycle", .post, "/api/v1/plans/\(world.planID)/cycles", #"{"year": 2019}"#, ["admin"]),
            ("submit", .post, "/api/v1/observations", #"{"changes": [{"indicatorID": \#(h), "regionCode": "330302", "year": 2020, "action": "saveDraft", "valueText": "81"}]}"#, ["admin", "reporter"]),
            ("review", .post, "/api/v1/observations/review", #"{"changes": [{"indicatorID": \#(h), "regionCode": "330399", "year": 2020, "action": "approve", "expectedVersion": 1}]}"#, ["admin", "office"]),
            ("propose", .post, "/api/v1/revisions", #"{"indicatorID": \#(h), "year": 2019, "newText": "81", "reason": "测试"}"#, ["admin", "office"]),
            ("user", .post, "/api/v1/users", #"{"username": "new_%@", "displayName": "新用户", "role": "viewer", "password": "longenough1"}"#, ["admin"]),
            ("archive", .post, "/api/v1/plans/999/archive", "{}", ["admin"]),
            ("task progress", .post, "/api/v1/plans/\(world.planID)/task-progress", #"{"actionIndex": \#(world.healthTask.action), "taskIndex": \#(world.healthTask.task), "regionCode": "330302", "year": 2020, "status": "inProgress"}"#, ["admin", "reporter"]),
            ("regions", .put, "/api/v1/regions", #"[{"code": "330399", "name": "测试区", "level": "county"}]"#, ["admin"]),
            ("department", .post, "/api/v1/departments", #"{"name": "市测试局%@"}"#, ["admin"]),
            ("department update", .put, "/api/v1/departments/999", #"{"name": "市测试局"}"#, ["admin"]),
            ("upload", .post, "/api/v1/plans?filename=plan.csv", "领域,指标,2020年\n健康水平,人均预期寿命（岁）,81\n", ["admin"]),
        ]
        try await world.test { client in
            var tokens: [String: String] = [:]
            for name in ["admin", "office", "reporter", "viewer"] { tokens[name] = try await client.login(name) }
            for write in writes {
                let anonymous = try await client.call(write.method, write.uri, token: nil, json: write.body)
                #expect(anonymous.status == .unauthorized, "\(write.name) anonymous")
                for (role, token) in tokens {
                    let body = write.body.replacingOccurrences(of: "%@", with: role)
                    let response = try await client.call(write.method, write.uri, token: token, json: body)
                    if write.allowed.contains(role) {
                        // Through the door: whatever the store then says, it is not an authorization refusal.
                        #expect(![.unauthorized, .forbidden].contains(response.status), "\(write.name) as \(role): \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(write.name) as \(role): \(response.status)")
                    }
                }
            }
        }
    }

    static func signInIsLimitedAndTokensEnd(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            for _ in 0..<5 {
                let r = try await client.call(.post, "/api/v1/auth/login", token: nil, json: #"{"username": "office", "password": "wrong"}"#)
                #expect(r.status == .unauthorized)
            }
            let limited = try await client.call(.post, "/api/v1/auth/login", token: nil, json: #"{"username": "office", "password": "\#(TestWorld.password)"}"#)
            #expect(limited.status == .tooManyRequests)
            let token = try await client.login("admin")
            #expect(try await client.call(.get, "/api/v1/me", token: token).status == .ok)
            #expect(try await client.call(.post, "/api/v1/auth/logout", token: token).status == .noContent)
            #expect(try await client.call(.get, "/api/v1/me", token: token).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/me", token: "forged").status == .unauthorized)
        }
    }

    static func uploadsAreLimitedAndReadDocuments(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        let small = AppConfig(store: world.store, clock: { TestWorld.clock }, maximumUploadSize: 1024, bcryptCost: 4)
        try await buildApplication(small).test(.router) { client in
            let admin = try await client.login("admin")
            let big = String(repeating: "x", count: 4096)
            var r = try await client.call(.post, "/api/v1/plans?filename=plan.txt", token: admin, json: big)
            #expect(r.status == .contentTooLarge)
            r = try await client.call(.post, "/api/v1/plans?filename=plan.pdf", token: admin, json: "%PDF")
            #expect(r.status == .unprocessableContent)
            r = try await client.call(.post, "/api/v1/plans?filename=plan.csv", token: admin, json: "领域,指标,2020年\n健康水平,人均预期寿命（岁）,81\n")
            #expect(r.status == .created)
        }
    }

    /// Every route the application registers is described in the OpenAPI document, its bodies by schemas.
    static func theOpenAPIDocumentDescribesTheAPI(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let r = try await client.call(.get, "/api/v1/openapi.json", token: nil)
            let document = try #require(try JSONSerialization.jsonObject(with: r.body) as? [String: Any])
            #expect(document["openapi"] as? String == "3.0.3")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            for entry in OpenAPIDocument.operations {
                #expect(paths[entry.path]?[entry.method] != nil, "\(entry.method) \(entry.path)")
                if case .json(let name) = entry.body { #expect(schemas[name] != nil, "\(entry.method) \(entry.path): \(name)") }
            }
            // Enums are the Swift cases the bodies decode.
            let newUser = try #require(schemas["NewUser"] as? [String: Any])
            let role = try #require((newUser["properties"] as? [String: [String: Any]])?["role"])
            #expect(role["enum"] as? [String] == User.Role.allCases.map(\.rawValue))
        }
    }

    /// Regions are added parents first; a department's names and aliases are unique; users are listed to admins.
    static func administratorsMaintainTheOrganisation(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let admin = try await client.login("admin")
            let viewer = try await client.login("viewer")
            var r = try await client.call(.put, "/api/v1/regions", token: admin, json: #"[{"code": "330302001", "name": "五马街道", "level": "township", "parentCode": "330302"}]"#)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).field == "regions[0].parentCode")
            r = try await client.call(.put, "/api/v1/regions", token: admin, json: #"[{"code": "330302", "name": "鹿城区", "level": "county"}, {"code": "330302001", "name": "五马街道", "level": "township", "parentCode": "330302"}]"#)
            #expect(r.status == .ok)
            #expect(try JSONDecoder().decode([Region].self, from: r.body).map(\.code) == ["330302", "330302001"])
            r = try await client.call(.put, "/api/v1/regions", token: admin, json: #"[{"code": "33-02", "name": "x", "level": "county"}]"#)
            #expect(try errorBody(r.body).field == "regions[0].code")

            r = try await client.call(.post, "/api/v1/departments", token: admin, json: #"{"name": "市体育局", "aliases": ["体育", " "]}"#)
            #expect(r.status == .created)
            let sports = try JSONDecoder().decode(Department.self, from: r.body)
            #expect(sports.aliases == ["体育"])
            r = try await client.call(.post, "/api/v1/departments", token: admin, json: #"{"name": "市体育总会", "aliases": ["体育"]}"#)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).message.contains("体育"))
            r = try await client.call(.put, "/api/v1/departments/\(sports.id!)", token: admin, json: #"{"name": "市文化广电旅游体育局", "aliases": ["体育", "文广旅体"]}"#)
            #expect(r.status == .ok)
            r = try await client.call(.get, "/api/v1/departments", token: viewer)
            #expect(try JSONDecoder().decode([Department].self, from: r.body).contains { $0.name == "市文化广电旅游体育局" && $0.aliases == ["体育", "文广旅体"] })
            r = try await client.call(.put, "/api/v1/departments/99999", token: admin, json: #"{"name": "不存在"}"#)
            #expect(r.status == .notFound)

            r = try await client.call(.get, "/api/v1/users", token: viewer)
            #expect(r.status == .forbidden)
            r = try await client.call(.get, "/api/v1/users", token: admin)
            #expect(try JSONDecoder().decode([User].self, from: r.body).map(\.username) == ["admin", "office", "reporter", "other", "viewer"])
            #expect(!String(decoding: r.body, as: UTF8.self).contains("$2"), "no password hash in the listing")
            let audit = try await world.store.auditLog(limit: 20).map(\.entity)
            #expect(audit.contains("region") && audit.contains("department"))
        }
    }
}

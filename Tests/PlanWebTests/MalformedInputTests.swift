import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import Testing

@testable import PlanWeb

/// What the security probes (Tests/Security/api_probe.py) found: input the server answered with a 500, a
/// crash, or an error body other than the documented one. Each is now a 4xx naming the field.
@Suite struct MalformedInputTests {
    @Test func undecodableBodiesNameTheField() async throws { try await MalformedInputScenarios.undecodableBodiesNameTheField(on: .sqlite) }
    @Test func pathIDsMustBeIntegers() async throws { try await MalformedInputScenarios.pathIDsMustBeIntegers(on: .sqlite) }
    @Test func yearsOutsideThePlansRangeAreRefused() async throws { try await MalformedInputScenarios.yearsOutsideThePlansRangeAreRefused(on: .sqlite) }
    @Test func aTaskPositionNoPlanHasIsRefused() async throws { try await MalformedInputScenarios.aTaskPositionNoPlanHasIsRefused(on: .sqlite) }
    @Test func aUserOfAnUnknownDepartmentIsRefused() async throws { try await MalformedInputScenarios.aUserOfAnUnknownDepartmentIsRefused(on: .sqlite) }
    @Test func textWithUPlus0000IsNeverAServerError() async throws { try await MalformedInputScenarios.textWithUPlus0000IsNeverAServerError(on: .sqlite) }
}

@Suite(Backend.postgresOnly) struct PostgresMalformedInputTests {
    @Test func aTaskPositionNoPlanHasIsRefused() async throws { try await MalformedInputScenarios.aTaskPositionNoPlanHasIsRefused(on: .postgres) }
    @Test func aUserOfAnUnknownDepartmentIsRefused() async throws { try await MalformedInputScenarios.aUserOfAnUnknownDepartmentIsRefused(on: .postgres) }
    @Test func textWithUPlus0000IsNeverAServerError() async throws { try await MalformedInputScenarios.textWithUPlus0000IsNeverAServerError(on: .postgres) }
}

enum MalformedInputScenarios {
    /// U+0000 in a sign-in name, a value's evidence, a query and an uploaded plan (schemathesis found the
    /// first on PostgreSQL, which can store no text with it): SQLite keeps what it is given, PostgreSQL's
    /// store refuses it as invalid input (422 naming `text`), neither answers 500; a plan document's text is
    /// imported without control characters on both.
    static func textWithUPlus0000IsNeverAServerError(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let login = try await client.call(.post, "/api/v1/auth/login", token: nil, json: #"{"username": "ad\u0000min", "password": "x"}"#)
            #expect([.unauthorized, .unprocessableContent].contains(login.status), "\(login.status)")
            let reporter = try await client.login("reporter")
            let form = #"{"changes": [{"indicatorID": \#(world.healthIndicator), "year": 2020, "valueText": "81", "evidence": "a\u0000b"}]}"#
            let submitted = try await client.call(.post, "/api/v1/observations", token: reporter, json: form)
            #expect(backend == .sqlite ? submitted.status == .ok : submitted.status == .unprocessableContent, "\(submitted.status)")
            if submitted.status == .unprocessableContent { #expect(try errorBody(submitted.body).field == "text") }
            let query = try await client.call(.get, "/api/v1/observations?plan=\(world.planID)&region=%00", token: reporter)
            #expect([.ok, .unprocessableContent].contains(query.status), "\(query.status)")
            let admin = try await client.login("admin")
            let upload = try await client.call(
                .post, "/api/v1/plans?filename=plan.csv", token: admin, json: "领域,指标,2020年\n健康\u{0}水平,人均预期\u{0}寿命\u{7}（岁）,81\n")
            #expect(upload.status == .created, "\(upload.status)")
            let planID = try #require(try JSONSerialization.jsonObject(with: upload.body) as? [String: Any])["id"] as? Int
            let indicators = try await client.call(.get, "/api/v1/plans/\(planID ?? 0)/indicators", token: admin)
            #expect(indicators.status == .ok)
            #expect(String(decoding: indicators.body, as: UTF8.self).contains(#""name":"人均预期寿命""#))
        }
    }

    /// A body that does not decode is 400 with the documented error body and the field at fault (it was
    /// Hummingbird's own `{"error": {"message"}}`, without code or field).
    static func undecodableBodiesNameTheField(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let admin = try await client.login("admin")
            let cases: [(uri: String, json: String, field: String?)] = [
                ("/api/v1/observations", #"{"changes": [{"indicatorID": 1}]}"#, "changes[0].year"),
                ("/api/v1/observations", #"{"changes": [{"indicatorID": "一", "year": 2020}]}"#, "changes[0].indicatorID"),
                ("/api/v1/observations", #"{"changes": [{"indicatorID": 1, "year": 2020, "action": "delete"}]}"#, "changes[0].action"),
                ("/api/v1/observations", #"{"changes": [{"indicatorID": 1, "year": 2020, "expectedVersion": 1e40}]}"#, nil),
                ("/api/v1/users", #"{"username": "x1", "displayName": "x", "role": "root", "password": "longenough"}"#, "role"),
                ("/api/v1/auth/login", "' OR 1=1--", nil),
            ]
            for sent in cases {
                let r = try await client.call(.post, sent.uri, token: admin, json: sent.json)
                #expect(r.status == .badRequest, "\(sent.json)")
                let error = try errorBody(r.body)
                #expect(error.code == "bad_request", "\(sent.json)")
                if let field = sent.field { #expect(error.field == field, "\(sent.json)") }
            }
        }
    }

    /// `/plans/abc`, or an id past Int64, is 400 naming `id` in the documented body.
    static func pathIDsMustBeIntegers(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let admin = try await client.login("admin")
            for uri in ["/api/v1/plans/abc", "/api/v1/observations/9223372036854775808/history", "/api/v1/users/1%27%20OR%201=1--"] {
                let r = try await client.call(.get, uri, token: admin)
                #expect(r.status == .badRequest, "\(uri)")
                let error = try errorBody(r.body)
                #expect([error.code, error.message, error.field] == ["bad_request", "路径中的 id 应为整数", "id"], "\(uri)")
            }
        }
    }

    /// Years past Int's ends crashed the server (a cycle opens the year after, evaluation reads the year
    /// before); `?year=abc` was ignored and answered with every year.
    static func yearsOutsideThePlansRangeAreRefused(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        let plan = world.planID
        try await world.test { client in
            let admin = try await client.login("admin")
            let writes: [(uri: String, json: String, field: String)] = [
                ("/api/v1/plans/\(plan)/cycles", #"{"year": \#(Int.max)}"#, "year"),
                ("/api/v1/observations", #"{"changes": [{"indicatorID": \#(world.healthIndicator), "regionCode": "330302", "year": 99999, "valueText": "1"}]}"#, "changes[0].year"),
                ("/api/v1/revisions", #"{"indicatorID": \#(world.healthIndicator), "year": -1, "newText": "81", "reason": "r"}"#, "year"),
            ]
            for write in writes {
                let r = try await client.call(.post, write.uri, token: admin, json: write.json)
                #expect(r.status == .unprocessableContent, "\(write.uri)")
                #expect(try errorBody(r.body).field == write.field, "\(write.uri)")
            }
            for uri in ["/api/v1/plans/\(plan)/evaluation?year=\(Int.min)", "/api/v1/observations?plan=\(plan)&year=abc",
                        "/api/v1/plans/\(plan)/task-progress?year=1%20OR%201=1"] {
                let r = try await client.call(.get, uri, token: admin)
                #expect(r.status == .badRequest, "\(uri)")
                #expect(try errorBody(r.body).field == "year", "\(uri)")
            }
            let r = try await client.call(.get, "/api/v1/plans/\(plan)/evaluation?year=2020", token: admin)
            #expect(r.status == .ok)
        }
    }

    /// The largest Int as a task's position crashed the server counting it from 1 for the message.
    static func aTaskPositionNoPlanHasIsRefused(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let admin = try await client.login("admin")
            for (action, task, field) in [(0, Int.max, "taskIndex"), (Int.max, 0, "taskIndex"), (-1, 0, "taskIndex")] {
                let r = try await client.call(
                    .post, "/api/v1/plans/\(world.planID)/task-progress", token: admin,
                    json: #"{"actionIndex": \#(action), "taskIndex": \#(task), "regionCode": "330302", "year": 2020, "status": "inProgress"}"#)
                #expect(r.status == .unprocessableContent, "\(action), \(task)")
                let error = try errorBody(r.body)
                #expect(error.field == field)
                #expect(error.message.contains(task == Int.max ? "\(Int.max)" : "第 1 项任务"), "\(error.message)")
            }
        }
    }

    /// A department that does not exist was a foreign-key failure in the store: 500 with an empty body.
    static func aUserOfAnUnknownDepartmentIsRefused(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let admin = try await client.login("admin")
            var r = try await client.call(
                .post, "/api/v1/users", token: admin,
                json: #"{"username": "nobody", "displayName": "x", "role": "viewer", "departmentID": 999, "password": "longenough"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).field == "departmentID")
            r = try await client.call(.get, "/api/v1/users", token: admin)
            #expect(try JSONDecoder().decode([User].self, from: r.body).allSatisfy { $0.username != "nobody" })
        }
    }
}

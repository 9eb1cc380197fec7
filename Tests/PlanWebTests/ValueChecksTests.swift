import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanImport
import PlanReports
import PlanStore
import Testing

@testable import PlanWeb

@Suite struct ValueChecksTests {
    @Test func everyPathRefusesWhatIsNotANumber() async throws { try await ValueCheckScenarios.everyPathRefusesWhatIsNotANumber(on: .sqlite) }
    @Test func aBigChangeNeedsAnExplanationTheReviewerSees() async throws { try await ValueCheckScenarios.aBigChangeNeedsAnExplanationTheReviewerSees(on: .sqlite) }
    @Test func fourEyesAndPublishedPlansOnly() async throws { try await ValueCheckScenarios.fourEyesAndPublishedPlansOnly(on: .sqlite) }
    @Test func aStaleTemplateRowIsAConflict() async throws { try await ValueCheckScenarios.aStaleTemplateRowIsAConflict(on: .sqlite) }
    @Test func aReporterChoosesAmongOpenPlans() async throws { try await ValueCheckScenarios.aReporterChoosesAmongOpenPlans(on: .sqlite) }
}

@Suite(Backend.postgresOnly) struct PostgresValueChecksTests {
    @Test func everyPathRefusesWhatIsNotANumber() async throws { try await ValueCheckScenarios.everyPathRefusesWhatIsNotANumber(on: .postgres) }
    @Test func aBigChangeNeedsAnExplanationTheReviewerSees() async throws { try await ValueCheckScenarios.aBigChangeNeedsAnExplanationTheReviewerSees(on: .postgres) }
    @Test func fourEyesAndPublishedPlansOnly() async throws { try await ValueCheckScenarios.fourEyesAndPublishedPlansOnly(on: .postgres) }
    @Test func aStaleTemplateRowIsAConflict() async throws { try await ValueCheckScenarios.aStaleTemplateRowIsAConflict(on: .postgres) }
    @Test func aReporterChoosesAmongOpenPlans() async throws { try await ValueCheckScenarios.aReporterChoosesAmongOpenPlans(on: .postgres) }
}

/// Values are checked where they enter, the same way on the API, the reporter's form and the offline template
/// (one write path, `SubmitObservations`), on every store.
enum ValueCheckScenarios {
    static func upload(_ client: some TestClientProtocol, _ data: Data, token: String) async throws -> (HTTPResponse.Status, Data) {
        try await client.execute(
            uri: "/api/v1/template?action=saveDraft", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/octet-stream"], body: ByteBuffer(bytes: data)
        ) { ($0.status, Data(buffer: $0.body)) }
    }

    static func submit(_ world: TestWorld, _ value: String, year: Int = 2020, extra: String = "") -> String {
        #"{"changes": [{"indicatorID": \#(world.healthIndicator), "year": \#(year), "action": "saveDraft", "valueText": "\#(value)"\#(extra)}]}"#
    }

    static func everyPathRefusesWhatIsNotANumber(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let reporter = try await client.login("reporter")
            for bad in ["abc", "5abc", "1e3", "=1+1", "99999999999999999999"] {
                let r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, bad))
                #expect(r.status == .unprocessableContent, "\(bad)")
                let error = try errorBody(r.body)
                #expect(error.field == "valueText")
                #expect(error.message == "“人均预期寿命”的目标为“81.5”，应填写数值（只含数字和一个小数点，可带单位“岁”），“\(bad)”不是数值")
            }
            var r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "-5"))
            #expect(try errorBody(r.body).message.contains("超出合理范围（0–130岁）"))
            // The office may set the indicator's own range; the reporter cannot.
            let range = #"{"low": 60, "high": 100}"#
            #expect(try await client.call(.put, "/api/v1/indicators/\(world.healthIndicator)/plausible-range", token: reporter, json: range).status == .forbidden)
            let office = try await client.login("office")
            #expect(try await client.call(.put, "/api/v1/indicators/\(world.healthIndicator)/plausible-range", token: office, json: #"{"low": 100, "high": 60}"#).status == .unprocessableContent)
            #expect(try await client.call(.put, "/api/v1/indicators/\(world.healthIndicator)/plausible-range", token: office, json: range).status == .noContent)
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "59"))
            #expect(try errorBody(r.body).message.contains("超出合理范围（60–100岁）"))
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "81", extra: #", "unit": "\#(String(repeating: "x", count: 5000))""#))
            #expect(try errorBody(r.body).field == "unit")
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "81", extra: #", "evidence": "\#(String(repeating: "证", count: 2001))""#))
            #expect(try errorBody(r.body).message == "“人均预期寿命”的佐证说明不能超过 2000 字（现有 2001 字）")
            #expect(try await world.store.observations(planID: world.planID, year: nil, regionCode: nil).isEmpty)

            // Full-width digits are normalised, and the indicator's unit is kept whatever was sent.
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "８１.２岁"))
            #expect(r.status == .ok)
            let stored = try await world.store.observations(planID: world.planID, year: 2020, regionCode: "330302")
            #expect(stored.map(\.valueText) == ["81.2"])
            #expect(stored.map(\.unit) == ["岁"])

            // The reporter's form says the same.
            let cookie = try await PagesTests.signIn(client, "reporter")
            let form = try await PagesTests.fetch(client, .get, "/report", cookie: cookie)
            let page = try await PagesTests.fetch(
                client, .post, "/report", cookie: cookie,
                form: [("_csrf", form.csrf ?? ""), ("action", "saveDraft"), ("value_\(world.healthIndicator)", "5abc"),
                       ("version_\(world.healthIndicator)", "1")])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("“人均预期寿命”的目标为“81.5”，应填写数值"))

            // And the template names the cell.
            let download = try await client.execute(uri: "/api/v1/template", method: .get, headers: [.authorization: "Bearer \(reporter)"]) {
                Data(buffer: $0.body)
            }
            let sheets = try ReportsAndTemplatesTests.sheets(download)
            let row = try #require(sheets["填报"]?.firstIndex { $0[0] == "\(world.healthIndicator)" })
            let (status, body) = try await upload(client, ReportsAndTemplatesTests.filled(sheets, values: [row: "=1+1"]), token: reporter)
            #expect(status == .unprocessableContent)
            #expect(try errorBody(body).problems?.map(\.description) == [
                "“填报”表第 \(row + 1) 行 H 列：“人均预期寿命”的目标为“81.5”，应填写数值（只含数字和一个小数点，可带单位“岁”），“=1+1”不是数值"
            ])
            // A number Excel keeps as a binary double is taken as the cell shows it.
            let ok = try await upload(
                client, ReportsAndTemplatesTests.filled(sheets, values: [row: "81.09999999999999"]), token: reporter)
            #expect(ok.0 == .ok)
            #expect(try await world.store.observations(planID: world.planID, year: 2020, regionCode: "330302").map(\.valueText) == ["81.1"])
        }
    }

    /// Last year's approved 78 against this year's 120: refused without a 说明, kept with it, in the history and
    /// on the review page.
    static func aBigChangeNeedsAnExplanationTheReviewerSees(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        _ = try await world.store.openCycle(
            ReportingCycle(planID: world.planID, year: 2019, opens: "2021-01-01", deadline: "2021-12-31"), actor: "test", at: "2021-01-01T00:00:00Z")
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let office = try await client.login("office")
            var r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "78", year: 2019).replacingOccurrences(of: "saveDraft", with: "submit"))
            #expect(r.status == .ok)
            r = try await client.call(
                .post, "/api/v1/observations/review", token: office,
                json: #"{"changes": [{"indicatorID": \#(world.healthIndicator), "regionCode": "330302", "year": 2019, "action": "approve", "expectedVersion": 1}]}"#)
            #expect(r.status == .ok)
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "120"))
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).field == "explanation")
            #expect(try errorBody(r.body).message == "“人均预期寿命”的数值 120 与上年审核通过的 78 相差超过一半，请填写说明")
            r = try await client.call(
                .post, "/api/v1/observations", token: reporter,
                json: submit(world, "120", extra: #", "explanation": "统计口径改为常住人口""#).replacingOccurrences(of: "saveDraft", with: "submit"))
            #expect(r.status == .ok)
            let saved = try #require(try WorkflowAPIScenarios.observations(r.body).first)
            #expect(saved.explanation == "统计口径改为常住人口")
            r = try await client.call(.get, "/api/v1/observations/\(saved.id!)/history", token: office)
            #expect(try JSONDecoder().decode([ObservationRevision].self, from: r.body).map(\.explanation) == ["统计口径改为常住人口"])
            // Another region's reporter cannot read the history of a value not yet approved, as the list hides it.
            let other = try await client.login("other")
            #expect(try await client.call(.get, "/api/v1/observations/\(saved.id!)/history", token: other).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/observations/\(saved.id!)/history", token: reporter).status == .ok)
            let cookie = try await PagesTests.signIn(client, "office")
            let review = try await PagesTests.fetch(client, .get, "/review", cookie: cookie)
            #expect(review.html.contains("<strong>说明：</strong>统计口径改为常住人口"))
        }
    }

    /// An administrator cannot approve what they submitted; a plan that is not published takes no value.
    static func fourEyesAndPublishedPlansOnly(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let admin = try await client.login("admin")
            var r = try await client.call(
                .post, "/api/v1/observations", token: admin,
                json: #"{"changes": [{"indicatorID": \#(world.healthIndicator), "regionCode": "330302", "year": 2020, "valueText": "81"}]}"#)
            #expect(r.status == .ok)
            let approve = #"{"changes": [{"indicatorID": \#(world.healthIndicator), "regionCode": "330302", "year": 2020, "action": "approve", "expectedVersion": 1}]}"#
            r = try await client.call(.post, "/api/v1/observations/review", token: admin, json: approve)
            #expect(r.status == .forbidden)
            #expect(try errorBody(r.body).code == "own_submission")
            r = try await client.call(.post, "/api/v1/observations/review", token: try await client.login("office"), json: approve)
            #expect(r.status == .ok)

            try await world.store.setPlanStatus(id: world.planID, to: .archived, actor: "test", at: "2021-04-15T00:00:00Z")
            r = try await client.call(.post, "/api/v1/observations", token: try await client.login("reporter"), json: submit(world, "81"))
            #expect(r.status == .forbidden)
            #expect(try errorBody(r.body).code == "plan_not_published")
        }
    }

    /// A template carries the versions it was made from: a value saved since then is not overwritten.
    static func aStaleTemplateRowIsAConflict(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let download = try await client.execute(uri: "/api/v1/template", method: .get, headers: [.authorization: "Bearer \(reporter)"]) {
                Data(buffer: $0.body)
            }
            let sheets = try ReportsAndTemplatesTests.sheets(download)
            let row = try #require(sheets["填报"]?.firstIndex { $0[0] == "\(world.healthIndicator)" })
            var r = try await client.call(.post, "/api/v1/observations", token: reporter, json: submit(world, "81.4"))
            #expect(r.status == .ok)
            let (status, body) = try await upload(client, ReportsAndTemplatesTests.filled(sheets, values: [row: "80"]), token: reporter)
            #expect(status == .conflict)
            #expect(try errorBody(body).code == "stale_version")
            #expect(try await world.store.observations(planID: world.planID, year: 2020, regionCode: "330302").map(\.valueText) == ["81.4"])
            // A template made now carries version 1 and goes through.
            let fresh = try ReportsAndTemplatesTests.sheets(
                try await client.execute(uri: "/api/v1/template", method: .get, headers: [.authorization: "Bearer \(reporter)"]) { Data(buffer: $0.body) })
            let accepted = try await upload(client, ReportsAndTemplatesTests.filled(fresh, values: [row: "81.5"]), token: reporter)
            #expect(accepted.0 == .ok)
        }
    }

    /// Two published plans open for reporting: the reporter chooses, on the page and for the template; a value
    /// goes to the plan chosen, never silently to the first.
    static func aReporterChoosesAmongOpenPlans(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        let at = "2021-01-01T00:00:00Z"
        var second = try PlanImporter.importPlan(at: TestWorld.seed)
        second.title = "健康温州行动计划（第二份）"
        let secondID = try await world.store.createPlan(second, source: nil, actor: "test", at: at)
        try await world.store.setPlanStatus(id: secondID, to: .published, actor: "test", at: at)
        _ = try await world.store.openCycle(.standard(planID: secondID, year: 2020, planDeadline: nil), actor: "test", at: at)
        let health = try #require(try await world.store.indicators(planID: secondID).first { $0.indicator.name == "人均预期寿命" }?.id)
        try await world.test { client in
            let cookie = try await PagesTests.signIn(client, "reporter")
            var page = try await PagesTests.fetch(client, .get, "/report", cookie: cookie)
            #expect(page.html.contains("有 2 个规划正在填报，请选择"))
            #expect(page.html.contains("/report?plan=\(secondID)"))
            page = try await PagesTests.fetch(client, .get, "/report?plan=\(secondID)", cookie: cookie)
            #expect(page.html.contains("健康温州行动计划（第二份）"))
            page = try await PagesTests.fetch(
                client, .post, "/report", cookie: cookie,
                form: [("_csrf", page.csrf ?? ""), ("plan", "\(secondID)"), ("action", "saveDraft"), ("value_\(health)", "81.3")])
            #expect(page.location == "/report?saved=saveDraft&plan=\(secondID)")
            #expect(try await world.store.observations(planID: secondID, year: 2020, regionCode: "330302").map(\.valueText) == ["81.3"])
            #expect(try await world.store.observations(planID: world.planID, year: 2020, regionCode: "330302").isEmpty)

            let reporter = try await client.login("reporter")
            var r = try await client.call(.get, "/api/v1/template", token: reporter)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).code == "choose_plan")
            r = try await client.call(.get, "/api/v1/template?plan=\(secondID)", token: reporter)
            #expect(r.status == .ok)
        }
    }
}

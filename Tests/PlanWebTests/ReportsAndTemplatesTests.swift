import Foundation
import Hummingbird
import HummingbirdTesting
import PlanApp
import PlanCore
import PlanImport
import PlanReports
import Testing

@testable import PlanWeb

/// Evaluation and reports for the office, and the offline Excel template for reporters, through the app.
@Suite struct ReportsAndTemplatesTests {
    func upload(_ client: some TestClientProtocol, _ data: Data, token: String, action: String = "saveDraft") async throws
        -> (status: HTTPResponse.Status, body: Data)
    {
        try await client.execute(
            uri: "/api/v1/template?action=\(action)", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/octet-stream"], body: ByteBuffer(bytes: data)
        ) { ($0.status, Data(buffer: $0.body)) }
    }

    /// The downloaded template's rows as text, read back by the importer's spreadsheet reader.
    static func sheets(_ data: Data) throws -> [String: [[String]]] {
        var sheets: [String: [[String]]] = [:]
        var name = ""
        for block in try SpreadsheetReader.readXLSX(data, source: "template.xlsx").blocks {
            switch block {
            case .paragraph(let p): name = p.text
            case .table(let t): sheets[name] = t.rows.map { $0.cells.map(\.text) }
            }
        }
        return sheets
    }

    /// The template filled in as a person would: the rows as downloaded, with the given 本年值 per row.
    static func filled(_ sheets: [String: [[String]]], values: [Int: String], about: [String: String] = [:]) -> Data {
        let entry = sheets["填报"]!.enumerated().map { index, row in
            row.enumerated().map { column, text in
                Workbook.Cell.text(column == DataEntryTemplate.valueColumn ? values[index] ?? text : text)
            }
        }
        let info = sheets["说明"]!.map { row in [Workbook.Cell.text(row[0]), .text(about[row[0]] ?? row[1])] }
        return try! Workbook(title: "填好的模板", sheets: [Workbook.Sheet(name: "填报", rows: entry), Workbook.Sheet(name: "说明", rows: info)]).xlsx()
    }

    @Test func aReporterFillsInTheOfflineTemplate() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let download = try await client.execute(uri: "/api/v1/template", method: .get, headers: [.authorization: "Bearer \(reporter)"]) {
                ($0.status, $0.headers[.contentType], $0.headers[.contentDisposition], Data(buffer: $0.body))
            }
            #expect(download.0 == .ok)
            #expect(download.1 == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(download.2?.contains("filename*=UTF-8''2020") == true)
            let sheets = try Self.sheets(download.3)
            let rows = try #require(sheets["填报"])
            #expect(rows[0] == DataEntryTemplate.header)
            let health = try #require(rows.firstIndex { $0[0] == "\(world.healthIndicator)" })
            #expect(rows[health][3] == "人均预期寿命")
            #expect(!rows.contains { $0[0] == "\(world.sportsIndicator)" }, "another department's indicator")
            #expect(sheets["说明"]?.first == ["规划编号", "\(world.planID)"])

            // A word where a number is due, and a row of another department: both named, nothing written.
            let other = rows.firstIndex { $0[0] != "\(world.healthIndicator)" && $0[0] != "系统编号" }!
            var bad = rows
            bad[other][0] = "\(world.sportsIndicator)"
            let badFile = Self.filled(sheets.merging(["填报": bad]) { $1 }, values: [health: "很好", other: "90"])
            var (status, body) = try await upload(client, badFile, token: reporter)
            #expect(status == .unprocessableContent)
            let problems = try #require(try errorBody(body).problems)
            #expect(problems.map(\.description) == [
                "“填报”表第 \(health + 1) 行 H 列：“人均预期寿命”的目标为“81.5”，应填写数值（只含数字和一个小数点，可带单位“岁”），“很好”不是数值",
                "“填报”表第 \(other + 1) 行 A 列：系统编号“\(world.sportsIndicator)”不是本部门本次填报的指标",
            ])
            #expect(try await world.store.observations(planID: world.planID, year: 2020, regionCode: nil).isEmpty)

            // Another region's template is refused as a whole.
            (status, body) = try await upload(client, Self.filled(sheets, values: [health: "81.6"], about: ["地区代码": "330303"]), token: reporter)
            #expect(status == .unprocessableContent)
            #expect(try errorBody(body).problems?.first?.description.contains("地区代码为“330303”") == true)

            (status, body) = try await upload(client, Self.filled(sheets, values: [health: "81.6"]), token: reporter, action: "submit")
            #expect(status == .ok)
            let stored = try await world.store.observations(planID: world.planID, year: 2020, regionCode: "330302")
            #expect(stored.map(\.valueText) == ["81.6"])
            #expect(stored.map(\.status) == [.submitted])
            // Once submitted, the value is locked in the next template and cannot be changed through it.
            (status, body) = try await upload(client, Self.filled(sheets, values: [health: "82"]), token: reporter)
            #expect(try errorBody(body).problems?.first?.message == "“人均预期寿命”的状态为“已提交”，不能再修改")
            let office = try await client.login("office")
            #expect(try await client.call(.get, "/api/v1/template", token: office).status == .forbidden)

            // The same through the reporter's page: a download link, and an upload whose problems are listed.
            let cookie = try await PagesTests.signIn(client, "reporter")
            let page = try await PagesTests.fetch(client, .get, "/report", cookie: cookie)
            #expect(page.html.contains("离线填报"))
            let file = try await client.execute(uri: "/report/template", method: .get, headers: [.cookie: cookie]) { $0.headers[.contentType] }
            #expect(file == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let refused = try await WorkflowPagesTests.upload(
                client, path: "/report/template", field: "template", cookie: cookie, csrf: page.csrf, filename: "模板.xlsx",
                data: Self.filled(sheets, values: [health: "很好"]))
            #expect(refused.status == .unprocessableContent)
            let listed = refused.html.contains("<li>“填报”表第 \(health + 1) 行 H 列：“人均预期寿命”的状态为“已提交”，不能再修改</li>")
            #expect(listed)
        }
    }

    @Test func theOfficeEvaluatesAndDownloadsTheAnnualReport() async throws {
        let world = try await TestWorld()
        let id = world.healthIndicator
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let office = try await client.login("office")
            _ = try await client.call(.post, "/api/v1/observations", token: reporter,
                                      json: #"{"changes": [{"indicatorID": \#(id), "year": 2020, "valueText": "81.6"}]}"#)
            _ = try await client.call(.post, "/api/v1/observations/review", token: office,
                                      json: #"{"changes": [{"indicatorID": \#(id), "regionCode": "330302", "year": 2020, "action": "approve", "expectedVersion": 1}]}"#)
            var (status, body) = try await client.call(.get, "/api/v1/plans/\(world.planID)/evaluation?year=2020", token: office)
            #expect(status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            let regions = try #require(json["regions"] as? [[String: Any]])
            #expect(regions.map { $0["regionCode"] as? String } == ["330302"])
            let first = try #require((regions[0]["indicators"] as? [[String: Any]])?.first)
            #expect(first["name"] as? String == "人均预期寿命")
            #expect(first["status"] as? String == "met")
            #expect(try await client.call(.get, "/api/v1/plans/\(world.planID)/evaluation", token: office).status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/plans/\(world.planID)/evaluation?year=2020", token: reporter).status == .forbidden)

            (status, body) = try await client.call(.get, "/api/v1/plans/\(world.planID)/report?year=2020&format=docx", token: office)
            #expect(status == .ok)
            #expect(body.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a zip")
            (status, body) = try await client.call(.get, "/api/v1/plans/\(world.planID)/report?year=2020&format=pdf", token: office)
            #expect(status == .badRequest)

            let cookie = try await PagesTests.signIn(client, "office")
            let plan = try await PagesTests.fetch(client, .get, "/plans/\(world.planID)?year=2020", cookie: cookie)
            let linked = plan.html.contains(#"href="/plans/\#(world.planID)/report?year=2020&format=docx""#)
            #expect(linked)
            let page = try await PagesTests.fetch(client, .get, "/plans/\(world.planID)/report?year=2020&format=html", cookie: cookie)
            #expect(page.status == .ok)
            let titled = page.html.contains("<h1>健康温州行动计划（2018-2020年） 2020 年度监测评估报告</h1>")
            #expect(titled)
            let reporterCookie = try await PagesTests.signIn(client, "reporter")
            #expect(try await PagesTests.fetch(client, .get, "/plans/\(world.planID)/report?year=2020", cookie: reporterCookie).status == .forbidden)
        }
    }
}

/// The counts of `/evaluation`'s JSON, as the board is checked against them.
struct EvaluationCounts: Decodable {
    struct Region: Decodable {
        var regionCode: String
        var summary: EvaluationSummary
    }

    var regions: [Region]
}

/// The rules and the people behind the scores: versioned schemes, and decisions on qualitative items.
@Suite struct AssessmentAPITests {
    static let scheme = #"""
        {"version": 7, "defaultWeight": 2, "indicatorWeights": {}, "domainWeights": {"健康环境": 5}, "whenNotMet": "zero",
         "qualitativeItems": "byVerdict", "late": {"perSubmission": 1, "cap": 3}, "returned": {"perSubmission": 0.5, "cap": null}}
        """#

    @Test func schemesAreVersionedAndDecisionsSettleQualitativeItems() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let admin = try await client.login("admin")
            let office = try await client.login("office")
            let plan = world.planID
            #expect(try await client.call(.post, "/api/v1/plans/\(plan)/scoring-schemes", token: office, json: Self.scheme).status == .forbidden)
            var (status, body) = try await client.call(.post, "/api/v1/plans/\(plan)/scoring-schemes", token: admin, json: Self.scheme)
            #expect(status == .created)
            #expect(try JSONDecoder().decode(ScoringScheme.self, from: body).version == 1)
            (status, _) = try await client.call(
                .post, "/api/v1/plans/\(plan)/scoring-schemes", token: admin, json: Self.scheme.replacingOccurrences(of: #""defaultWeight": 2"#, with: #""defaultWeight": -1"#))
            #expect(status == .unprocessableContent)

            // 设区城市日空气质量达标天数比例 (code 8): "完成省级目标" in 2020, which a reviewer has to decide.
            let indicators = try await world.store.indicators(planID: plan)
            let air = try #require(indicators.first { $0.indicator.code == "8" })
            #expect(air.indicator.target(for: 2020)?.text == "完成省级目标")
            _ = try await client.call(.post, "/api/v1/observations", token: admin,
                                      json: #"{"changes": [{"indicatorID": \#(air.id), "regionCode": "330302", "year": 2020, "valueText": "93.1"}]}"#)
            _ = try await client.call(.post, "/api/v1/observations/review", token: office,
                                      json: #"{"changes": [{"indicatorID": \#(air.id), "regionCode": "330302", "year": 2020, "action": "approve", "expectedVersion": 1}]}"#)
            func airStatus() async throws -> (String?, String?, Int?) {
                let (_, body) = try await client.call(.get, "/api/v1/plans/\(plan)/evaluation?year=2020", token: office)
                let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
                let region = try #require((json["regions"] as? [[String: Any]])?.first)
                let item = (region["indicators"] as? [[String: Any]])?.first { $0["code"] as? String == "8" }
                let decision = item?["decision"] as? [String: Any]
                return (item?["status"] as? String, decision?["author"] as? String, (json["assessment"] as? [String: Any])?["schemeVersion"] as? Int)
            }
            #expect(try await airStatus() == ("needsReview", nil, 1))

            let decide = #"{"indicator": "8", "regionCode": "330302", "year": 2020, "verdict": "met", "evidence": "省生态环境厅通报：完成省定目标"}"#
            #expect(try await client.call(.post, "/api/v1/plans/\(plan)/decisions", token: try await client.login("reporter"), json: decide).status == .forbidden)
            (status, body) = try await client.call(.post, "/api/v1/plans/\(plan)/decisions", token: office,
                                                   json: decide.replacingOccurrences(of: "省生态环境厅通报：完成省定目标", with: " "))
            #expect(status == .unprocessableContent)
            #expect(try errorBody(body).field == "evidence")
            (status, _) = try await client.call(.post, "/api/v1/plans/\(plan)/decisions", token: office, json: decide)
            #expect(status == .ok)
            #expect(try await airStatus() == ("met", "office", 1))
            // The board counts from the same evaluation: the decided item is met there too, by domain and region.
            let (_, boardBody) = try await client.call(.get, "/api/v1/plans/\(plan)/board?year=2020", token: office)
            let board = try JSONDecoder().decode(Board.self, from: boardBody)
            let (_, evaluationBody) = try await client.call(.get, "/api/v1/plans/\(plan)/evaluation?year=2020", token: office)
            let evaluation = try JSONDecoder().decode(EvaluationCounts.self, from: evaluationBody)
            #expect(board.year == 2020)
            #expect(board.regions.map(\.code) == evaluation.regions.map(\.regionCode))
            #expect(board.regions.map(\.counts.met) == evaluation.regions.map(\.summary.total.met))
            #expect(board.regions.map(\.counts.needsReview) == evaluation.regions.map(\.summary.total.needsReview))
            let domain = try #require(air.indicator.domain.first)
            #expect(board.domains.first { $0.name == domain }?.counts.met == evaluation.regions.map { r in r.summary.byDomain.first { $0.name == domain }?.counts.met ?? 0 }.reduce(0, +))
            #expect(board.domains.map(\.counts.needsReview).reduce(0, +) == evaluation.regions.map(\.summary.total.needsReview).reduce(0, +))
            // And the plan page judges the cell the same way: among the met, no longer among those 待判定.
            let cookie = try await PagesTests.signIn(client, "office")
            let met = try await PagesTests.fetch(client, .get, "/plans/\(plan)?year=2020&status=met", cookie: cookie)
            let waiting = try await PagesTests.fetch(client, .get, "/plans/\(plan)?year=2020&status=needsReview", cookie: cookie)
            #expect(met.html.contains(air.indicator.name))
            #expect(!waiting.html.contains(air.indicator.name))
            // A numeric item is judged by its numbers, not by a person.
            (status, body) = try await client.call(.post, "/api/v1/plans/\(plan)/decisions", token: office,
                                                   json: decide.replacingOccurrences(of: #""indicator": "8""#, with: #""indicator": "1""#))
            #expect(status == .unprocessableContent)

            _ = try await client.call(.post, "/api/v1/plans/\(plan)/scoring-schemes", token: admin, json: Self.scheme)
            #expect(try await airStatus().2 == 2)
            (status, body) = try await client.call(.get, "/api/v1/plans/\(plan)/decisions?year=2020", token: office)
            #expect(try JSONDecoder().decode([ReviewerDecision].self, from: body).map(\.author) == ["office"])
        }
    }

    /// The review page lists the item until someone decides it there.
    @Test func reviewersDecideQualitativeItemsOnTheReviewPage() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let admin = try await client.login("admin")
            let office = try await client.login("office")
            let air = try #require(try await world.store.indicators(planID: world.planID).first { $0.indicator.code == "8" })
            _ = try await client.call(.post, "/api/v1/observations", token: admin,
                                      json: #"{"changes": [{"indicatorID": \#(air.id), "regionCode": "330302", "year": 2020, "valueText": "达标"}]}"#)
            _ = try await client.call(.post, "/api/v1/observations/review", token: office,
                                      json: #"{"changes": [{"indicatorID": \#(air.id), "regionCode": "330302", "year": 2020, "action": "approve", "expectedVersion": 1}]}"#)
            let cookie = try await PagesTests.signIn(client, "office")
            var page = try await PagesTests.fetch(client, .get, "/review", cookie: cookie)
            #expect(page.html.contains("待人工判定（1）"))
            page = try await PagesTests.fetch(client, .post, "/review/decisions", cookie: cookie, form: [
                ("plan", "\(world.planID)"), ("indicatorID", "\(air.id)"), ("region", "330302"), ("year", "2020"), ("verdict", "notMet"),
                ("evidence", "未完成省定目标<script>"), ("_csrf", page.csrf ?? ""),
            ])
            #expect(page.location == "/review?decided=1#decisions")
            page = try await PagesTests.fetch(client, .get, "/review?decided=1", cookie: cookie)
            #expect(page.html.contains("待人工判定（0）"))
            let decisions = try await world.store.decisions(planID: world.planID, year: 2020)
            #expect(decisions.map(\.verdict) == [.notMet])
            #expect(decisions.first?.evidence == "未完成省定目标<script>")
        }
    }
}

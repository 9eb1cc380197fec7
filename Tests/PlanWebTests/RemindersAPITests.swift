import Foundation
import PlanApp
import PlanCore
import PlanStore
import Testing

@testable import PlanWeb

/// 督办 through the API: the inbox and its unread count, 签收, 延期申请 and the office's decision, e-mail
/// addresses on users.
@Suite struct RemindersAPITests {
    @Test func inboxReceiptsAndExtensions() async throws {
        let world = try await TestWorld()
        let reporter = try await world.store.users().first { $0.username == "reporter" }!
        let key = "\(world.planID)/2020/\(reporter.departmentID!)/330302/assigned"
        // What a round writes (PlanApp's ReminderRound does this from the rules).
        _ = try await world.store.recordRound(planIDs: [world.planID], numberYear: 2021, actor: "督办", at: "2021-01-04T02:00:00.000Z") { _ in
            ReminderRoundRecord(
                sent: [SentReminder(
                    key: key, planID: world.planID, year: 2020, departmentID: reporter.departmentID, regionCode: "330302",
                    kind: "assigned", number: nil, detailJSON: "{}", sentAt: "2021-01-04T02:00:00.000Z")],
                inbox: [InboxMessage(username: "reporter", subject: "交办通知", body: "请于 2021-05-10 前完成。", keys: [key], createdAt: "2021-01-04T02:00:00.000Z")])
        }
        try await world.test { client in
            let token = try await client.login("reporter")
            var r = try await client.call(.get, "/api/v1/inbox", token: token)
            var inbox = try JSONSerialization.jsonObject(with: r.body) as! [String: Any]
            #expect(inbox["unread"] as? Int == 1)
            let message = (inbox["messages"] as! [[String: Any]])[0]
            #expect(message["subject"] as? String == "交办通知")
            let id = message["id"] as! Int
            // Someone else's message is not theirs to mark.
            r = try await client.call(.post, "/api/v1/inbox/\(id)/read", token: try await client.login("other"))
            #expect(r.status == .notFound)
            r = try await client.call(.post, "/api/v1/inbox/\(id)/read", token: token)
            #expect(r.status == .noContent)
            inbox = try JSONSerialization.jsonObject(with: try await client.call(.get, "/api/v1/inbox", token: token).body) as! [String: Any]
            #expect(inbox["unread"] as? Int == 0)

            r = try await client.call(.post, "/api/v1/receipts", token: token, json: #"{"key": "\#(key)"}"#)
            #expect(r.status == .ok)
            #expect(try JSONDecoder().decode(Receipt.self, from: r.body).by == "reporter")
            r = try await client.call(.post, "/api/v1/receipts", token: try await client.login("other"), json: #"{"key": "\#(key)"}"#)
            #expect(r.status == .notFound)
            #expect(try errorBody(r.body).field == "key")

            r = try await client.call(
                .post, "/api/v1/extensions", token: token,
                json: #"{"planID": \#(world.planID), "year": 2020, "deadline": "2021-05-01", "reason": "统计年报未出"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).message == "延期后的截止日期须晚于原截止日期 2021-05-10")
            r = try await client.call(
                .post, "/api/v1/extensions", token: token,
                json: #"{"planID": \#(world.planID), "year": 2020, "deadline": "2021-05-31", "reason": "统计年报未出"}"#)
            #expect(r.status == .created)
            let request = try JSONDecoder().decode(ExtensionRequest.self, from: r.body)
            #expect(request.departmentID == reporter.departmentID)
            #expect(request.regionCode == "330302")
            let office = try await client.login("office")
            r = try await client.call(.post, "/api/v1/extensions/\(request.id!)/decision", token: office, json: #"{"approve": true}"#)
            #expect(try JSONDecoder().decode(ExtensionRequest.self, from: r.body).status == .approved)
            r = try await client.call(.post, "/api/v1/extensions/\(request.id!)/decision", token: office, json: #"{"approve": false}"#)
            #expect(r.status == .unprocessableContent)

            r = try await client.call(.get, "/api/v1/reminders", token: try await client.login("viewer"))
            let overview = try JSONSerialization.jsonObject(with: r.body) as! [String: [[String: Any]]]
            #expect(overview["sent"]?.map { $0["key"] as? String } == [key])
            #expect(overview["receipts"]?.map { $0["by"] as? String } == ["reporter"])
            #expect(overview["extensions"]?.map { $0["status"] as? String } == ["approved"])
        }
    }

    /// The reporter signs and asks on the inbox page; the office decides on the 督办 page.
    @Test func theInboxAndTheRemindersPages() async throws {
        let world = try await TestWorld()
        let reporter = try await world.store.users().first { $0.username == "reporter" }!
        let department = try await world.store.departments().first { $0.id == reporter.departmentID }!
        let escalation = Escalation(
            planID: world.planID, planTitle: "健康温州行动计划（2018-2020年）", year: 2020, level: .red, deadline: "2021-05-10",
            daysOverdue: 10,
            obligation: Obligation(
                department: department, regionCode: "330302", indicators: [.init(code: "1.1", name: "人均预期寿命")], returned: [],
                tasks: []),
            number: "健康办督〔2021〕1号")
        let key = escalation.key
        let detail = String(decoding: try JSONEncoder().encode(escalation), as: UTF8.self)
        _ = try await world.store.recordRound(planIDs: [world.planID], numberYear: 2021, actor: "督办", at: "2021-05-20T02:00:00.000Z") { _ in
            ReminderRoundRecord(
                sent: [SentReminder(
                    key: key, planID: world.planID, year: 2020, departmentID: reporter.departmentID, regionCode: "330302",
                    kind: "escalation-red", number: "健康办督〔2021〕1号", detailJSON: detail, sentAt: "2021-05-20T02:00:00.000Z")],
                inbox: [InboxMessage(username: "reporter", subject: "红色督办", body: "督办单 健康办督〔2021〕1号", keys: [key], createdAt: "2021-05-20T02:00:00.000Z")])
        }
        try await world.test { client in
            let cookie = try await PagesTests.signIn(client, "reporter")
            var page = try await PagesTests.fetch(client, .get, "/inbox", cookie: cookie)
            #expect(page.html.contains("未读消息 1 条。"))
            // The header counts unread messages on every page.
            #expect(try await PagesTests.fetch(client, .get, "/report", cookie: cookie).html.contains(#"<a href="/inbox">消息（1）</a>"#))
            #expect(page.html.contains("督办单 健康办督〔2021〕1号"))
            #expect(page.html.contains(">签收</button>"))
            _ = try await PagesTests.fetch(client, .post, "/inbox/receipts", cookie: cookie, form: [("key", key), ("_csrf", page.csrf ?? "")])
            _ = try await PagesTests.fetch(
                client, .post, "/inbox/extensions", cookie: cookie,
                form: [("plan", "\(world.planID)"), ("year", "2020"), ("deadline", "2021-06-15"), ("reason", "年报未出"), ("_csrf", page.csrf ?? "")])
            page = try await PagesTests.fetch(client, .get, "/inbox", cookie: cookie)
            #expect(page.html.contains("已签收"))
            let messageID = try await world.store.inbox(username: "reporter", limit: 1)[0].id!
            _ = try await PagesTests.fetch(client, .post, "/inbox/\(messageID)/read", cookie: cookie, form: [("_csrf", page.csrf ?? "")])
            page = try await PagesTests.fetch(client, .get, "/inbox", cookie: cookie)
            #expect(page.html.contains(#"<a href="/inbox">消息</a>"#))
            #expect(page.html.contains("没有未读消息。"))

            let office = try await PagesTests.signIn(client, "office")
            page = try await PagesTests.fetch(client, .get, "/reminders", cookie: office)
            #expect(page.html.contains("健康办督〔2021〕1号"))
            #expect(page.html.contains("红色督办"))
            #expect(page.html.contains("reporter 2021-04-15"))  // signed, at the app's clock
            #expect(page.html.contains("年报未出"))
            // The 督办单 behind the 编号, as a Word document.
            let link = "/reminders/order?key=\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            #expect(page.html.contains(link))
            let order = try await client.execute(uri: link, method: .get, headers: [.cookie: office]) { ($0.status, $0.headers[.contentType], $0.body.readableBytes) }
            #expect(order.0 == .ok)
            #expect(order.1 == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            #expect(order.2 > 1000)
            #expect(try await PagesTests.fetch(client, .get, "/reminders/order?key=nothing", cookie: office).status == .notFound)
            let id = try await world.store.extensions(planID: world.planID)[0].id!
            _ = try await PagesTests.fetch(
                client, .post, "/reminders/extensions/\(id)/decision", cookie: office, form: [("approve", "yes"), ("_csrf", page.csrf ?? "")])
            #expect(try await world.store.extensions(planID: world.planID)[0].status == .approved)
        }
    }

    /// 考核 counts a value as late against the deadline in force for the submitter's department in its region.
    @Test func lateDeductionsFollowAnApprovedExtension() async throws {
        let world = try await TestWorld()
        let reporter = try await world.store.users().first { $0.username == "reporter" }!
        for (user, region) in [("reporter", "330302"), ("other", "330303")] {
            let submitted = try await world.store.apply(
                [ObservationChange(indicatorID: world.healthIndicator, regionCode: region, year: 2020, action: .submit, valueText: "82")],
                actor: user, at: "2021-05-20T02:00:00.000Z")
            _ = try await world.store.apply(
                [ObservationChange(indicatorID: world.healthIndicator, regionCode: region, year: 2020, action: .approve, expectedVersion: submitted[0].version)],
                actor: "office", at: "2021-05-21T02:00:00.000Z")
        }
        func lateRegions() async throws -> [String] {
            try await AnnualEvaluation.load(store: world.store, planID: world.planID, year: 2020).assessment.regions
                .flatMap(\.deductions).filter { $0.kind == .late }.map(\.regionCode).sorted()
        }
        #expect(try await lateRegions() == ["330302", "330303"])
        let request = try await world.store.requestExtension(ExtensionRequest(
            planID: world.planID, year: 2020, departmentID: reporter.departmentID!, regionCode: "330302", deadline: "2021-05-31",
            reason: "年报未出", requestedBy: "reporter", requestedAt: "2021-05-01T00:00:00.000Z"))
        #expect(try await lateRegions() == ["330302", "330303"])  // asked, not yet approved
        _ = try await world.store.decideExtension(id: request.id!, approve: true, actor: "office", at: "2021-05-02T00:00:00.000Z")
        #expect(try await lateRegions() == ["330303"])
    }

    @Test func theOfficeChangesAPlansReminderRules() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let office = try await client.login("office")
            let uri = "/api/v1/plans/\(world.planID)/reminder-policy"
            var r = try await client.call(.get, uri, token: office)
            var policy = try JSONDecoder().decode(ReminderPolicy.self, from: r.body)
            #expect(policy == .standard)
            policy.daysBefore = [10, 2]
            r = try await client.call(.put, uri, token: office, json: String(decoding: try JSONEncoder().encode(policy), as: UTF8.self))
            #expect(r.status == .ok)
            #expect(try JSONDecoder().decode(ReminderPolicy.self, from: try await client.call(.get, uri, token: office).body).daysBefore == [10, 2])
            policy.overdueEvery = -1
            policy.quietFrom = 2000
            r = try await client.call(.put, uri, token: office, json: String(decoding: try JSONEncoder().encode(policy), as: UTF8.self))
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).message == "催办间隔须在 0–366 天之间；免打扰时段须在 00:00–23:59 之间")
        }
    }

    @Test func usersHaveAnEmail() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let admin = try await client.login("admin")
            var r = try await client.call(
                .post, "/api/v1/users", token: admin,
                json: #"{"username": "tyj", "displayName": "体育", "role": "viewer", "password": "12345678", "email": "tyj@hcm.example"}"#)
            #expect(r.status == .created)
            #expect(try JSONDecoder().decode(User.self, from: r.body).email == "tyj@hcm.example")
            r = try await client.call(
                .post, "/api/v1/users", token: admin,
                json: #"{"username": "tyj2", "displayName": "体育", "role": "viewer", "password": "12345678", "email": "tyj at hcm"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).field == "email")
        }
    }
}

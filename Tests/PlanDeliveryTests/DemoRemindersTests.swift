import ArgumentParser
import Foundation
import PlanCore
import PlanStore
import Testing

@testable import PlanCLI

/// The issue's scenario on the demo database, through `hcm reminders run` with a real SMTP server and a webhook
/// receiver: three days before the 2020 cycle's deadline each reporter who owes values is mailed once, with what
/// they owe, and the group bot is posted to; the same round again sends nothing; a round at 23:30 China time
/// mails nothing; once a reporter has handed everything in, the deadline-day round reminds only the other.
@Suite(.enabled(if: Receiver.python != nil, "HCM_TEST_PYTHON is not set (.ci/run sets it, with aiosmtpd): SMTP tests skipped"))
struct DemoRemindersTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-demo-reminders-\(UUID().uuidString)")
    var db: String { directory.appendingPathComponent("hcm.sqlite").path }

    func remind(at time: String, smtp: Receiver, webhook: Receiver) async throws {
        var command = try HCM.parseAsRoot([
            "reminders", "run", "--db", db, "--at", time, "--smtp", "smtp://127.0.0.1:\(smtp.port)",
            "--webhook", "http://127.0.0.1:\(webhook.port)/cgi-bin/webhook/send?key=demo",
        ])
        guard var run = command as? any AsyncParsableCommand else { return try command.run() }
        try await run.run()
    }

    @Test func theDemoScenario() async throws {
        // The demo seeded early in 2021: its 2020 cycle opened on 1 January and is due on 31 December 2021.
        let store = try SQLitePlanRepository(path: db)
        _ = try await DemoData(store: store, now: try Date.ISO8601FormatStyle().parse("2021-03-01T00:00:00Z")).seedIfEmpty()
        let planID = try await store.planSummaries()[0].id
        #expect(try await store.cycles(planID: planID).first { $0.year == 2020 }?.deadline == "2021-12-31")
        let smtp = try Receiver(python: Receiver.python!, ["smtp"])
        let webhook = try Receiver(python: Receiver.python!, ["webhook"])

        try await remind(at: "2021-12-28T10:00:00+08:00", smtp: smtp, webhook: webhook)
        var mails = try await smtp.received("eml", count: 2).map(ReceivedMail.init)
        #expect(mails.map { $0.headers["X-Envelope-To"] ?? "" }.sorted() == ["tiyu@hcm.example", "weijian@hcm.example"])
        for mail in mails {
            #expect(mail.subject == "【督办】填报提醒")
            #expect(mail.body.contains("距填报截止（2021-12-31）还有 7 天。"))
            #expect(mail.body.contains(" · 鹿城区\r\n"))  // the region by its name
        }
        // Exactly what each owes: the indicators their department leads or cooperates on, with no value handed in.
        let indicators = try await store.indicators(planID: planID)
        let departments = try await store.departments()
        let users = try await store.users()
        for mail in mails {
            let user = users.first { $0.email == mail.headers["X-Envelope-To"] }!
            let department = departments.first { $0.id == user.departmentID }!
            let owed = indicators.filter { ($0.indicator.lead + $0.indicator.cooperating).contains(where: department.isNamed) }
            #expect(mail.body.components(separatedBy: "\r\n- 指标：").count - 1 == owed.count, "\(department.name)")
            for stored in owed.prefix(3) {
                #expect(mail.body.contains("- 指标：\(stored.indicator.code.map { "\($0) " } ?? "")\(stored.indicator.name)"))
            }
        }
        var posts = try await webhook.received("json", count: 1)
        #expect(posts.count == 1)
        #expect(posts[0].contains("督办通报"))

        // Again: nothing new. At 23:30 China time: nothing mailed, though the 1-day reminder is then due.
        try await remind(at: "2021-12-28T15:00:00+08:00", smtp: smtp, webhook: webhook)
        try await remind(at: "2021-12-30T23:30:00+08:00", smtp: smtp, webhook: webhook)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await smtp.received("eml", count: 3).count == 2)
        #expect(try await webhook.received("json", count: 2).count == 1)

        // 体育局's reporter hands in every value and task; on the deadline day only 卫健's reporter is reminded.
        let tiyu = users.first { $0.username == "tiyu" }!
        let sport = departments.first { $0.id == tiyu.departmentID }!
        let owed = indicators.filter { ($0.indicator.lead + $0.indicator.cooperating).contains(where: sport.isNamed) }
        _ = try await store.apply(
            owed.map { ObservationChange(indicatorID: $0.id, regionCode: "330302", year: 2020, action: .submit, valueText: "1") },
            actor: "tiyu", at: "2021-12-30T02:00:00.000Z")
        let plan = try await store.plan(id: planID)!
        for (a, action) in plan.actions.enumerated() {
            for (t, task) in action.tasks.enumerated() where (task.lead + task.responsible).contains(where: sport.isNamed) {
                _ = try await store.saveTaskProgress(
                    TaskProgress(planID: planID, actionIndex: a, taskIndex: t, regionCode: "330302", year: 2020, status: .completed),
                    expectedVersion: nil, actor: "tiyu", at: "2021-12-30T02:00:00.000Z")
            }
        }
        try await remind(at: "2021-12-31T09:00:00+08:00", smtp: smtp, webhook: webhook)
        mails = try await smtp.received("eml", count: 3).map(ReceivedMail.init)
        #expect(mails.count == 3)
        #expect(mails.last?.headers["X-Envelope-To"] == "weijian@hcm.example")
        #expect(mails.last?.body.contains("今天（2021-12-31）是填报截止日。") == true)
        posts = try await webhook.received("json", count: 2)
        #expect(posts.count == 2)
        #expect(!posts[1].contains("市体育局"))
    }
}

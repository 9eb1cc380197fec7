import Foundation
import PlanApp
import PlanCore
import PlanStore
import Testing

/// Rounds on a real SQLite store with the 温州 plan, on a fixed clock: who is reminded of what, once.
@Suite struct RemindersRoundTests {
    static let channels = DeliveryChannels(
        smtp: try! SMTPEndpoint("smtp://127.0.0.1:2525"), webhook: URL(string: "http://127.0.0.1:9/hook"), sender: "hcm@hcm.example")

    @Test func threeDaysBeforeTheDeadlineEachReporterIsRemindedOnce() async throws {
        let world = try await RemindersWorld()
        let round = ReminderRound(store: world.store, channels: Self.channels)
        let report = try await round.run(at: RemindersWorld.at("2021-05-07"))
        #expect(report.reminders.map(\.stage) == [.daysBefore(7), .daysBefore(7)])
        #expect(report.escalations.isEmpty)
        #expect(report.notices.map(\.recipient) == ["wsj", "tyj", "tyj2"])
        // Exactly what each owes: every indicator 体育 leads or cooperates on, every task it leads or is
        // responsible for (nothing is handed in yet), each listed once.
        let sport = report.reminders.first { $0.obligation.department.name == "市体育局" }!.obligation
        let stored = try await world.store.indicators(planID: world.planID)
        let plan = try await world.store.plan(id: world.planID)!
        let sportIndicators = stored.filter { ($0.indicator.lead + $0.indicator.cooperating).contains(where: world.sport.isNamed) }
        let sportTasks = plan.actions.flatMap(\.tasks).filter { ($0.lead + $0.responsible).contains(where: world.sport.isNamed) }
        #expect(sport.indicators.map(\.name) == sportIndicators.map(\.indicator.name))
        #expect(sport.indicators.map(\.name).contains("国民体质监测合格率"))
        #expect(sport.tasks.map(\.name) == sportTasks.map(\.title))
        #expect(!sport.tasks.isEmpty)
        let tyj = report.notices[1]
        #expect(tyj.body.hasPrefix("### 填报提醒\n健康温州行动计划（2018-2020年） · 市体育局 · 330302\n距填报截止（2021-05-10）还有 7 天。\n- 指标："))
        #expect(tyj.body.components(separatedBy: "\n- ").count - 1 == sportIndicators.count + sportTasks.count)
        // E-mail for those with an address, one group-bot message for the office; every notice in the inbox.
        let outbox = try await world.store.outbox(status: .pending)
        #expect(outbox.map(\.address) == ["wsj@hcm.example", "tyj@hcm.example", "office"])
        #expect(outbox.map(\.channel) == [.email, .email, .webhook])
        #expect(try await world.store.unreadCount(username: "tyj2") == 1)
        #expect(try await world.store.auditLog(limit: 10).filter { $0.entity == "reminder" }.count == 2)

        // The same round again, or later that day, sends nothing new.
        let again = try await round.run(at: RemindersWorld.at("2021-05-07", "15:00"))
        #expect(again.notices.isEmpty)
        #expect(try await world.store.outbox(status: nil).count == 3)
    }

    @Test func quietHoursHoldEverythingToTheNextRound() async throws {
        let world = try await RemindersWorld()
        let round = ReminderRound(store: world.store, channels: Self.channels)
        let night = try await round.run(at: RemindersWorld.at("2021-05-07", "23:30"))
        #expect(night.quiet)
        #expect(night.reminders.count == 2)  // due, and held
        #expect(try await world.store.outbox(status: nil).isEmpty)
        #expect(try await world.store.sentReminders(limit: 10).isEmpty)
        #expect(try await world.store.unreadCount(username: "wsj") == 0)
        let morning = try await round.run(at: RemindersWorld.at("2021-05-08", "07:00"))
        #expect(!morning.quiet)
        #expect(morning.notices.map(\.recipient) == ["wsj", "tyj", "tyj2"])
    }

    @Test func whoHasHandedInEverythingIsNotReminded() async throws {
        let world = try await RemindersWorld()
        let round = ReminderRound(store: world.store, channels: Self.channels)
        _ = try await round.run(at: RemindersWorld.at("2021-05-07"))
        try await world.submitEverything(of: world.sport, at: "2021-05-08T02:00:00.000Z")
        let deadline = try await round.run(at: RemindersWorld.at("2021-05-10", "09:00"))
        #expect(deadline.reminders.map(\.stage) == [.deadlineDay])
        #expect(deadline.notices.map(\.recipient) == ["wsj"])
        #expect(try await world.store.outbox(status: nil).filter { $0.address == "tyj@hcm.example" }.count == 1)
    }

    @Test func overdueDepartmentsAreChasedAndEscalated() async throws {
        let world = try await RemindersWorld()
        let round = ReminderRound(store: world.store, channels: Self.channels)
        try await world.submitEverything(of: world.sport, at: "2021-05-08T02:00:00.000Z")
        let yellow = try await round.run(at: RemindersWorld.at("2021-05-13"))
        #expect(yellow.reminders.map(\.stage) == [.overdue(days: 3)])
        #expect(yellow.escalations.map(\.level) == [.yellow])
        // The reporter gets the 催办; the department's leader and the office the 黄色督办; the mayor nothing yet.
        #expect(yellow.notices.map(\.recipient) == ["wsj", "office", "wsjld"])
        #expect(yellow.notices[1].subject == "黄色督办")

        let red = try await round.run(at: RemindersWorld.at("2021-05-20"))
        #expect(red.reminders.map(\.stage) == [.overdue(days: 9)])
        #expect(red.escalations.map(\.number) == ["健康办督〔2021〕1号"])
        #expect(red.notices.map(\.recipient) == ["wsj", "mayor"])
        #expect(red.notices[1].body.hasPrefix("### 红色督办\n督办单 健康办督〔2021〕1号\n"))
        let sent = try await world.store.sentReminders(limit: 10)
        #expect(sent.compactMap(\.number) == ["健康办督〔2021〕1号"])
    }

    @Test func anApprovedExtensionMovesThatDepartmentsDeadlineOnly() async throws {
        let world = try await RemindersWorld()
        let round = ReminderRound(store: world.store, channels: Self.channels)
        let request = try await world.store.requestExtension(ExtensionRequest(
            planID: world.planID, year: 2020, departmentID: world.health.id!, regionCode: "330302", deadline: "2021-05-31",
            reason: "卫生统计年报尚未发布", requestedBy: "wsj", requestedAt: "2021-05-01T00:00:00.000Z"))
        _ = try await world.store.decideExtension(id: request.id!, approve: true, actor: "office", at: "2021-05-02T00:00:00.000Z")
        let report = try await round.run(at: RemindersWorld.at("2021-05-13"))
        let byDepartment = Dictionary(uniqueKeysWithValues: report.reminders.map { ($0.obligation.department.name, $0) })
        #expect(byDepartment["市卫生计生委"]?.stage == .assigned)
        #expect(byDepartment["市卫生计生委"]?.deadline == "2021-05-31")
        #expect(byDepartment["市体育局"]?.stage == .overdue(days: 3))
        #expect(report.escalations.map(\.obligation.department.name) == ["市体育局"])
    }

    @Test func aPlansOwnRulesDecideItsStages() async throws {
        let world = try await RemindersWorld()
        var policy = ReminderPolicy.standard
        policy.daysBefore = [3]
        try await world.store.saveReminderPolicy(policy, planID: world.planID, actor: "office", at: RemindersWorld.t0)
        let round = ReminderRound(store: world.store, channels: Self.channels)
        #expect(try await round.run(at: RemindersWorld.at("2021-05-06")).reminders.map(\.stage) == [.assigned, .assigned])
        #expect(try await round.run(at: RemindersWorld.at("2021-05-07")).reminders.map(\.stage) == [.daysBefore(3), .daysBefore(3)])
    }

    @Test func aDryRunWritesNothing() async throws {
        let world = try await RemindersWorld()
        let round = ReminderRound(store: world.store, channels: Self.channels)
        let dry = try await round.run(at: RemindersWorld.at("2021-05-07"), dryRun: true)
        #expect(dry.notices.count == 3)
        #expect(dry.outbox.count == 3)
        #expect(try await world.store.outbox(status: nil).isEmpty)
        #expect(try await world.store.sentReminders(limit: 10).isEmpty)
        #expect(try await round.run(at: RemindersWorld.at("2021-05-07")).notices.count == 3)
    }

    @Test func withoutChannelsOnlyTheInbox() async throws {
        let world = try await RemindersWorld()
        let report = try await ReminderRound(store: world.store).run(at: RemindersWorld.at("2021-05-07"))
        #expect(report.notices.count == 3)
        #expect(try await world.store.outbox(status: nil).isEmpty)
        #expect(try await world.store.inbox(username: "wsj", limit: 5).map(\.subject) == ["填报提醒"])
    }
}

import ArgumentParser
import Foundation
import PlanApp
import PlanStore
import Testing

@testable import PlanCLI

/// `hcm reminders run`'s options and its dry run on the demo database (rounds with real mail are in
/// PlanDeliveryTests).
@Suite struct RemindersCommandTests {
    @Test func aTimeNeedsAnOffsetAndTheSMTPURLAScheme() throws {
        #expect(throws: (any Error).self) { try RemindersRun.parse(["--at", "2021-05-07 09:00"]) }
        #expect(throws: (any Error).self) { try RemindersRun.parse(["--at", "2021-05-07T09:00:00"]) }
        #expect(throws: (any Error).self) { try RemindersRun.parse(["--smtp", "mail.example.cn:25"]) }
        let run = try RemindersRun.parse(["--at", "2021-05-07T09:00:00+08:00", "--smtp", "smtps://u:p@mail.example.cn"])
        #expect(try run.time() == Date(timeIntervalSince1970: 1_620_349_200))
    }

    @Test func aDryRunListsWhatWouldBeSentAndWritesNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-cli-reminders-\(UUID().uuidString)")
        let db = directory.appendingPathComponent("hcm.sqlite").path
        let store = try SQLitePlanRepository(path: db)
        _ = try await DemoData(store: store, now: try Date.ISO8601FormatStyle().parse("2021-03-01T00:00:00Z")).seedIfEmpty()
        let report = try await ReminderRound(store: store).run(
            at: try Date.ISO8601FormatStyle().parse("2021-12-28T10:00:00+08:00"), dryRun: true)
        let text = RoundSummary(report, delivered: .init(), dryRun: true).textLines
        #expect(text == [
            "督办轮次 2021-12-28T02:00:00.000Z（试运行，不写入、不发送）",
            "提醒 2 条，督办 0 项，2 人收到消息，待发邮件/群消息 0 条",
            "  → weijian <weijian@hcm.example>：填报提醒（1 条）",
            "  → tiyu <tiyu@hcm.example>：填报提醒（1 条）",
        ])
        #expect(try await store.sentReminders(limit: 10).isEmpty)
        let night = try await ReminderRound(store: store).run(at: try Date.ISO8601FormatStyle().parse("2021-12-28T23:30:00+08:00"))
        #expect(RoundSummary(night, delivered: .init(), dryRun: false).textLines == [
            "督办轮次 2021-12-28T15:30:00.000Z", "免打扰时段（22:00–07:00），本轮不发送；2 条提醒、0 项督办留待下一轮。",
        ])
    }
}

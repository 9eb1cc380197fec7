import Foundation
import PlanApp
import PlanCore
import PlanStore
import Testing

/// The outbox sender on a real SQLite store: retries with backoff, final failures, quiet hours, the group-bot
/// limit, and two senders on one store delivering each message once. The transport here records what it is
/// handed and fails on command; the real SMTP and webhook transports are tested in PlanDeliveryTests.
@Suite struct RemindersSenderTests {
    /// Records deliveries; fails each message's first `failures[address]` attempts with `error`.
    final class Recorder: MessageTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var delivered: [Int64] = []
        private var failures: [String: Int]
        let error: DeliveryError

        init(failures: [String: Int] = [:], error: DeliveryError = .temporary("421 try later")) {
            self.failures = failures
            self.error = error
        }

        var deliveries: [Int64] { lock.withLock { delivered } }

        func deliver(_ message: OutboxMessage) async throws {
            try lock.withLock {
                if let left = failures[message.address], left > 0 {
                    failures[message.address] = left - 1
                    throw error
                }
                delivered.append(message.id ?? 0)
            }
        }
    }

    static let channels = DeliveryChannels(
        smtp: try! SMTPEndpoint("smtp://127.0.0.1:2525"), webhook: URL(string: "http://127.0.0.1:9/hook"))

    func worldWithRound() async throws -> RemindersWorld {
        let world = try await RemindersWorld()
        _ = try await ReminderRound(store: world.store, channels: Self.channels).run(at: RemindersWorld.at("2021-05-07"))
        return world
    }

    @Test func aFailedDeliveryIsTriedAgainAfterItsBackoff() async throws {
        let world = try await worldWithRound()
        let recorder = Recorder(failures: ["tyj@hcm.example": 2])
        let sender = OutboxSender(store: world.store, transports: [.email: recorder, .webhook: recorder], worker: "a")
        let now = RemindersWorld.at("2021-05-07")
        #expect(try await sender.deliverDue(now: now) == .init(sent: 2, retried: 1, failed: 0))
        var waiting = try await world.store.outbox(status: .pending)
        #expect(waiting.map(\.address) == ["tyj@hcm.example"])
        #expect(waiting[0].lastError == "421 try later")
        #expect(waiting[0].nextAttemptAt == "2021-05-07T02:01:00.000Z")  // one minute later
        // Not due before its backoff; then 2 minutes more after a second failure; then sent.
        #expect(try await sender.deliverDue(now: now.addingTimeInterval(30)) == .init())
        #expect(try await sender.deliverDue(now: now.addingTimeInterval(60)) == .init(sent: 0, retried: 1, failed: 0))
        waiting = try await world.store.outbox(status: .pending)
        #expect(waiting[0].nextAttemptAt == "2021-05-07T02:03:00.000Z")
        #expect(try await sender.deliverDue(now: now.addingTimeInterval(180)) == .init(sent: 1, retried: 0, failed: 0))
        #expect(try await world.store.outbox(status: .sent).count == 3)
        #expect(Set(recorder.deliveries).count == 3)
    }

    @Test func aRefusalOrTooManyAttemptsFailsForGood() async throws {
        let world = try await worldWithRound()
        let refusing = Recorder(failures: ["wsj@hcm.example": 1], error: .permanent("550 no such user"))
        var sender = OutboxSender(store: world.store, transports: [.email: refusing, .webhook: refusing], worker: "a")
        sender.maximumAttempts = 2
        let now = RemindersWorld.at("2021-05-07")
        #expect(try await sender.deliverDue(now: now) == .init(sent: 2, retried: 0, failed: 1))
        #expect(try await world.store.outbox(status: .failed).map(\.lastError) == ["550 no such user"])

        let world2 = try await worldWithRound()
        let flaky = Recorder(failures: ["office": 5])
        var second = OutboxSender(store: world2.store, transports: [.email: flaky, .webhook: flaky], worker: "b")
        second.maximumAttempts = 2
        _ = try await second.deliverDue(now: now)
        #expect(try await second.deliverDue(now: now.addingTimeInterval(60)) == .init(sent: 0, retried: 0, failed: 1))
        #expect(try await world2.store.outbox(status: .failed).map(\.lastError) == ["421 try later（已尝试 2 次）"])
    }

    @Test func nothingIsSentInQuietHours() async throws {
        let world = try await worldWithRound()
        let recorder = Recorder()
        let sender = OutboxSender(store: world.store, transports: [.email: recorder, .webhook: recorder], worker: "a")
        #expect(try await sender.deliverDue(now: RemindersWorld.at("2021-05-07", "22:30")) == .init())
        #expect(try await sender.deliverDue(now: RemindersWorld.at("2021-05-08", "06:59")) == .init())
        #expect(recorder.deliveries.isEmpty)
        #expect(try await sender.deliverDue(now: RemindersWorld.at("2021-05-08", "07:00")).sent == 3)
    }

    @Test func aChannelWithoutTransportWaits() async throws {
        let world = try await worldWithRound()
        let recorder = Recorder()
        let sender = OutboxSender(store: world.store, transports: [.email: recorder], worker: "a")
        #expect(try await sender.deliverDue(now: RemindersWorld.at("2021-05-07")) == .init(sent: 2, retried: 1, failed: 0))
        #expect(try await world.store.outbox(status: .pending).map(\.lastError) == ["未配置群机器人（HCM_WEBHOOK_URL）"])
    }

    @Test func theGroupBotGetsAtMostItsLimitAMinute() async throws {
        let world = try await RemindersWorld()
        let round = ReminderRound(store: world.store, channels: Self.channels)
        for day in ["2021-01-04", "2021-05-03", "2021-05-09"] { _ = try await round.run(at: RemindersWorld.at(day)) }
        let recorder = Recorder()
        let sender = OutboxSender(store: world.store, transports: [.email: recorder, .webhook: recorder], worker: "a", webhookMessagesPerMinute: 2)
        let now = RemindersWorld.at("2021-05-09")
        // Three group-bot messages wait: two go now, the third a minute later, counted as no failed attempt.
        #expect(try await sender.deliverDue(now: now) == .init(sent: 8, retried: 1, failed: 0))
        let waiting = try await world.store.outbox(status: .pending)
        #expect(waiting.map(\.channel) == [.webhook])
        #expect(waiting[0].nextAttemptAt == "2021-05-09T02:01:00.000Z")
        #expect(try await sender.deliverDue(now: now.addingTimeInterval(60)).sent == 1)
    }

    /// What `hcm serve` runs: a round, then delivery, on its schedule, until cancelled.
    @Test func theServiceRunsRoundsAndDelivers() async throws {
        let world = try await RemindersWorld()
        let recorder = Recorder()
        let service = ReminderService(
            round: ReminderRound(store: world.store, channels: Self.channels),
            sender: OutboxSender(store: world.store, transports: [.email: recorder, .webhook: recorder], worker: "serve"),
            roundInterval: .seconds(3600), deliveryInterval: .milliseconds(20), clock: { RemindersWorld.at("2021-05-07") }, log: { _ in })
        let running = Task { await service.run() }
        for _ in 0..<250 where recorder.deliveries.count < 3 { try await Task.sleep(for: .milliseconds(20)) }
        running.cancel()
        await running.value
        #expect(recorder.deliveries.count == 3)
        #expect(try await world.store.sentReminders(limit: 10).count == 2)
    }

    @Test func twoSendersOnOneStoreDeliverEachMessageOnce() async throws {
        let world = try await RemindersWorld()
        // Many rounds' worth of messages: a 交办 and then every stage up to the deadline.
        let round = ReminderRound(store: world.store, channels: Self.channels)
        for day in ["2021-01-04", "2021-05-03", "2021-05-09", "2021-05-10"] { _ = try await round.run(at: RemindersWorld.at(day)) }
        let total = try await world.store.outbox(status: .pending).count
        #expect(total == 12)
        let recorder = Recorder()
        let now = RemindersWorld.at("2021-05-10")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in ["one", "two"] {
                var sender = OutboxSender(store: world.store, transports: [.email: recorder, .webhook: recorder], worker: worker)
                sender.batch = 2
                group.addTask { _ = try await sender.deliverAll(now: now) }
            }
            try await group.waitForAll()
        }
        #expect(recorder.deliveries.count == total)
        #expect(Set(recorder.deliveries).count == total)
        #expect(try await world.store.outbox(status: .sent).count == total)
    }
}

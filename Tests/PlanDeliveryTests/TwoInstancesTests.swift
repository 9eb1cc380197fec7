import Foundation
import PlanApp
import PlanCore
import PlanDelivery
import PlanStore
import PostgresNIO
import Testing

@testable import PlanCLI

/// Two `hcm serve` instances on one PostgreSQL run the same rounds and deliver the same outbox at the same
/// time: every reminder is recorded once and every mail arrives once (checked at a real SMTP server).
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["HCM_TEST_POSTGRES_URL"] != nil && Receiver.python != nil,
        "HCM_TEST_POSTGRES_URL or HCM_TEST_PYTHON is not set: the two-instance PostgreSQL test skipped"))
struct TwoInstancesTests {
    @Test func twoInstancesSendEachMessageOnce() async throws {
        let base = try PostgresPlanRepository.configuration(url: ProcessInfo.processInfo.environment["HCM_TEST_POSTGRES_URL"]!)
        let schema = "hcm_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await Self.execute("CREATE SCHEMA \(schema)", base)
        var configuration = base
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        let one = try await PostgresPlanRepository(configuration: configuration)
        let two = try await PostgresPlanRepository(configuration: configuration)
        let outcome = await Result { try await Self.scenario(one, two) }
        await one.shutdown()
        await two.shutdown()
        try await Self.execute("DROP SCHEMA \(schema) CASCADE", base)
        try outcome.get()
    }

    static func scenario(_ one: PostgresPlanRepository, _ two: PostgresPlanRepository) async throws {
        _ = try await DemoData(store: one, now: try Date.ISO8601FormatStyle().parse("2021-03-01T00:00:00Z")).seedIfEmpty()
        let smtp = try Receiver(python: Receiver.python!, ["smtp"])
        let channels = DeliveryChannels(smtp: try SMTPEndpoint("smtp://127.0.0.1:\(smtp.port)"), sender: "hcm@hcm.example")
        // Four rounds at the stages of the 2020 cycle, each run by both instances at once, then both senders.
        let times = ["2021-01-04T10:00:00+08:00", "2021-12-24T10:00:00+08:00", "2021-12-30T10:00:00+08:00", "2021-12-31T10:00:00+08:00"]
        for time in times {
            let date = try Date.ISO8601FormatStyle().parse(time)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in [one, two] {
                    group.addTask { _ = try await ReminderRound(store: store, channels: channels).run(at: date) }
                }
                try await group.waitForAll()
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (store, worker) in [(one, "one"), (two, "two")] {
                    var sender = OutboxSender(store: store, transports: channels.transports, worker: worker)
                    sender.batch = 1
                    group.addTask { _ = try await sender.deliverAll(now: date, passes: 10) }
                }
                try await group.waitForAll()
            }
        }
        // Two reporters owe values; each stage reminds each once: 4 × 2 mails, each with its own Message-ID.
        let mails = try await smtp.received("eml", count: 8).map(ReceivedMail.init)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await smtp.received("eml", count: 9).count == 8)
        #expect(Set(mails.compactMap { $0.headers["Message-ID"] }).count == 8)
        #expect(try await one.sentReminders(limit: 100).count == 8)
        #expect(try await two.outbox(status: .sent).count == 8)
        #expect(try await one.inbox(username: "weijian", limit: 10).count == 4)
    }

    static func execute(_ sql: String, _ configuration: PostgresClient.Configuration) async throws {
        let client = PostgresClient(configuration: configuration)
        let running = Task { await client.run() }
        defer { running.cancel() }
        // A name this test made up, not a value: identifiers cannot be binds.
        _ = try await client.query(PostgresQuery(unsafeSQL: sql)).collect()
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

import Foundation
import PlanCore
import PlanStore
import Testing

@testable import PlanCLI

/// `hcm reminders run` killed with -9 — during its round, then while it mails — loses nothing: a round is
/// recorded whole or not at all, and after a restart (once the killed sender's leases lapse) every mail
/// arrives. A mail the server had accepted when the sender died, before the sender could record it, comes
/// again with the same Message-ID (SMTP cannot do better; the receiver can tell the repeat).
@Suite(.enabled(if: Receiver.python != nil && FileManager.default.isExecutableFile(atPath: BuiltHCM.path),
                "HCM_TEST_PYTHON is not set or the hcm executable is not built: the kill -9 test skipped"))
struct KilledSenderTests {
    @Test func killedMidRoundAndMidDeliveryNothingIsLost() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-killed-\(UUID().uuidString)")
        let db = directory.appendingPathComponent("hcm.sqlite").path
        let store = try SQLitePlanRepository(path: db)
        _ = try await DemoData(store: store, now: try Date.ISO8601FormatStyle().parse("2021-03-01T00:00:00Z")).seedIfEmpty()
        // A reporter with an address for every department in 鹿城区: a round mails many.
        for department in try await store.departments() where !(try await store.users()).contains(where: { $0.departmentID == department.id }) {
            _ = try await store.createUser(
                User(username: "r\(department.id!)", displayName: department.name, role: .reporter, departmentID: department.id,
                     regionCode: "330302", email: "r\(department.id!)@hcm.example"),
                passwordHash: "x", actor: "test", at: "2021-03-01T00:00:00.000Z")
        }
        let smtp = try Receiver(python: Receiver.python!, ["smtp", "--delay", "0.2"])
        func run(at time: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BuiltHCM.path)
            process.arguments = ["reminders", "run", "--db", db, "--at", time, "--smtp", "smtp://127.0.0.1:\(smtp.port)"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }

        // Killed at random moments until a round got through: each time, all of it or nothing is there.
        let expected = try await ReminderExpectation(store: store)
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<12 {
            let process = try run(at: "2021-12-28T10:00:00+08:00")
            // Later and later: a loaded machine may take seconds to start the process.
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...(900 + attempt * 300), using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let sent = try await store.sentReminders(limit: 1000).count
            #expect(sent == 0 || sent == expected.reminders, "a round half recorded: \(sent) of \(expected.reminders)")
            if sent == expected.reminders {
                #expect(try await store.outbox(status: nil).count == expected.mails)
                break
            }
        }
        // Killed while mailing — the slow server holds each reply — (if no kill above came after the round, this
        // run records it first); then run again after the leases lapse.
        let process = try run(at: "2021-12-28T10:00:00+08:00")
        _ = try await smtp.received("eml", count: 2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let restart = try run(at: "2021-12-28T10:06:00+08:00")
        restart.waitUntilExit()
        #expect(restart.terminationStatus == 0)
        #expect(try await store.outbox(status: .sent).count == expected.mails)
        let mails = try await smtp.received("eml", count: expected.mails).map(ReceivedMail.init)
        let ids = mails.compactMap { $0.headers["Message-ID"] }
        #expect(Set(ids).count == expected.mails)
        #expect(ids.count - Set(ids).count <= 1, "more than the mail in flight came twice")
        #expect(Set(mails.compactMap { $0.headers["X-Envelope-To"] }).count == expected.mails)
        #expect(try await store.sentReminders(limit: 1000).count == expected.reminders)
    }
}

/// The hcm executable built beside this test bundle (`swift build --build-tests` builds both).
enum BuiltHCM {
    static let path = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("hcm").path
}

/// What the round at 2021-12-28 must send: one reminder per department with reporters (all in 鹿城区, where every
/// one owes), one mail per reporter with an address.
struct ReminderExpectation {
    var reminders: Int
    var mails: Int

    init(store: SQLitePlanRepository) async throws {
        let reporters = try await store.users().filter { $0.role == .reporter }
        reminders = Set(reporters.compactMap(\.departmentID)).count
        mails = reporters.filter { $0.email != nil }.count
    }
}

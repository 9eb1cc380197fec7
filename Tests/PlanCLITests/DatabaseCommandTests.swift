import ArgumentParser
import Foundation
import GRDB
import PlanStore
import Testing

@testable import PlanCLI

@Suite struct DatabaseCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-cli-\(UUID().uuidString)")
    var db: String { directory.appendingPathComponent("hcm.sqlite").path }
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt").standardized.path

    func run(_ arguments: [String]) async throws {
        var command = try HCM.parseAsRoot(arguments)
        if var async = command as? any AsyncParsableCommand {
            try await async.run()
        } else {
            try command.run()
        }
    }

    @Test func theDatabaseIsChosenByFlagThenEnvironmentThenDefault() throws {
        let flag = try DatabaseOptions.parse(["--db", "/data/x.sqlite"])
        #expect(flag.location(environment: ["DATABASE_URL": "postgres://h/db"]) == .sqlite(path: "/data/x.sqlite"))
        let none = try DatabaseOptions.parse([])
        #expect(none.location(environment: ["DATABASE_URL": "postgres://u:secret@h/db"]) == .postgres(url: "postgres://u:secret@h/db"))
        #expect(none.location(environment: [:]) == .sqlite(path: "./hcm-data/hcm.sqlite"))
        #expect(none.location(environment: ["DATABASE_URL": "sqlite:///var/hcm.sqlite"]) == .sqlite(path: "/var/hcm.sqlite"))
        #expect(!"\(none.location(environment: ["DATABASE_URL": "postgres://u:secret@h/db"]))".contains("secret"))
    }

    @Test func plansAddedAreListedAndSurviveABackupRestore() async throws {
        try await run(["plans", "add", Self.seed, "--publish", "--db", db])
        let list = try #require(try HCM.parseAsRoot(["plans", "list", "--json", "--db", db]) as? PlansList)
        let plans = try await list.database.withStore { try await $0.planSummaries() }
        #expect(plans.map(\.title) == ["健康温州行动计划（2018-2020年）"])
        let backup = directory.appendingPathComponent("backup.sqlite").path
        try await run(["backup", "--db", db, "--to", backup])
        try await run(["plans", "add", Self.seed, "--db", db])
        #expect(try await list.database.withStore { try await $0.planSummaries() }.count == 2)
        try await run(["restore", backup, "--db", db])
        #expect(try await list.database.withStore { try await $0.planSummaries() } == plans)
    }

    /// A backup of a database in use (the demo: plans, users, observations with their history, the audit
    /// log) restored over later changes gives back the same database, table by table and row by row.
    @Test func aBackupRestoredIsTheSameDatabase() async throws {
        let store = try SQLitePlanRepository(path: db)
        _ = try await DemoData(store: store, now: Date(timeIntervalSince1970: 1_700_000_000)).seedIfEmpty()
        let before = try Self.dump(db)
        #expect(before["observations"]?.isEmpty == false && before["audit_log"]?.isEmpty == false)
        let backup = directory.appendingPathComponent("backup.sqlite").path
        try await run(["backup", "--db", db, "--to", backup])
        #expect(try Self.dump(backup) == before)
        try await run(["plans", "add", Self.seed, "--db", db])
        #expect(try Self.dump(db) != before)
        try await run(["restore", backup, "--db", db])
        #expect(try Self.dump(db) == before)
    }

    /// Restoring only reads the backup — its bytes are the same afterwards, so it can be restored again — and
    /// ends every session, those in the backup included: one signed out after the backup stays signed out.
    @Test func aRestoreLeavesTheBackupAsItWasAndEndsEverySession() async throws {
        let store = try SQLitePlanRepository(path: db)
        let users = try #require(try await DemoData(store: store, now: Date(timeIntervalSince1970: 1_700_000_000)).seedIfEmpty())
        let admin = try #require(try await store.credentials(username: users[0].username)?.user.id)
        try await store.createSession(tokenHash: "signed-out-later", userID: admin, expires: "2999-01-01T00:00:00.000Z", at: "2024-01-01T00:00:00.000Z")
        let backup = directory.appendingPathComponent("backup.sqlite")
        try await run(["backup", "--db", db, "--to", backup.path])
        let bytes = try Data(contentsOf: backup)
        try await store.deleteSession(tokenHash: "signed-out-later")
        try await store.createSession(tokenHash: "signed-in-later", userID: admin, expires: "2999-01-01T00:00:00.000Z", at: "2024-01-02T00:00:00.000Z")
        try await run(["restore", backup.path, "--db", db])
        #expect(try Data(contentsOf: backup) == bytes)
        #expect(try Self.dump(db)["sessions"] == [])
        #expect(try Self.dump(db)["plans"]?.count == 1)
        try await run(["restore", backup.path, "--db", db])
        #expect(try Data(contentsOf: backup) == bytes)
        let notADatabase = directory.appendingPathComponent("notes.sqlite")
        try Data("not a database".utf8).write(to: notADatabase)
        await #expect(throws: ValidationError.self) { try await run(["restore", notADatabase.path, "--db", db]) }
    }

    /// Every table's rows in rowid order, as text, read by GRDB directly rather than through the store.
    static func dump(_ path: String) throws -> [String: [String]] {
        try DatabaseQueue(path: path).read { db in
            var tables: [String: [String]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid").map(\.description)
            }
            return tables
        }
    }

    /// The same commands on PostgreSQL (the test database's public schema; no other test uses it).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HCM_TEST_POSTGRES_URL"] != nil, "HCM_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped"))
    func plansAddedOnPostgreSQLAreListed() async throws {
        let url = try #require(ProcessInfo.processInfo.environment["HCM_TEST_POSTGRES_URL"])
        try await run(["migrate", "--db", url])
        let list = try #require(try HCM.parseAsRoot(["plans", "list", "--db", url]) as? PlansList)
        let before = try await list.database.withStore { try await $0.planSummaries() }
        try await run(["plans", "add", Self.seed, "--publish", "--db", url])
        let after = try await list.database.withStore { try await $0.planSummaries() }
        #expect(after.count == before.count + 1)
        #expect(after.last?.title == "健康温州行动计划（2018-2020年）")
        #expect(after.last?.status == .published)
    }

    @Test func aDatabaseURLThatCannotBeUsedSaysWhy() async throws {
        await #expect(throws: ValidationError.self) { try await run(["plans", "list", "--db", "postgres://db.internal/hcm"]) }
    }

    @Test func refusals() throws {
        #expect(throws: (any Error).self) { _ = try HCM.parseAsRoot(["user", "add", "x y", "--role", "admin", "--db", db]) }
        #expect(throws: (any Error).self) { _ = try HCM.parseAsRoot(["user", "add", "wsj", "--role", "reporter", "--db", db]) }
        #expect(throws: (any Error).self) { _ = try HCM.parseAsRoot(["backup", "--to", "/tmp/x", "--db", "postgres://h/db"]) }
    }
}

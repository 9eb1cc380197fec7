import Foundation
import PlanCore
@testable import PlanStore
import PostgresNIO
import Testing

/// The repository contract on PostgreSQL, when `HCM_TEST_POSTGRES_URL` names a database the tests may use
/// (`.ci/run` starts a throwaway cluster and sets it). Each test works in a schema of its own, created for it
/// and dropped after it, and its repositories see only that schema (`search_path`), so the tests run in
/// parallel on one database without seeing each other.
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["HCM_TEST_POSTGRES_URL"] != nil,
        "HCM_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped"))
struct PostgresRepositoryTests {
    @Test func organisation() async throws {
        try await withSchema { try await RepositoryContract.organisationRoundTrips($0.store()) }
    }
    @Test func plans() async throws {
        try await withSchema { try await RepositoryContract.plansKeepTheImportedDocument($0.store()) }
    }
    @Test func yearlyCycle() async throws {
        try await withSchema { try await RepositoryContract.theYearlyCycle($0.store()) }
    }
    @Test func staleWrites() async throws {
        try await withSchema { try await RepositoryContract.staleWritesAndBatchesAreRefusedWhole($0.store()) }
    }
    @Test func concurrentWrites() async throws {
        try await withSchema { try await RepositoryContract.concurrentWritesOneWins($0.store()) }
    }
    @Test func concurrentBatches() async throws {
        try await withSchema { try await RepositoryContract.concurrentBatchesAreEachAllOrNothing($0.store()) }
    }
    @Test func concurrentFirstWrites() async throws {
        try await withSchema { try await RepositoryContract.concurrentFirstWritesOneWins($0.store()) }
    }
    @Test func sessions() async throws {
        try await withSchema { try await RepositoryContract.sessionsAndFailedSignIns($0.store()) }
    }
    @Test func oneIndicator() async throws {
        try await withSchema { try await RepositoryContract.oneIndicatorByID($0.store()) }
    }
    @Test func draftEdits() async throws {
        try await withSchema { try await RepositoryContract.draftIndicatorsAreEditableUntilPublished($0.store()) }
    }
    @Test func assessment() async throws {
        try await withSchema { try await RepositoryContract.schemesAndDecisionsAreKept($0.store()) }
    }
    @Test func taskProgress() async throws {
        try await withSchema { try await RepositoryContract.taskProgressIsVersioned($0.store()) }
    }
    @Test func targetRevisions() async throws {
        try await withSchema { try await RepositoryContract.targetsChangeOnlyByApprovedRevision($0.store()) }
    }
    @Test func reminderRounds() async throws {
        try await withSchema { try await RepositoryContract.reminderRoundsAreRecordedOnce($0.store()) }
    }
    @Test func outboxClaims() async throws {
        try await withSchema { try await RepositoryContract.outboxMessagesAreClaimedByOneSender($0.store()) }
    }
    @Test func inboxReceiptsExtensions() async throws {
        try await withSchema { try await RepositoryContract.inboxReceiptsExtensionsAndEmail($0.store()) }
    }
    @Test func changeStamp() async throws {
        try await withSchema { try await RepositoryContract.theChangeStampFollowsWrites($0.store()) }
    }
    @Test func changeStampOfOtherInstances() async throws {
        try await withSchema { try await RepositoryContract.theChangeStampFollowsOtherInstances($0.store(), other: $0.store()) }
    }

    /// Losing the listening connection (a database restart, a network cut) costs speed, not freshness: the
    /// stamp is read from the database until the instance listens again, a second or so later.
    @Test func changeStampWithoutNotifications() async throws {
        try await withSchema { schema in
            let store = try await schema.store()
            let other = try await schema.store()
            func until(_ condition: () async throws -> Bool) async throws -> Bool {
                for _ in 0..<500 {
                    if try await condition() { return true }
                    try await Task.sleep(for: .milliseconds(10))
                }
                return false
            }
            #expect(try await until { store.changeFeed.stamp != nil }, "listening")
            // Ends this test's listening connections, as a database restart would.
            let listen = #"LISTEN "\#(PostgresChangeFeed.channel)";"#  // as PostgresNIO sends it
            // The listening connection's last statement: LISTEN, or the heartbeat it has sent since.
            let heartbeat = "NOTIFY \(PostgresChangeFeed.channel), '\(PostgresChangeFeed.heartbeat)'"
            try await withClient(schema.configuration) { client in
                _ = try await client.query(
                    """
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE application_name = \(schema.name) AND query IN (\(listen), \(heartbeat))
                    """
                ).collect().count
            }
            #expect(try await until { store.changeFeed.stamp == nil }, "the lost connection noticed")
            let unheard = try await store.changeStamp()
            try await other.saveRegions([Region(code: "330302", name: "鹿城区", level: .county)], actor: "other", at: RepositoryContract.t0)
            if store.changeFeed.stamp == nil {
                #expect(try await store.changeStamp() != unheard, "read from the database at once")
            }
            #expect(try await until { store.changeFeed.stamp != nil }, "listening again")
            let heard = try await store.changeStamp()
            try await other.saveRegions([Region(code: "330303", name: "龙湾区", level: .county)], actor: "other", at: RepositoryContract.t0)
            #expect(try await until { try await store.changeStamp() != heard }, "announced again")
        }
    }

    /// Two app instances on one database: each sees what the other wrote, and of two writes of the same
    /// version, one through each instance, exactly one wins.
    @Test func twoInstancesShareOneDatabase() async throws {
        try await withSchema { schema in
            let a = try await schema.store()
            let b = try await schema.store()
            let (planID, indicator) = try await RepositoryContract.publishedPlan(a)
            #expect(try await b.planSummaries().map(\.id) == [planID])
            #expect(try await b.indicators(planID: planID) == a.indicators(planID: planID))
            let stamp = try await a.changeStamp()
            let draft = try await b.apply(
                [ObservationChange(indicatorID: indicator, regionCode: "330302", year: 2020, action: .saveDraft, valueText: "80")],
                actor: "b", at: RepositoryContract.t0)
            #expect(try await a.observations(planID: planID, year: 2020, regionCode: nil) == draft)
            // What one instance writes changes the other's stamp: pages it kept are computed again. The
            // notification arrives asynchronously (well under a millisecond on an idle machine; the whole
            // suite on a busy 2-core one has taken longer): within a second.
            var moved = false
            for _ in 0..<100 where !moved {
                moved = try await a.changeStamp() != stamp
                if !moved { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(moved)

            func submit(_ store: PostgresPlanRepository, _ value: String) async -> Result<[Observation], any Error> {
                await Result {
                    try await store.apply(
                        [ObservationChange(indicatorID: indicator, regionCode: "330302", year: 2020, action: .submit, valueText: value, expectedVersion: 1)],
                        actor: value, at: RepositoryContract.t0)
                }
            }
            async let first = submit(a, "81")
            async let second = submit(b, "82")
            let outcomes = await [first, second]
            let wins = outcomes.compactMap { try? $0.get() }
            #expect(wins.count == 1)
            #expect(outcomes.compactMap { outcome -> StoreError? in
                if case .failure(let error) = outcome { return error as? StoreError }
                return nil
            } == [.conflict(expected: 1, current: 2)])
            #expect(try await a.observations(planID: planID, year: 2020, regionCode: nil) == wins.first)
            #expect(try await b.observations(planID: planID, year: 2020, regionCode: nil) == wins.first)
            #expect(try await a.auditLog(limit: 10) == b.auditLog(limit: 10))
        }
    }

    /// The unique violation path, made certain: another transaction has inserted the observation and not
    /// committed yet, so the store's insert waits for it; once it commits, the store's write is a conflict
    /// (not a raw database error), and nothing of it was written.
    @Test func aFirstWriteThatLosesTheInsertRaceIsAConflict() async throws {
        try await withSchema { schema in
            let store = try await schema.store()
            let (planID, indicator) = try await RepositoryContract.publishedPlan(store)
            try await withClient(schema.configuration) { client in
                try await client.withConnection { other in
                    let logger = Logger(label: "hcm.test")
                    let pid = try await other.query("SELECT pg_backend_pid()", logger: logger).collect()[0].decode(Int32.self)
                    _ = try await other.query("BEGIN", logger: logger).collect()
                    _ = try await other.query(
                        """
                        INSERT INTO observations (indicator_id, region_code, year, value_text, status, version, updated_by,
                          updated_at)
                        VALUES (\(indicator), '330302', 2020, '79', 'draft', 1, 'other', \(RepositoryContract.t0))
                        """, logger: logger
                    ).collect()
                    let write = Task {
                        try await store.apply(
                            [ObservationChange(indicatorID: indicator, regionCode: "330302", year: 2020, action: .saveDraft, valueText: "81")],
                            actor: "late", at: RepositoryContract.t0)
                    }
                    // Commit only once the store's INSERT is waiting for this transaction.
                    try await client.waitUntilBlocked(by: pid)
                    _ = try await other.query("COMMIT", logger: logger).collect()
                    await #expect(throws: StoreError.conflict(expected: 0, current: 1)) { _ = try await write.value }
                }
            }
            let stored = try await store.observations(planID: planID, year: 2020, regionCode: nil)
            #expect(stored.map(\.valueText) == ["79"])
            #expect(try await store.history(observationID: stored[0].id!).isEmpty)
            #expect(try await store.auditLog(limit: 1).first?.entity == "plan")
        }
    }

    /// Instances that start at once both migrate an empty schema; migrating again, alone or together, changes
    /// nothing.
    @Test func migratingTwiceAndFromTwoInstancesAtOnceIsHarmless() async throws {
        try await withSchema { schema in
            async let first = schema.store()
            async let second = schema.store()
            let (a, b) = try await (first, second)
            let (planID, _) = try await RepositoryContract.publishedPlan(a)
            try await a.migrate()
            try await a.migrate()
            async let again: Void = a.migrate()
            async let alsoAgain: Void = b.migrate()
            _ = try await (again, alsoAgain)
            #expect(try await b.planSummaries().map(\.id) == [planID])
            let applied = try await withClient(schema.configuration) { client in
                try await client.query("SELECT number FROM schema_migrations ORDER BY number").collect().map {
                    try $0.decode(Int.self)
                }
            }
            #expect(applied == Migrations.steps.map(\.number))
        }
    }
}

/// Reading `DATABASE_URL`: no database needed.
@Suite struct DatabaseURLTests {
    @Test func theURLsPartsBecomeTheConfiguration() throws {
        let url = try PostgresURL("postgres://hcm:s%40cret%3A1@db.example.org:6543/hcm_prod?sslmode=verify-full")
        #expect(
            url
                == PostgresURL(
                    host: "db.example.org", port: 6543, username: "hcm", password: "s@cret:1", database: "hcm_prod",
                    sslMode: .verifyFull))
        let configuration = try PostgresPlanRepository.configuration(url: "postgresql://hcm@127.0.0.1/hcm")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 5432)
        #expect(configuration.username == "hcm")
        #expect(configuration.password == nil)
        #expect(configuration.database == "hcm")
    }

    @Test func sslModeDefaultsToDisableOnlyOnLoopback() throws {
        #expect(try PostgresURL("postgres://u@127.0.0.1:55432/db").sslMode == .disable)
        #expect(try PostgresURL("postgres://u@localhost/db").sslMode == .disable)
        #expect(try PostgresURL("postgres://u@[::1]/db").sslMode == .disable)
        #expect(try PostgresURL("postgres://u@db.internal/db").sslMode == .prefer)
        #expect(try PostgresURL("postgres://u@db.internal/db?sslmode=disable").sslMode == .disable)
        #expect(try PostgresURL("postgres://u@127.0.0.1/db?sslmode=require").sslMode == .require)
        #expect(try PostgresURL("postgres://u@db.internal").database == nil)
    }

    @Test(arguments: [
        ("sqlite:///tmp/hcm.sqlite", "不是 PostgreSQL 地址（sqlite://）"),
        ("postgres://", "缺少主机名"),
        ("postgres:///hcm", "缺少主机名"),
        ("postgres://db.internal/hcm", "缺少用户名"),
        ("postgres://u@db.internal/hcm/extra", "数据库名“hcm/extra”不能含有 /"),
        ("postgres://u@db.internal/hcm?sslmode=maybe", "sslmode“maybe”无效（可用 disable、allow、prefer、require、verify-ca、verify-full）"),
        ("postgres://u@db.internal/hcm?timeout=3", "不支持的参数“timeout”（只支持 sslmode）"),
        ("postgres://u:pw@db internal/hcm", "无法解析数据库地址"),
    ])
    func aBadURLSaysWhatIsWrong(url: String, problem: String) {
        #expect(throws: StoreError.invalid(field: "DATABASE_URL", message: "\(problem)，应为 postgres://用户名:密码@主机:端口/数据库")) {
            try PostgresPlanRepository.configuration(url: url)
        }
    }
}

// MARK: - Support

/// A schema for one test, and the repositories opened on it.
actor TestSchema {
    let name: String
    /// The test database's configuration with this schema as the only one on the search path.
    let configuration: PostgresClient.Configuration
    private var opened: [PostgresPlanRepository] = []

    init(name: String, base: PostgresClient.Configuration) {
        self.name = name
        var configuration = base
        // The schema's name also names its connections, so a test can find its own in pg_stat_activity.
        configuration.options.additionalStartupParameters = [("search_path", name), ("application_name", name)]
        configuration.options.maximumConnections = 4
        self.configuration = configuration
    }

    /// A repository on this schema (an "app instance"), migrated, shut down when the test ends.
    func store() async throws -> PostgresPlanRepository {
        let store = try await PostgresPlanRepository(configuration: configuration)
        opened.append(store)
        return store
    }

    func close() async {
        for store in opened { await store.shutdown() }
        opened = []
    }
}

/// Runs `body` on a new, empty schema, dropped afterwards whether the test passed or not.
func withSchema(_ body: (TestSchema) async throws -> Void) async throws {
    let base = try PostgresPlanRepository.configuration(url: ProcessInfo.processInfo.environment["HCM_TEST_POSTGRES_URL"] ?? "")
    let name = "hcm_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
    // A name this function made up, not a value: identifiers cannot be binds.
    _ = try await withClient(base) { try await $0.query("CREATE SCHEMA \(unescaped: name)").collect().count }
    let schema = TestSchema(name: name, base: base)
    let outcome = await Result { try await body(schema) }
    await schema.close()
    _ = try await withClient(base) { try await $0.query("DROP SCHEMA \(unescaped: name) CASCADE").collect().count }
    try outcome.get()
}

/// Runs `body` with a running client of its own.
func withClient<Value: Sendable>(
    _ configuration: PostgresClient.Configuration, _ body: (PostgresClient) async throws -> Value
) async throws -> Value {
    let client = PostgresClient(configuration: configuration)
    let running = Task { await client.run() }
    let outcome = await Result { try await body(client) }
    running.cancel()
    await running.value
    return try outcome.get()
}

extension PostgresClient {
    /// Waits (up to ten seconds) until some session waits for a lock that the session `pid` holds.
    func waitUntilBlocked(by pid: Int32) async throws {
        for _ in 0..<500 {
            let waiting = try await query("SELECT count(*) FROM pg_stat_activity WHERE \(pid) = ANY(pg_blocking_pids(pid))")
                .collect()[0].decode(Int64.self)
            if waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no session waited for \(pid)")
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

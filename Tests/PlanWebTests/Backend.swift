import Foundation
import PlanStore
import PostgresNIO
import Testing

/// The store a test's app runs on. PostgreSQL needs `HCM_TEST_POSTGRES_URL` (`.ci/run` starts a throwaway
/// cluster and sets it); without it the PostgreSQL suites are skipped, and say so.
enum Backend: Sendable {
    case sqlite, postgres

    static let postgresURL = ProcessInfo.processInfo.environment["HCM_TEST_POSTGRES_URL"]

    static let postgresOnly = ConditionTrait.enabled(
        if: postgresURL != nil, "HCM_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped")

    /// A PostgreSQL store in a schema of its own, so tests run side by side on one database, and the closure
    /// that shuts it down and drops the schema.
    static func postgresStore() async throws -> (any PlanRepository & SessionRepository, @Sendable () async -> Void) {
        let base = try PostgresPlanRepository.configuration(url: postgresURL ?? "")
        let schema = "hcm_web_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        // A name made up here, not a value: identifiers cannot be binds.
        try await execute("CREATE SCHEMA \(unescaped: schema)", on: base)
        var configuration = base
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        configuration.options.maximumConnections = 4
        let store = try await PostgresPlanRepository(configuration: configuration)
        return (store, {
            await store.shutdown()
            try? await execute("DROP SCHEMA \(unescaped: schema) CASCADE", on: base)
        })
    }

    private static func execute(_ query: PostgresQuery, on configuration: PostgresClient.Configuration) async throws {
        let client = PostgresClient(configuration: configuration)
        let running = Task { await client.run() }
        defer { running.cancel() }
        _ = try await client.query(query).collect()
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

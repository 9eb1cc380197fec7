import PostgresNIO

extension PostgresPlanRepository {
    /// An arbitrary constant that names hcm's seeding lock among the database's advisory locks.
    static let seedingLock: Int64 = 0x68_636D_7365_6564  // "hcmseed"

    /// Runs `body` holding hcm's seeding lock, a session advisory lock on a connection of its own: instances
    /// started together with `--demo` on an empty database seed it one after the other, and the later ones
    /// find the plans there instead of adding a second copy (issue 17). Migrations have their own lock.
    public func withSeedingLock<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.run("SELECT pg_advisory_lock(\(Self.seedingLock))", logger)
            do {
                let result = try await body()
                try await connection.run("SELECT pg_advisory_unlock(\(Self.seedingLock))", logger)
                return result
            } catch {
                try? await connection.run("SELECT pg_advisory_unlock(\(Self.seedingLock))", logger)
                throw error
            }
        }
    }
}

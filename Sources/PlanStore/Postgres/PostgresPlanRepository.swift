import Foundation
import PlanCore
import PostgresNIO

/// The shared store: PostgreSQL through PostgresNIO, for several `hcm serve` processes on one database. It
/// keeps the same tables, rules and audit entries as ``SQLitePlanRepository``; only the engine differs.
///
/// ```swift
/// let store = try await PostgresPlanRepository(url: "postgres://hcm:secret@db.internal:5432/hcm")
/// defer { Task { await store.shutdown() } }
/// ```
///
/// Every write is one transaction at PostgreSQL's default isolation (READ COMMITTED) with the same optimistic
/// locking as SQLite: `UPDATE … WHERE id = $1 AND version = $2`, and a conflict when no row changed. Where
/// SQLite would have made a second writer wait, PostgreSQL may instead refuse it (a unique violation when two
/// writers insert the same observation, a deadlock between two batches); such a transaction is rolled back
/// and run again, so it reads what the winner wrote and ends as the same `StoreError` SQLite would give.
public final class PostgresPlanRepository: PlanRepository {
    let client: PostgresClient
    /// Runs the client's connection pool for the repository's lifetime.
    private let running: Task<Void, Never>
    let changeFeed = PostgresChangeFeed()
    /// Listens for the writes of other instances (`changeFeed`) for the repository's lifetime.
    private let listening: Task<Void, Never>
    let logger: Logger

    /// Connects to `url` (`postgres://user:password@host:port/database?sslmode=…`) and brings the schema up
    /// to date.
    public convenience init(url: String) async throws {
        try await self.init(configuration: Self.configuration(url: url))
    }

    /// Connects with a ready configuration (tests use it to add a `search_path`) and brings the schema up to
    /// date.
    public init(configuration: PostgresClient.Configuration, logger: Logger = Logger(label: "hcm.store.postgres"))
        async throws
    {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
        // Let the pool start before the first lease; a lease that comes first still waits for it, but the
        // client logs a warning that would reach every command's output.
        for _ in 0..<8 { await Task.yield() }
        listening = Task { [changeFeed] in await changeFeed.run(client: client, logger: logger) }
        do {
            try await migrate()
        } catch {
            await shutdown()
            throw error
        }
    }

    deinit {
        listening.cancel()
        running.cancel()
    }

    /// Closes every connection. The repository cannot be used afterwards.
    public func shutdown() async {
        listening.cancel()
        await listening.value
        running.cancel()
        await running.value
    }

    // MARK: - Migrations

    /// An arbitrary constant that names hcm's migration lock among the database's advisory locks.
    static let migrationLock: Int64 = 0x68_636D_6D69_6772  // "hcmmigr"

    /// Applies the numbered steps not applied yet, in order, each in its own transaction, and records each in
    /// `schema_migrations`. Harmless to repeat, and safe when several instances start at once: each step's
    /// transaction first takes an advisory lock, so one instance migrates while the others wait and then
    /// find the step done.
    public func migrate() async throws {
        for step in Migrations.steps {
            // A step may rewrite a large table: its own, longer bound.
            try await write(within: .seconds(600)) { connection in
                try await connection.run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", self.logger)
                try await connection.run(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (number BIGINT PRIMARY KEY, name TEXT NOT NULL,
                      applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, self.logger)
                let done = try await connection.rows(
                    "SELECT 1 FROM schema_migrations WHERE number = \(step.number)", self.logger)
                guard done.isEmpty else { return }
                for statement in step.statements {
                    // Schema text written in this module, no values: nothing to bind.
                    try await connection.run(
                        PostgresQuery(unsafeSQL: Migrations.Dialect.postgres.render(statement)), self.logger)
                }
                try await connection.run(
                    "INSERT INTO schema_migrations (number, name) VALUES (\(step.number), \(step.name))", self.logger)
            }
        }
    }

    // MARK: - Regions, departments, users

    public func saveRegions(_ regions: [Region], actor: String, at: String) async throws {
        try await write { connection in
            for region in regions {
                let before = try await connection.rows(
                    "SELECT * FROM regions WHERE code = \(region.code) FOR UPDATE", self.logger
                ).first.map(Self.region)
                try await connection.run(
                    """
                    INSERT INTO regions (code, name, level, parent_code)
                    VALUES (\(region.code), \(region.name), \(region.level.rawValue), \(region.parentCode))
                    ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                      parent_code = excluded.parent_code
                    """, self.logger)
                try await self.audit(connection, actor, "save", "region", region.code, before: before, after: region, at: at)
            }
        }
    }

    public func regions() async throws -> [Region] {
        try await read { connection in
            try await connection.rows("SELECT * FROM regions ORDER BY code COLLATE \"C\"", self.logger).map(Self.region)
        }
    }

    static func region(_ row: PostgresRandomAccessRow) throws -> Region {
        Region(
            code: try row.value("code"), name: try row.value("name"),
            level: Region.Level(rawValue: try row.value("level")) ?? .county, parentCode: try row.value("parent_code"))
    }

    public func saveDepartment(_ department: Department, actor: String, at: String) async throws -> Int64 {
        try await write { connection in
            let aliases = try StoreJSON.encode(department.aliases)
            let id: Int64
            if let existing = department.id {
                let updated = try await connection.rows(
                    """
                    UPDATE departments SET name = \(department.name), aliases = \(aliases),
                      region_code = \(department.regionCode)
                    WHERE id = \(existing) RETURNING id
                    """, self.logger)
                guard updated.count == 1 else { throw StoreError.notFound("department \(existing)") }
                id = existing
            } else {
                id = try await connection.insertedID(
                    """
                    INSERT INTO departments (name, aliases, region_code)
                    VALUES (\(department.name), \(aliases), \(department.regionCode)) RETURNING id
                    """, self.logger)
            }
            var saved = department
            saved.id = id
            try await self.audit(connection, actor, "save", "department", "\(id)", before: nil, after: saved, at: at)
            return id
        }
    }

    public func departments() async throws -> [Department] {
        try await read { connection in
            try await connection.rows("SELECT * FROM departments ORDER BY id", self.logger).map { row in
                Department(
                    id: try row.value("id"), name: try row.value("name"),
                    aliases: try StoreJSON.decode([String].self, from: row.value("aliases")),
                    regionCode: try row.value("region_code"))
            }
        }
    }

    public func createUser(_ user: User, passwordHash: String, actor: String, at: String) async throws -> User {
        try await write { connection in
            let taken = try await connection.rows("SELECT 1 FROM users WHERE username = \(user.username)", self.logger)
            if !taken.isEmpty {
                throw StoreError.invalid(field: "username", message: "用户名“\(user.username)”已存在")
            }
            var saved = user
            saved.email = try ReminderNumbering.checkedEmail(user.email)
            saved.id = try await connection.insertedID(
                """
                INSERT INTO users (username, display_name, role, department_id, region_code, password_hash, email)
                VALUES (\(user.username), \(user.displayName), \(user.role.rawValue), \(user.departmentID),
                  \(user.regionCode), \(passwordHash), \(saved.email))
                RETURNING id
                """, self.logger)
            try await self.audit(connection, actor, "create", "user", "\(saved.id!)", before: nil, after: saved, at: at)
            return saved
        }
    }

    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        try await read { connection in
            guard let row = try await connection.rows("SELECT * FROM users WHERE username = \(username)", self.logger).first
            else { return nil }
            return (try Self.user(row), try row.value("password_hash"))
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await read { connection in
            try await connection.rows("SELECT * FROM users WHERE id = \(id)", self.logger).first.map(Self.user)
        }
    }

    public func users() async throws -> [User] {
        try await read { connection in
            try await connection.rows("SELECT * FROM users ORDER BY id", self.logger).map(Self.user)
        }
    }

    static func user(_ row: PostgresRandomAccessRow) throws -> User {
        User(
            id: try row.value("id"), username: try row.value("username"), displayName: try row.value("display_name"),
            role: User.Role(rawValue: try row.value("role")) ?? .viewer, departmentID: try row.value("department_id"),
            regionCode: try row.value("region_code"), email: try row.value("email"))
    }
}

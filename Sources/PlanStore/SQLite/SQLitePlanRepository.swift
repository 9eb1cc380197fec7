import Foundation
import GRDB
import PlanCore

/// The embedded store: one SQLite file through GRDB, in WAL mode with `synchronous = FULL`, so an
/// acknowledged write survives a power cut, and readers never wait for the writer.
public final class SQLitePlanRepository: PlanRepository {
    let pool: DatabasePool
    /// `PRAGMA data_version` on a connection of its own: every commit by another connection, of this process
    /// or any other (the CLI), moves it. The change stamp.
    let dataVersion: SQLiteSideConnection
    let groupCommit: SQLiteGroupCommit
    /// Runs `SQLiteCheckpointer` for the repository's lifetime.
    private let checkpointing: Task<Void, Never>

    /// Opens (creating if needed) the database file and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Other connections to the file — the CLI's while `hcm serve` runs, the checkpointer's — may hold a lock
        // for a moment: wait for it rather than fail at once (GRDB's default).
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL (DatabasePool's default) with FULL: each commit is fsynced before it is acknowledged.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Savepoints (one per batch, `SQLiteGroupCommit`) keep their undo pages in memory, not in a file.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        dataVersion = try SQLiteSideConnection(path: pool.path, readOnly: true, sql: "PRAGMA data_version")
        groupCommit = SQLiteGroupCommit(pool: pool, write: Self.write)
        checkpointing = Task { [path = pool.path] in await SQLiteCheckpointer.run(path: path) }
    }

    deinit {
        checkpointing.cancel()
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in Migrations.steps {
            migrator.registerMigration(String(format: "%03d %@", step.number, step.name)) { db in
                for statement in step.statements { try db.execute(sql: Migrations.Dialect.sqlite.render(statement)) }
            }
        }
        return migrator
    }

    /// A consistent copy of the live database, taken while it serves (SQLite's online backup).
    public func backup(to path: String) throws {
        let copy = try DatabaseQueue(path: path)
        try pool.backup(to: copy)
    }

    // MARK: - Regions, departments, users

    public func saveRegions(_ regions: [Region], actor: String, at: String) async throws {
        try await pool.write { db in
            for region in regions {
                let before = try Row.fetchOne(db, sql: "SELECT * FROM regions WHERE code = ?", arguments: [region.code])
                    .map(Self.region)
                try db.execute(
                    sql: """
                        INSERT INTO regions (code, name, level, parent_code) VALUES (?, ?, ?, ?)
                        ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
                          parent_code = excluded.parent_code
                        """,
                    arguments: [region.code, region.name, region.level.rawValue, region.parentCode])
                try Self.audit(db, actor, "save", "region", region.code, before: before, after: region, at: at)
            }
        }
    }

    public func regions() async throws -> [Region] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM regions ORDER BY code").map(Self.region)
        }
    }

    static func region(_ row: Row) -> Region {
        Region(
            code: row["code"], name: row["name"], level: Region.Level(rawValue: row["level"]) ?? .county,
            parentCode: row["parent_code"])
    }

    public func saveDepartment(_ department: Department, actor: String, at: String) async throws -> Int64 {
        try await pool.write { db in
            let aliases = try StoreJSON.encode(department.aliases)
            let id: Int64
            if let existing = department.id {
                try db.execute(
                    sql: "UPDATE departments SET name = ?, aliases = ?, region_code = ? WHERE id = ?",
                    arguments: [department.name, aliases, department.regionCode, existing])
                guard db.changesCount == 1 else { throw StoreError.notFound("department \(existing)") }
                id = existing
            } else {
                try db.execute(
                    sql: "INSERT INTO departments (name, aliases, region_code) VALUES (?, ?, ?)",
                    arguments: [department.name, aliases, department.regionCode])
                id = db.lastInsertedRowID
            }
            var saved = department
            saved.id = id
            try Self.audit(db, actor, "save", "department", "\(id)", before: nil, after: saved, at: at)
            return id
        }
    }

    public func departments() async throws -> [Department] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM departments ORDER BY id").map { row in
                Department(
                    id: row["id"], name: row["name"], aliases: try StoreJSON.decode([String].self, from: row["aliases"]),
                    regionCode: row["region_code"])
            }
        }
    }

    public func createUser(_ user: User, passwordHash: String, actor: String, at: String) async throws -> User {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE username = ?", arguments: [user.username]) == true {
                throw StoreError.invalid(field: "username", message: "用户名“\(user.username)”已存在")
            }
            let email = try ReminderNumbering.checkedEmail(user.email)
            try db.execute(
                sql: """
                    INSERT INTO users (username, display_name, role, department_id, region_code, password_hash, email)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user.username, user.displayName, user.role.rawValue, user.departmentID, user.regionCode, passwordHash, email,
                ])
            var saved = user
            saved.email = email
            saved.id = db.lastInsertedRowID
            try Self.audit(db, actor, "create", "user", "\(saved.id!)", before: nil, after: saved, at: at)
            return saved
        }
    }

    public func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE username = ?", arguments: [username]).map {
                (Self.user($0), $0["password_hash"])
            }
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    public func users() async throws -> [User] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY id").map(Self.user) }
    }

    static func user(_ row: Row) -> User {
        User(
            id: row["id"], username: row["username"], displayName: row["display_name"],
            role: User.Role(rawValue: row["role"]) ?? .viewer, departmentID: row["department_id"],
            regionCode: row["region_code"], email: row["email"])
    }
}

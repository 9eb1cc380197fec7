import GRDB

extension SQLitePlanRepository {
    /// Replaces everything in this database with the content of the backup file at `path`, in one step, and
    /// ends every session: a user signed out after the backup was taken must not be signed in again by it.
    ///
    /// The backup is only read (opened read-only: its bytes stay as they were, so it can be restored again); an
    /// older schema is brought up to date in a copy in memory, and the copy is what replaces the content.
    /// A file that is not an hcm database is refused with `StoreError.invalid(field: "backup", …)`.
    public func restore(from path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let backup = try DatabaseQueue(path: path, configuration: configuration)
        let isHCM = try backup.read { db in try db.tableExists("grdb_migrations") && db.tableExists("plans") }
        guard isHCM else { throw StoreError.invalid(field: "backup", message: "\(path) 不是 hcm 的数据库备份") }
        let copy = try DatabaseQueue()
        try backup.backup(to: copy)
        try backup.close()
        try Self.migrator.migrate(copy)
        try copy.write { db in try db.execute(sql: "DELETE FROM sessions") }
        try copy.backup(to: pool)
    }
}

import GRDB
import GRDBSQLite
import Synchronization

/// A connection of its own to the database, outside GRDB's pool, running one statement prepared once, straight
/// through SQLite's C interface. For the two jobs that must not queue for the pool: the change stamp, asked on
/// every signed-in request (through the pool a read of one row cost about 40 µs — a dispatch to a reader's
/// queue and back, a transaction begun and ended — where this costs a few), and the WAL checkpoints that spare
/// the writer most of that copying (BENCHMARKS.md).
final class SQLiteSideConnection: Sendable {
    private struct Connection {
        let handle: OpaquePointer
        let statement: OpaquePointer
    }

    private let connection: Mutex<Connection>

    /// Opens a connection to the database at `path`, which must exist, and prepares `sql`.
    init(path: String, readOnly: Bool, sql: String) throws {
        var handle: OpaquePointer?
        // No mutex of SQLite's own: `connection` serialises every use.
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
        let opened = sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK, let handle else {
            defer { sqlite3_close(handle) }
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: Self.message(handle))
        }
        // It waits out the moment another connection holds what it needs, as GRDB's connections do.
        sqlite3_busy_timeout(handle, 5000)
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else {
            defer { sqlite3_close(handle) }
            throw DatabaseError(resultCode: ResultCode(rawValue: prepared), message: Self.message(handle))
        }
        connection = Mutex(Connection(handle: handle, statement: statement))
    }

    deinit {
        connection.withLock { connection in
            sqlite3_finalize(connection.statement)
            sqlite3_close(connection.handle)
        }
    }

    /// Runs the statement and returns the first column of its first row.
    func firstInteger() throws -> Int64 {
        try connection.withLock { connection in
            // Resetting ends the transaction the step began, so that a reader never holds back a checkpoint.
            defer { sqlite3_reset(connection.statement) }
            let stepped = sqlite3_step(connection.statement)
            guard stepped == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: stepped), message: Self.message(connection.handle))
            }
            return sqlite3_column_int64(connection.statement, 0)
        }
    }

    private static func message(_ handle: OpaquePointer?) -> String? {
        handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
    }
}

import GRDB
import GRDBSQLite
import Synchronization

/// SQLite's `PRAGMA data_version`: a number that moves whenever another connection — of this process's pool or
/// of any other process, such as the CLI — commits to the database. It is read on a connection of its own that
/// never writes, prepared once, straight through SQLite's C interface: it is asked on every signed-in request,
/// and a read through GRDB's pool (a dispatch to a reader's queue, a transaction begun and ended) cost about
/// 40 µs of such a request, where this costs a few (BENCHMARKS.md).
final class SQLiteDataVersion: Sendable {
    private struct Connection {
        let handle: OpaquePointer
        let statement: OpaquePointer
    }

    private let connection: Mutex<Connection>

    /// Opens its own read-only connection to the database at `path`, which must exist.
    init(path: String) throws {
        var handle: OpaquePointer?
        // No mutex of SQLite's own: `connection` serialises every use.
        let opened = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            defer { sqlite3_close(handle) }
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: Self.message(handle))
        }
        // A reader waits out the moment a checkpoint or recovery holds the WAL, as GRDB's readers do.
        sqlite3_busy_timeout(handle, 5000)
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, "PRAGMA data_version", -1, &statement, nil)
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

    /// The current data version. Values are only comparable with others from the same instance.
    func current() throws -> Int64 {
        try connection.withLock { connection in
            // Resetting ends the read transaction the step began, so that it never holds back a checkpoint.
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

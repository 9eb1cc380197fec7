import GRDB
import PostgresNIO

/// Reads a database failure for the web tier, which does not import the drivers.
public enum StoreFailure {
    /// Whether `error` says the database cannot be reached now, rather than that the request was wrong: a
    /// PostgreSQL connection refused, lost or closed (its backend terminated, the cluster restarting or shutting
    /// down), or SQLite busy past its timeout. Such a request may succeed if tried again later (503).
    public static func isUnavailable(_ error: any Error) -> Bool {
        if error is PostgresDeadline.Exceeded { return true }
        if let error = error as? PSQLError {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
                return true
            case .server:
                // Class 08 (connection exception), 57P01–57P03 (terminated by the administrator, crash
                // shutdown, cannot connect now), 53300 (too many connections).
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
            default:
                return false
            }
        }
        if let error = error as? DatabaseError {
            return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        }
        return false
    }
}

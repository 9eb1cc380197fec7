import GRDB
import PlanCore

extension SQLitePlanRepository: SessionRepository {
    public func createSession(tokenHash: String, userID: Int64, expires: String, at: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [tokenHash, userID, at, expires])
        }
    }

    public func session(tokenHash: String) async throws -> StoredSession? {
        try await pool.read { db in
            // Asked whenever the store has changed since a signed-in user's last request: prepared once per
            // connection and kept.
            let statement = try db.cachedStatement(
                sql: "SELECT u.*, s.expires_at AS session_expires FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?")
            return try Row.fetchOne(statement, arguments: [tokenHash]).map {
                StoredSession(user: Self.user($0), expires: $0["session_expires"])
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func recordFailedLogin(username: String, at: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO failed_logins (username, at) VALUES (?, ?)", arguments: [username, at])
        }
    }

    public func failedLogins(username: String, since: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM failed_logins WHERE username = ? AND at >= ?", arguments: [username, since]) ?? 0
        }
    }
}

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

    public func sessionUser(tokenHash: String, now: String) async throws -> User? {
        try await pool.read { db in
            // Asked on every request: the statement is prepared once per connection and kept.
            let statement = try db.cachedStatement(
                sql: "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?")
            return try Row.fetchOne(statement, arguments: [tokenHash, now]).map(Self.user)
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

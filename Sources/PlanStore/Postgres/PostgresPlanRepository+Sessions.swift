import PlanCore
import PostgresNIO

extension PostgresPlanRepository: SessionRepository {
    public func createSession(tokenHash: String, userID: Int64, expires: String, at: String) async throws {
        try await write { connection in
            try await connection.run(
                """
                INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
                VALUES (\(tokenHash), \(userID), \(at), \(expires))
                """, self.logger)
        }
    }

    public func session(tokenHash: String) async throws -> StoredSession? {
        try await read { connection in
            try await connection.rows(
                """
                SELECT u.*, s.expires_at AS session_expires FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = \(tokenHash)
                """, self.logger
            ).first.map { row in
                StoredSession(user: try Self.user(row), expires: try row.value("session_expires"))
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { connection in
            try await connection.run("DELETE FROM sessions WHERE token_hash = \(tokenHash)", self.logger)
        }
    }

    public func recordFailedLogin(username: String, at: String) async throws {
        try await write { connection in
            try await connection.run(
                "INSERT INTO failed_logins (username, at) VALUES (\(username), \(at))", self.logger)
        }
    }

    public func failedLogins(username: String, since: String) async throws -> Int {
        try await read { connection in
            let row = try await connection.rows(
                "SELECT COUNT(*) AS n FROM failed_logins WHERE username = \(username) AND at >= \(since)", self.logger
            ).first
            return Int(try row?.value("n", as: Int64.self) ?? 0)
        }
    }
}

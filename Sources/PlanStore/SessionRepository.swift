import PlanCore

/// Sign-in sessions and failed sign-ins, kept in the database so that any app instance can serve any request
/// and the login limit holds across instances. Tokens are stored only as their SHA-256 hash.
public protocol SessionRepository: Sendable {
    func createSession(tokenHash: String, userID: Int64, expires: String, at: String) async throws
    /// The session of a token, expired or not; nil when the token is unknown (or signed out).
    func session(tokenHash: String) async throws -> StoredSession?
    func deleteSession(tokenHash: String) async throws
    func recordFailedLogin(username: String, at: String) async throws
    /// Failed sign-ins for `username` since `since`.
    func failedLogins(username: String, since: String) async throws -> Int
}

/// A sign-in as stored: whose it is and until when (ISO 8601 UTC, compared as text like every stored time).
public struct StoredSession: Sendable, Equatable {
    public var user: User
    public var expires: String

    public init(user: User, expires: String) {
        self.user = user
        self.expires = expires
    }

    /// Whether the session still holds at `now`.
    public func isLive(at now: String) -> Bool { expires > now }
}

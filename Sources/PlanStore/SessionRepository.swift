import PlanCore

/// Sign-in sessions and failed sign-ins, kept in the database so that any app instance can serve any request
/// and the login limit holds across instances. Tokens are stored only as their SHA-256 hash.
public protocol SessionRepository: Sendable {
    func createSession(tokenHash: String, userID: Int64, expires: String, at: String) async throws
    /// The user of a live session, or nil when the token is unknown or expired at `now`.
    func sessionUser(tokenHash: String, now: String) async throws -> User?
    func deleteSession(tokenHash: String) async throws
    func recordFailedLogin(username: String, at: String) async throws
    /// Failed sign-ins for `username` since `since`.
    func failedLogins(username: String, since: String) async throws -> Int
}

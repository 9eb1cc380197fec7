import PlanCore
import PlanStore
import Synchronization

/// Sessions read under the store's current change stamp. A session ends or changes only by a write (signing
/// out, signing in again), and every write moves the stamp, so a session read under the current stamp still
/// holds; only its expiry is checked again on each request. This spares signed-in requests a read of their
/// session while nothing changes, as the kept pages spare them the rest (BENCHMARKS.md).
final class SessionCache: Sendable {
    private struct Kept {
        var stamp: String
        var sessions: [String: StoredSession]
    }

    private let kept = Mutex(Kept(stamp: "", sessions: [:]))
    /// Tokens come from requests: the count is bounded so that no one can fill the memory.
    private let limit: Int

    init(limit: Int = 10_000) {
        self.limit = limit
    }

    /// The user whose live session `tokenHash` names at `now`, as of `stamp` (read before calling).
    func user(tokenHash: String, stamp: String, now: String, store: any SessionRepository) async throws -> User? {
        let known = kept.withLock { $0.stamp == stamp ? $0.sessions[tokenHash] : nil }
        let session: StoredSession?
        if let known {
            session = known
        } else {
            // Read after the stamp, so what is kept under it is never older than it.
            session = try await store.session(tokenHash: tokenHash)
            if let session {
                kept.withLock { kept in
                    if kept.stamp != stamp { kept = Kept(stamp: stamp, sessions: [:]) }
                    if kept.sessions.count < limit { kept.sessions[tokenHash] = session }
                }
            }
        }
        guard let session, session.isLive(at: now) else { return nil }
        return session.user
    }
}

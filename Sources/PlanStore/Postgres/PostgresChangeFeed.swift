import Logging
import PostgresNIO
import Synchronization

/// What the instances sharing the database have committed, learnt from PostgreSQL's notifications rather than
/// asked on every request. Every write transaction ends with `NOTIFY hcm_change`, which PostgreSQL delivers
/// when it commits, and each instance listens on one connection of its pool. The change stamp is then a
/// counter in memory: this instance's own commits move it at once, other instances' as their notification
/// arrives. PostgreSQL sends a notification as the transaction commits, before the writing instance answers
/// its client, so a page asked for after a write shows it; only a request that reaches another instance within
/// the delivery time (well under a millisecond on one network) can get that instance's page as it was just
/// before the write. While not listening — starting, or after losing the connection — the stamp is read from
/// the database on every request (the transaction snapshot), as it was before this feed.
///
/// The listening connection checks itself: every `heartbeatInterval` it sends a heartbeat notification
/// through its own channel, and when nothing at all has arrived for `silenceLimit` (a network path that drops
/// packets without closing anything) it closes the connection, logs, and listens again on a new one; the
/// stamp is read from the database meanwhile. Heartbeats do not move the stamp.
final class PostgresChangeFeed: Sendable {
    static let channel = "hcm_change"
    static let heartbeat = "heartbeat"
    static let heartbeatInterval: Duration = .seconds(2)
    static let silenceLimit: Duration = .seconds(6)

    private struct State {
        var generation: UInt64 = 0
        var listening = false
        /// When the listening connection last heard anything, heartbeats included.
        var heard = ContinuousClock.now
    }

    private struct Silence: Error, CustomStringConvertible {
        var description: String { "no notification, not even a heartbeat, for \(PostgresChangeFeed.silenceLimit)" }
    }

    private let state = Mutex(State())

    /// The stamp while listening; nil while the database must be asked.
    var stamp: String? {
        state.withLock { $0.listening ? "n\($0.generation)" : nil }
    }

    /// A write committed by this instance, or announced by another.
    func moved() {
        state.withLock { $0.generation &+= 1 }
    }

    /// Reads the notifications while sending heartbeats, until the connection fails or falls silent.
    private func consume(
        _ notifications: PostgresNotificationSequence, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await notification in notifications {
                    self.state.withLock { $0.heard = .now }
                    if notification.payload != Self.heartbeat { self.moved() }
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: Self.heartbeatInterval)
                    try await connection.run("NOTIFY \(unescaped: Self.channel), '\(unescaped: Self.heartbeat)'", logger)
                }
            }
            // Apart from the heartbeat: a statement on a connection whose packets are dropped never returns.
            group.addTask {
                while true {
                    try await Task.sleep(for: .seconds(1))
                    if self.state.withLock({ $0.heard }).duration(to: .now) > Self.silenceLimit {
                        _ = try? await connection.close().get()
                        throw Silence()
                    }
                }
            }
            defer { group.cancelAll() }
            _ = try await group.next()
        }
    }

    /// Listens until the task is cancelled, connecting again a second after losing the connection.
    func run(client: PostgresClient, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        // What committed while no one listened was not announced: start from a new value.
                        self.state.withLock { $0.generation &+= 1; $0.listening = true; $0.heard = .now }
                        try await self.consume(notifications, on: connection, logger: logger)
                    }
                }
            } catch {
                if !Task.isCancelled {
                    logger.warning("Listening for hcm_change failed; the change stamp is read from the database: \(String(reflecting: error))")
                }
            }
            state.withLock { $0.listening = false }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}

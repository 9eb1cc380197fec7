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
final class PostgresChangeFeed: Sendable {
    static let channel = "hcm_change"

    private struct State {
        var generation: UInt64 = 0
        var listening = false
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

    /// Listens until the task is cancelled, connecting again a second after losing the connection.
    func run(client: PostgresClient, logger: Logger) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.channel) { notifications in
                        // What committed while no one listened was not announced: start from a new value.
                        self.state.withLock { $0.generation &+= 1; $0.listening = true }
                        for try await _ in notifications { self.moved() }
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

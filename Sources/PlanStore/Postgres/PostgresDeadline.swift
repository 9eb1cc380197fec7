import PostgresNIO
import Synchronization

/// Bounds one store operation on PostgreSQL: past `bound`, a lease still waiting for a connection is cancelled
/// and the connection the operation holds is closed, so the operation ends and its caller gets
/// `PostgresDeadline.Exceeded` (the web tier's 503).
///
/// Why: when PostgreSQL's backends are terminated or the cluster restarts, a statement in flight could wait
/// for an answer for ever (about 1 in 50 in issue 17's runs), its socket left in CLOSE-WAIT and the instance
/// then deaf to SIGTERM, which waits for requests in flight; and while the cluster is down, a lease waited for
/// the pool's circuit breaker, about a minute. Closing the connection fails the statement; the pool replaces
/// the connection.
enum PostgresDeadline {
    struct Exceeded: Error, CustomStringConvertible {
        let bound: Duration
        var description: String { "PostgreSQL did not answer within \(bound)" }
    }

    /// The connection an operation holds, for the deadline to close.
    final class Slot: Sendable {
        private let connection = Mutex<PostgresConnection?>(nil)

        func hold(_ held: PostgresConnection) {
            connection.withLock { $0 = held }
        }

        fileprivate func close() {
            connection.withLock { $0 }?.close().whenComplete { _ in }
        }
    }

    static func run<Result: Sendable>(within bound: Duration, _ operation: (Slot) async throws -> Result) async throws
        -> Result
    {
        let slot = Slot()
        return try await withoutActuallyEscaping(operation) { operation in
            // The task group ends only when both children have: `operation` does not outlive this call.
            nonisolated(unsafe) let operation = operation
            return try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask { try await operation(slot) }
                group.addTask {
                    try await Task.sleep(for: bound)
                    return nil
                }
                defer { group.cancelAll() }
                if let result = try await group.next() ?? nil { return result }
                group.cancelAll()
                slot.close()
                throw Exceeded(bound: bound)
            }
        }
    }
}

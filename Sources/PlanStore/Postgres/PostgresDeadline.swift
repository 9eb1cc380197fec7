import Foundation
import PostgresNIO
import Synchronization

/// Bounds one store operation on PostgreSQL: past `bound` its caller gets `PostgresDeadline.Exceeded` (the web
/// tier's 503), the operation's task is cancelled (a lease still waiting for a connection gives up) and the
/// connection it holds is closed (the pool replaces it).
///
/// Why: when PostgreSQL's backends are terminated or the cluster restarts, a statement in flight could wait
/// for an answer for ever (about 1 in 50 in issue 17's runs), its socket left in CLOSE-WAIT and the instance
/// then deaf to SIGTERM, which waits for requests in flight; and while the cluster is down, a lease waited for
/// the pool's circuit breaker, about a minute.
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

    /// `operation`'s result, or `Exceeded` after `bound`. The operation runs in a task of its own: with
    /// PostgresNIO 1.33, a statement whose backend was terminated was seen to stay unanswered even after its
    /// connection was closed (about 1 request in 400 in `postgres_faults.py`), and a task group would have
    /// waited for it; this answers anyway, and the task is cancelled and left to end when it can.
    static func run<Result: Sendable>(
        within bound: Duration, _ operation: @escaping @Sendable (Slot) async throws -> Result
    ) async throws -> Result {
        let slot = Slot()
        let outcome = Outcome<Result>()
        let work = Task {
            do {
                outcome.deliver(.success(try await operation(slot)))
            } catch {
                outcome.deliver(.failure(error))
            }
        }
        let timer = Task {
            try await Task.sleep(for: bound)
            if outcome.deliver(.failure(Exceeded(bound: bound))) {
                work.cancel()
                slot.close()
            }
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { outcome.wait($0) }
        } onCancel: {
            if outcome.deliver(.failure(CancellationError())) { work.cancel() }
        }
    }

    /// The first of the operation's result, the deadline and cancellation, handed to the waiting caller once.
    private final class Outcome<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        // Guarded by `lock`.
        private var continuation: CheckedContinuation<Result, any Error>?
        private var result: Swift.Result<Result, any Error>?

        func wait(_ continuation: CheckedContinuation<Result, any Error>) {
            lock.lock()
            guard let result else {
                self.continuation = continuation
                lock.unlock()
                return
            }
            lock.unlock()
            continuation.resume(with: result)
        }

        /// Whether `result` is the first outcome (the one the caller gets).
        @discardableResult
        func deliver(_ result: Swift.Result<Result, any Error>) -> Bool {
            lock.lock()
            guard self.result == nil else {
                lock.unlock()
                return false
            }
            self.result = result
            let waiting = continuation
            continuation = nil
            lock.unlock()
            waiting?.resume(with: result)
            return true
        }
    }
}

import GRDB
import PlanCore
import Synchronization

/// Observation batches committed together (group commit). SQLite commits one write at a time, so on deadline
/// day batches queue for the writer, and each commit waits for the disk (`synchronous=FULL`). While one
/// transaction is being written, the batches that arrive wait together and then go into the next transaction,
/// each in a savepoint of its own: one that fails is rolled back alone and its caller gets its error, exactly
/// as if it had been written on its own after the batches before it. Every caller hears back only once the
/// commit is on disk, so what was acknowledged survives a crash as before (BENCHMARKS.md has the figures).
final class SQLiteGroupCommit: Sendable {
    struct Batch: Sendable {
        var changes: [ObservationChange]
        var actor: String
        var at: String
    }

    private struct Waiting: Sendable {
        let batch: Batch
        let continuation: CheckedContinuation<[Observation], any Error>
    }

    private struct Queue {
        var waiting: [Waiting] = []
        /// Whether a task is committing; it takes what waits until nothing does.
        var committing = false
    }

    private let pool: DatabasePool
    private let write: @Sendable (Database, Batch) throws -> [Observation]
    private let queue = Mutex(Queue())

    /// `write` writes one batch on the writer's connection and returns its observations as written.
    init(pool: DatabasePool, write: @escaping @Sendable (Database, Batch) throws -> [Observation]) {
        self.pool = pool
        self.write = write
    }

    /// Writes `batch`, with whatever other batches wait at the same time, and returns once it is committed.
    func commit(_ batch: Batch) async throws -> [Observation] {
        try await withCheckedThrowingContinuation { continuation in
            let start = queue.withLock { queue in
                queue.waiting.append(Waiting(batch: batch, continuation: continuation))
                defer { queue.committing = true }
                return !queue.committing
            }
            if start { Task { await commitWhileWaiting() } }
        }
    }

    /// At most this many transactions in one turn on the writer, so that other writes (a sign-in, a review)
    /// get theirs on a day the batches never stop.
    static let transactionsPerTurn = 8

    /// Commits what waits, transaction after transaction, on the writer's own thread: between two of them the
    /// writer does not wait for a turn on Swift's executor, busy with the requests (that gap had the writer
    /// idle a third of the time).
    private func commitWhileWaiting() async {
        do {
            let more = try await pool.writeWithoutTransaction { db in
                for _ in 0..<Self.transactionsPerTurn {
                    let group = self.takeWaiting()
                    guard !group.isEmpty else { return false }
                    Self.commit(group, db: db, write: self.write)
                }
                return true
            }
            if more { Task { await commitWhileWaiting() } }
        } catch {
            // The writer could not be had at all (a closed database): those waiting fail rather than wait, and
            // the next batch starts a new task.
            let failed = queue.withLock { queue in
                defer { queue = Queue() }
                return queue.waiting
            }
            for waiting in failed { waiting.continuation.resume(throwing: error) }
        }
    }

    /// What waits, emptying the queue; when nothing does, the next batch starts a new task.
    private func takeWaiting() -> [Waiting] {
        queue.withLock { queue in
            defer { queue.waiting = [] }
            if queue.waiting.isEmpty { queue.committing = false }
            return queue.waiting
        }
    }

    /// Writes `group` in one transaction and answers each of its callers once it is committed.
    private static func commit(
        _ group: [Waiting], db: Database, write: (Database, Batch) throws -> [Observation]
    ) {
        var outcomes: [Result<[Observation], any Error>] = []
        do {
            try db.inTransaction {
                outcomes = group.map { waiting in
                    Result {
                        var written: [Observation] = []
                        try db.inSavepoint {
                            written = try write(db, waiting.batch)
                            return .commit
                        }
                        return written
                    }
                }
                return .commit
            }
            for (waiting, outcome) in zip(group, outcomes) { waiting.continuation.resume(with: outcome) }
        } catch {
            // The transaction did not commit: none of its batches was written.
            for waiting in group { waiting.continuation.resume(throwing: error) }
        }
    }
}

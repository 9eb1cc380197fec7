import Logging

/// Copies the write-ahead log into the database file from a connection of its own, five times a second, so that
/// the writer seldom has to. SQLite's automatic checkpoint runs in the committing connection — the one writer —
/// and held every batch behind it while it copied; it still runs (only it can end a checkpoint while no new
/// frames arrive, so that the log starts over and stays small), but finds little left to copy. Batch submit
/// went from 1.4k to 1.5k req/s (BENCHMARKS.md). A passive checkpoint never waits for the writer or for
/// readers and changes no content, so the change stamp stays.
enum SQLiteCheckpointer {
    static let interval = Duration.milliseconds(200)

    /// Checkpoints until the task is cancelled; a failure is logged and the next turn tries again.
    static func run(path: String) async {
        let logger = Logger(label: "hcm.store.sqlite")
        let connection: SQLiteSideConnection
        do {
            connection = try SQLiteSideConnection(path: path, readOnly: false, sql: "PRAGMA wal_checkpoint(PASSIVE)")
        } catch {
            logger.error("No WAL checkpoints: cannot open \(path): \(error)")
            return
        }
        while !Task.isCancelled {
            do {
                _ = try connection.firstInteger()
            } catch {
                logger.warning("WAL checkpoint failed, tried again shortly: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }
}

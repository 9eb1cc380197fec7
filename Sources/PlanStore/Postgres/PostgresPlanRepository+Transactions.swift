import Foundation
import PostgresNIO

extension PostgresPlanRepository {
    /// How often a write is tried when PostgreSQL refuses it only because of a concurrent transaction.
    static let attempts = 5
    /// The longest a read or a write (its retries included) may take, waiting for a connection included,
    /// before it is given up (`PostgresDeadline`): hcm's statements take milliseconds, so only a lost
    /// connection or an unreachable server reaches it — and a machine loaded far past its cores, whence the
    /// margin (10 s was reached by the test suite's PostgreSQL lane on a busy 2-core machine).
    static let operationBound: Duration = .seconds(30)

    /// Runs `body` as one transaction: all of it is committed, or none of it. A `StoreError` thrown by `body`
    /// rolls back and reaches the caller as it is.
    ///
    /// A transaction PostgreSQL refused because of another one that ran at the same time (a unique violation
    /// on a row the other one inserted, a deadlock, a serialization failure) is rolled back and run again:
    /// the next run reads what the other one committed and ends as SQLite would have ended it, where the
    /// second writer waits for the first — usually with a `StoreError.conflict`. A unique violation that
    /// remains is a real duplicate and reaches the caller as the database reported it (SQLite's store does
    /// the same); a deadlock that remains ends as a conflict, never as a raw database error.
    ///
    /// Every write announces itself on commit (`PostgresChangeFeed`).
    func write<Result: Sendable>(
        within bound: Duration = operationBound, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await PostgresDeadline.run(within: bound) { slot in try await self.write(holding: slot, body) }
    }

    private func write<Result: Sendable>(
        holding slot: PostgresDeadline.Slot, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                let result = try await transaction(holding: slot) { connection in
                    let result = try await body(connection)
                    try await connection.run("NOTIFY \(unescaped: PostgresChangeFeed.channel)", logger)
                    return result
                }
                changeFeed.moved()
                return result
            } catch {
                let cause = Self.cause(of: error)
                guard let state = Self.sqlState(of: cause), Self.concurrencyStates.contains(state) else { throw cause }
                guard attempt < Self.attempts else {
                    if state == Self.uniqueViolation { throw cause }
                    throw StoreError.conflict(expected: 0, current: 0)
                }
                attempt += 1
                // A short, random pause, so two retrying writers do not meet again at once.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...5 * attempt)))
            }
        }
    }

    /// Runs one read statement (or several that need not agree with each other).
    func read<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await PostgresDeadline.run(within: Self.operationBound) { slot in
                try await self.client.withConnection { connection in
                    slot.hold(connection)
                    return try await body(connection)
                }
            }
        } catch {
            throw Self.cause(of: error)
        }
    }

    /// Runs several reads on one snapshot, as SQLite's read transactions do: what a concurrent write commits
    /// meanwhile is either all visible or not at all.
    func snapshot<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await PostgresDeadline.run(within: Self.operationBound) { slot in
                try await self.transaction(holding: slot) { connection in
                    try await connection.run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", self.logger)
                    return try await body(connection)
                }
            }
        } catch {
            throw Self.cause(of: error)
        }
    }

    /// `body` in one transaction on a pooled connection, which `slot` holds from before BEGIN: a statement sent
    /// on a connection whose backend is gone may never be answered — BEGIN too (PostgresNIO's
    /// `withTransaction` sends it before its closure could hand the connection over) — and the deadline
    /// must be able to close it.
    private func transaction<Result: Sendable>(
        holding slot: PostgresDeadline.Slot, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await client.withConnection { connection in
            slot.hold(connection)
            try await connection.run("BEGIN", logger)
            do {
                let result = try await body(connection)
                try await connection.run("COMMIT", logger)
                return result
            } catch {
                try? await connection.run("ROLLBACK", logger)
                throw error
            }
        }
    }

    static let uniqueViolation = "23505"
    /// Unique violation, serialization failure, deadlock detected.
    static let concurrencyStates: Set<String> = [uniqueViolation, "40001", "40P01"]

    /// The error a failed statement or transaction stands for: what the closure threw, else why BEGIN or
    /// COMMIT failed; text PostgreSQL cannot hold is the caller's invalid input, not a server fault.
    static func cause(of error: any Error) -> any Error {
        let cause =
            (error as? PostgresTransactionError).map { $0.closureError ?? $0.commitError ?? $0.beginError ?? $0 } ?? error
        if let state = sqlState(of: cause), unstorableText.contains(state) {
            return StoreError.invalid(field: "text", message: "文字中含有数据库不能保存的字符（U+0000），请删去后重试")
        }
        return cause
    }

    /// Character not in repertoire (U+0000 in a text value), unsupported Unicode escape (`\u0000` in JSON).
    static let unstorableText: Set<String> = ["22021", "22P05"]

    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Writes one audit entry in the caller's transaction.
    func audit(
        _ connection: PostgresConnection, _ actor: String, _ action: String, _ entity: String, _ entityID: String,
        before: (any Encodable)?, after: (any Encodable)?, at: String
    ) async throws {
        let beforeJSON = try before.map { try StoreJSON.encode($0) }
        let afterJSON = try after.map { try StoreJSON.encode($0) }
        try await connection.run(
            """
            INSERT INTO audit_log (actor, action, entity, entity_id, before_json, after_json, at)
            VALUES (\(actor), \(action), \(entity), \(entityID), \(beforeJSON), \(afterJSON), \(at))
            """, logger)
    }
}

extension PostgresConnection {
    /// Every row of `query`, read to the end.
    func rows(
        _ query: PostgresQuery, _ logger: Logger, file: String = #fileID, line: Int = #line
    ) async throws -> [PostgresRandomAccessRow] {
        try await self.query(query, logger: logger, file: file, line: line).collect().map { $0.makeRandomAccess() }
    }

    /// Runs a statement whose rows, if any, do not matter.
    func run(_ query: PostgresQuery, _ logger: Logger, file: String = #fileID, line: Int = #line) async throws {
        _ = try await rows(query, logger, file: file, line: line)
    }

    /// The `id` an `INSERT … RETURNING id` gave the new row.
    func insertedID(_ query: PostgresQuery, _ logger: Logger, file: String = #fileID, line: Int = #line) async throws
        -> Int64
    {
        guard let row = try await rows(query, logger, file: file, line: line).first else {
            throw PostgresDecodingError.Code.missingData
        }
        return try row.value("id")
    }
}

extension PostgresRandomAccessRow {
    /// The value of `column`, decoded as the caller's type (an optional for a nullable column).
    func value<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try self[column].decode(Value.self)
    }
}

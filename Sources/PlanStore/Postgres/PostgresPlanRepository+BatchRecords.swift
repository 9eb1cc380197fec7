import Foundation
import PlanCore
import PostgresNIO

/// The history rows and audit entries of a batch of observation changes, written together in one statement
/// at the end of its transaction (rows passed as one JSON parameter, so one statement serves any batch).
struct BatchRecords {
    private struct HistoryRow: Encodable {
        var observationId: Int64
        var version: Int
        var valueText: String
        var status: String
        var comment: String?
        var changedBy: String
        var changedAt: String
    }

    /// As `PostgresPlanRepository.audit` writes one; `n` keeps the batch's order in the log.
    private struct AuditRow: Encodable {
        var n: Int
        var actor: String
        var action: String
        var entityId: String
        var beforeJson: String?
        var afterJson: String
        var at: String
    }

    private var history: [HistoryRow] = []
    private var audit: [AuditRow] = []

    mutating func add(_ next: Observation, replacing current: Observation?, action: ObservationAction, actor: String, at: String) throws {
        guard let id = next.id else { return }
        history.append(
            HistoryRow(
                observationId: id, version: next.version, valueText: next.valueText, status: next.status.rawValue,
                comment: next.comment, changedBy: actor, changedAt: at))
        audit.append(
            AuditRow(
                n: audit.count, actor: actor, action: action.rawValue, entityId: "\(id)",
                beforeJson: try current.map { try StoreJSON.encode($0) }, afterJson: try StoreJSON.encode(next), at: at))
    }

    func insert(_ connection: PostgresConnection, logger: Logger) async throws {
        guard !history.isEmpty else { return }
        try await connection.run(
            """
            WITH history AS (
              INSERT INTO observation_revisions (observation_id, version, value_text, status, comment, changed_by, changed_at)
              SELECT observation_id, version, value_text, status, comment, changed_by, changed_at
              FROM jsonb_to_recordset(\(try Self.json(history))::jsonb) AS r(observation_id bigint, version bigint,
                value_text text, status text, comment text, changed_by text, changed_at text))
            INSERT INTO audit_log (actor, action, entity, entity_id, before_json, after_json, at)
            SELECT actor, action, 'observation', entity_id, before_json, after_json, at
            FROM jsonb_to_recordset(\(try Self.json(audit))::jsonb) AS a(n int, actor text, action text, entity_id text,
              before_json text, after_json text, at text)
            ORDER BY n
            """, logger)
    }

    /// Rows as a JSON array with snake_case keys, the columns `jsonb_to_recordset` reads.
    static func json(_ rows: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }
}

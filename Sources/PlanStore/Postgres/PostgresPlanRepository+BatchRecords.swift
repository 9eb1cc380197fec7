import PlanCore
import PostgresNIO

/// The history rows and audit entries of a batch of observation changes, written together in one statement
/// at the end of its transaction (rows passed as one JSON parameter, so one statement serves any batch).
struct BatchRecords {
    /// JSON objects with the columns `jsonb_to_recordset` reads below.
    private var history: [String] = []
    private var audit: [String] = []

    mutating func add(_ next: Observation, replacing current: Observation?, action: ObservationAction, actor: String, at: String) {
        guard let id = next.id else { return }
        var row = JSONObjectText()
        row.add("observation_id", number: id)
        row.add("version", number: next.version)
        row.add("value_text", next.valueText)
        row.add("status", next.status.rawValue)
        row.add("comment", next.comment)
        row.add("explanation", next.explanation)
        row.add("changed_by", actor)
        row.add("changed_at", at)
        history.append(row.text)
        // As `PostgresPlanRepository.audit` writes one; `n` keeps the batch's order in the log.
        var entry = JSONObjectText()
        entry.add("n", number: audit.count)
        entry.add("actor", actor)
        entry.add("action", action.rawValue)
        entry.add("entity_id", "\(id)")
        entry.add("before_json", current?.storeJSON)
        entry.add("after_json", next.storeJSON)
        entry.add("at", at)
        audit.append(entry.text)
    }

    func insert(_ connection: PostgresConnection, logger: Logger) async throws {
        guard !history.isEmpty else { return }
        try await connection.run(
            """
            WITH history AS (
              INSERT INTO observation_revisions (observation_id, version, value_text, status, comment, explanation,
                changed_by, changed_at)
              SELECT observation_id, version, value_text, status, comment, explanation, changed_by, changed_at
              FROM jsonb_to_recordset(\(JSONObjectText.array(history))::jsonb) AS r(observation_id bigint, version bigint,
                value_text text, status text, comment text, explanation text, changed_by text, changed_at text))
            INSERT INTO audit_log (actor, action, entity, entity_id, before_json, after_json, at)
            SELECT actor, action, 'observation', entity_id, before_json, after_json, at
            FROM jsonb_to_recordset(\(JSONObjectText.array(audit))::jsonb) AS a(n int, actor text, action text, entity_id text,
              before_json text, after_json text, at text)
            ORDER BY n
            """, logger)
    }
}

import Foundation
import PlanCore
import PostgresNIO

extension PostgresPlanRepository {
    public func observations(planID: Int64, year: Int?, regionCode: String?) async throws -> [Observation] {
        // Built piece by piece as the SQLite store builds it; every value is still a bind.
        var sql = PostgresQuery.StringInterpolation(literalCapacity: 256, interpolationCount: 3)
        sql.appendLiteral(
            """
            SELECT o.*, \(Self.indicatorKey) AS indicator_key
            FROM observations o JOIN indicators i ON i.id = o.indicator_id
            WHERE i.plan_id = 
            """)
        sql.appendInterpolation(planID)
        if let year {
            sql.appendLiteral(" AND o.year = ")
            sql.appendInterpolation(year)
        }
        if let regionCode {
            sql.appendLiteral(" AND o.region_code = ")
            sql.appendInterpolation(regionCode)
        }
        // COLLATE "C": byte order, as SQLite sorts text.
        sql.appendLiteral(#" ORDER BY i.table_index, i.position, o.region_code COLLATE "C", o.year"#)
        let query = PostgresQuery(stringInterpolation: sql)
        return try await read { connection in try await connection.rows(query, self.logger).map(Self.observation) }
    }

    public func apply(_ changes: [ObservationChange], actor: String, at: String) async throws -> [Observation] {
        // One transaction: a change that throws rolls back the whole batch. Round trips are what a batch costs
        // here, so they do not grow with it: the indicators and current values are read together; the changes
        // are applied in memory, in order; every observation's last state is written in one statement; its
        // history rows and audit entries (one per change) in another.
        try await write { connection in
            let stored = try await self.currentObservations(connection, of: changes)
            var steps: [(action: ObservationAction, observation: ObservationKey, current: Observation?, next: Observation)] = []
            // Each observation's state after the batch's changes so far, in the order first changed.
            var latest: [ObservationKey: Observation] = [:]
            var changed: [ObservationKey] = []
            for change in changes {
                let observation = ObservationKey(change)
                guard let (key, before) = stored[observation] else { throw StoreError.notFound("indicator \(change.indicatorID)") }
                let current = latest[observation] ?? before
                let next = try change.applied(to: current, indicator: key, actor: actor, at: at)
                if latest[observation] == nil { changed.append(observation) }
                latest[observation] = next
                steps.append((change.action, observation, current, next))
            }
            let newIDs = try await self.writeLastStates(
                connection, changed.map { (observation: $0, stored: stored[$0]?.1, last: latest[$0]!) }, actor: actor, at: at)
            var records = BatchRecords()
            var saved: [Observation] = []
            for var step in steps {
                // A new observation's id is known once written; its later changes name it before and after.
                if let id = newIDs[step.observation] {
                    step.next.id = id
                    step.current?.id = id
                }
                records.add(step.next, replacing: step.current, action: step.action, actor: actor, at: at)
                saved.append(step.next)
            }
            try await records.insert(connection, logger: self.logger)
            return saved
        }
    }

    /// Writes each observation's last state in one statement: updates of the stored rows that are still at
    /// the version read, and inserts of the new ones. Returns the new rows' ids. A stored row another writer
    /// changed since the read is a conflict naming its version now. Two first writes of one observation: the
    /// later INSERT meets the unique key (23505) once the earlier commits; `write` runs the batch again, which
    /// then reads the row and refuses the change as a conflict, as SQLite does.
    private func writeLastStates(
        _ connection: PostgresConnection, _ states: [(observation: ObservationKey, stored: Observation?, last: Observation)],
        actor: String, at: String
    ) async throws -> [ObservationKey: Int64] {
        // The columns `jsonb_to_recordset` reads below; a new observation has no id and no version read.
        let rows = states.map { state in
            var row = JSONObjectText()
            row.add("id", number: state.stored?.id)
            row.add("expected_version", number: state.stored?.version)
            row.add("indicator_id", number: state.observation.indicatorId)
            row.add("region_code", state.observation.regionCode)
            row.add("year", number: state.observation.year)
            row.add("value_text", state.last.valueText)
            row.add("unit", state.last.unit)
            row.add("evidence", state.last.evidence)
            row.add("explanation", state.last.explanation)
            row.add("status", state.last.status.rawValue)
            row.add("comment", state.last.comment)
            row.add("version", number: state.last.version)
            row.add("submitted_by", state.last.submittedBy)
            return row.text
        }
        var updated: Set<Int64> = []
        var inserted: [ObservationKey: Int64] = [:]
        for row in try await connection.rows(
            """
            WITH c AS (
              SELECT * FROM jsonb_to_recordset(\(JSONObjectText.array(rows))::jsonb) AS c(id bigint,
                expected_version bigint, indicator_id bigint, region_code text, year bigint, value_text text, unit text,
                evidence text, explanation text, status text, comment text, version bigint, submitted_by text)),
            updated AS (
              UPDATE observations o SET value_text = c.value_text, unit = c.unit, evidence = c.evidence,
                explanation = c.explanation, submitted_by = c.submitted_by, status = c.status, comment = c.comment, version = c.version, updated_by = \(actor), updated_at = \(at)
              FROM c WHERE o.id = c.id AND o.version = c.expected_version
              RETURNING o.id),
            inserted AS (
              INSERT INTO observations (indicator_id, region_code, year, value_text, unit, evidence, explanation, status,
                comment, version, updated_by, updated_at, submitted_by)
              SELECT indicator_id, region_code, year, value_text, unit, evidence, explanation, status, comment, version,
                \(actor), \(at), submitted_by
              FROM c WHERE c.id IS NULL
              RETURNING id, indicator_id, region_code, year)
            SELECT id, NULL::bigint AS indicator_id, NULL::text AS region_code, NULL::bigint AS year FROM updated
            UNION ALL SELECT id, indicator_id, region_code, year FROM inserted
            """, logger)
        {
            let id: Int64 = try row.value("id")
            if let indicator = try row.value("indicator_id", as: Int64?.self) {
                let year = try row.value("year", as: Int64.self)
                inserted[ObservationKey(indicatorId: indicator, regionCode: try row.value("region_code"), year: Int(year))] = id
            } else {
                updated.insert(id)
            }
        }
        let stale = states.compactMap(\.stored).first { stored in stored.id.map { !updated.contains($0) } == true }
        if let stale, let id = stale.id {
            // Another writer committed since the read: report the version it left.
            let now = try await connection.rows("SELECT version FROM observations WHERE id = \(id)", logger)
                .first.map { try $0.value("version", as: Int.self) }
            throw StoreError.conflict(expected: stale.version, current: now ?? stale.version + 1)
        }
        return inserted
    }

    /// Which observation a change is about.
    private struct ObservationKey: Hashable {
        var indicatorId: Int64
        var regionCode: String
        var year: Int

        init(indicatorId: Int64, regionCode: String, year: Int) {
            (self.indicatorId, self.regionCode, self.year) = (indicatorId, regionCode, year)
        }

        init(_ change: ObservationChange) {
            self.init(indicatorId: change.indicatorID, regionCode: change.regionCode, year: change.year)
        }

        /// As the query below reads it.
        var json: String {
            var object = JSONObjectText()
            object.add("indicator_id", number: indicatorId)
            object.add("region_code", regionCode)
            object.add("year", number: year)
            return object.text
        }
    }

    /// The indicator key and stored observation, if any, of every observation the batch changes, read in one
    /// query. An indicator that does not exist has no entry.
    private func currentObservations(_ connection: PostgresConnection, of changes: [ObservationChange]) async throws
        -> [ObservationKey: (String, Observation?)]
    {
        let wanted = Array(Set(changes.map(ObservationKey.init)))
        var found: [ObservationKey: (String, Observation?)] = [:]
        for row in try await connection.rows(
            """
            SELECT c.indicator_id AS wanted_indicator, c.region_code AS wanted_region, c.year AS wanted_year, o.*,
              \(unescaped: Self.indicatorKey) AS indicator_key
            FROM jsonb_to_recordset(\(JSONObjectText.array(wanted.map(\.json)))::jsonb) AS c(indicator_id bigint, region_code text, year bigint)
            JOIN indicators i ON i.id = c.indicator_id
            LEFT JOIN observations o ON o.indicator_id = c.indicator_id AND o.region_code = c.region_code AND o.year = c.year
            """, logger)
        {
            let key = ObservationKey(
                indicatorId: try row.value("wanted_indicator"), regionCode: try row.value("wanted_region"),
                year: try row.value("wanted_year"))
            found[key] = (try row.value("indicator_key"), try row.value("id", as: Int64?.self) == nil ? nil : try Self.observation(row))
        }
        return found
    }

    /// An indicator's key in observations (its code, else its name), read from its JSON by PostgreSQL; SQL
    /// text of our own, never a value.
    static let indicatorKey = "COALESCE(i.indicator_json::jsonb ->> 'code', i.indicator_json::jsonb ->> 'name')"

    public func observation(id: Int64) async throws -> Observation? {
        try await read { connection in
            try await connection.rows(
                """
                SELECT o.*, \(unescaped: Self.indicatorKey) AS indicator_key
                FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE o.id = \(id)
                """, self.logger
            ).first.map(Self.observation)
        }
    }

    public func history(observationID: Int64) async throws -> [ObservationRevision] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM observation_revisions WHERE observation_id = \(observationID) ORDER BY version", self.logger
            ).map { row in
                ObservationRevision(
                    observationID: try row.value("observation_id"), version: try row.value("version"),
                    valueText: try row.value("value_text"),
                    status: Observation.Status(rawValue: try row.value("status")) ?? .draft,
                    comment: try row.value("comment"), explanation: try row.value("explanation"),
                    changedBy: try row.value("changed_by"),
                    changedAt: try row.value("changed_at"))
            }
        }
    }

    /// Rows carry the indicator's key (code, else name) extracted by PostgreSQL, not its whole JSON to decode.
    static func observation(_ row: PostgresRandomAccessRow) throws -> Observation {
        Observation(
            id: try row.value("id"), indicatorID: try row.value("indicator_id"), indicator: try row.value("indicator_key"),
            regionCode: try row.value("region_code"), year: try row.value("year"), valueText: try row.value("value_text"),
            unit: try row.value("unit"), evidence: try row.value("evidence"), explanation: try row.value("explanation"),
            status: Observation.Status(rawValue: try row.value("status")) ?? .draft, comment: try row.value("comment"),
            version: try row.value("version"), updatedBy: try row.value("updated_by"),
            updatedAt: try row.value("updated_at"), submittedBy: try row.value("submitted_by"))
    }

    // MARK: - Target revisions

    public func proposeRevision(_ revision: TargetRevision, at: String) async throws -> TargetRevision {
        try await write { connection in
            guard try await !connection.rows("SELECT 1 FROM indicators WHERE id = \(revision.indicatorID)", self.logger).isEmpty
            else { throw StoreError.notFound("indicator \(revision.indicatorID)") }
            guard !revision.newText.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StoreError.invalid(field: "newText", message: "请填写调整后的目标值")
            }
            guard !revision.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StoreError.invalid(field: "reason", message: "请写明调整理由")
            }
            var saved = revision
            saved.oldText = try await connection.rows(
                "SELECT target_text FROM targets WHERE indicator_id = \(revision.indicatorID) AND year = \(revision.year)",
                self.logger
            ).first.map { try $0.value("target_text") }
            saved.status = .proposed
            saved.proposedAt = at
            saved.id = try await connection.insertedID(
                """
                INSERT INTO target_revisions (indicator_id, year, old_text, new_text, reason, status, proposed_by,
                  proposed_at)
                VALUES (\(saved.indicatorID), \(saved.year), \(saved.oldText), \(saved.newText), \(saved.reason),
                  \(saved.status.rawValue), \(saved.proposedBy), \(at))
                RETURNING id
                """, self.logger)
            try await self.audit(
                connection, saved.proposedBy, "propose", "targetRevision", "\(saved.id!)", before: nil, after: saved, at: at)
            return saved
        }
    }

    public func decideRevision(id: Int64, approve: Bool, actor: String, at: String) async throws -> TargetRevision {
        try await write { connection in
            // FOR UPDATE: a second decision on the same revision waits for the first and then finds it decided.
            guard let row = try await connection.rows(
                "SELECT * FROM target_revisions WHERE id = \(id) FOR UPDATE", self.logger
            ).first
            else { throw StoreError.notFound("target revision \(id)") }
            let before = try Self.revision(row)
            guard before.status == .proposed else {
                throw StoreError.invalid(field: "status", message: "该目标调整已处理（\(before.status.rawValue)）")
            }
            var after = before
            after.status = approve ? .approved : .rejected
            after.decidedBy = actor
            after.decidedAt = at
            try await connection.run(
                """
                UPDATE target_revisions SET status = \(after.status.rawValue), decided_by = \(actor), decided_at = \(at)
                WHERE id = \(id)
                """, self.logger)
            if approve {
                // The only way a stored target changes.
                try await connection.run(
                    """
                    INSERT INTO targets (indicator_id, year, target_text) VALUES (\(after.indicatorID), \(after.year), \(after.newText))
                    ON CONFLICT (indicator_id, year) DO UPDATE SET target_text = excluded.target_text
                    """, self.logger)
            }
            try await self.audit(
                connection, actor, approve ? "approve" : "reject", "targetRevision", "\(id)", before: before, after: after,
                at: at)
            return after
        }
    }

    public func revisions(planID: Int64) async throws -> [TargetRevision] {
        try await read { connection in
            try await connection.rows(
                """
                SELECT r.* FROM target_revisions r JOIN indicators i ON i.id = r.indicator_id
                WHERE i.plan_id = \(planID) ORDER BY r.id
                """, self.logger
            ).map(Self.revision)
        }
    }

    static func revision(_ row: PostgresRandomAccessRow) throws -> TargetRevision {
        TargetRevision(
            id: try row.value("id"), indicatorID: try row.value("indicator_id"), year: try row.value("year"),
            oldText: try row.value("old_text"), newText: try row.value("new_text"), reason: try row.value("reason"),
            status: TargetRevision.Status(rawValue: try row.value("status")) ?? .proposed,
            proposedBy: try row.value("proposed_by"), proposedAt: try row.value("proposed_at"),
            decidedBy: try row.value("decided_by"), decidedAt: try row.value("decided_at"))
    }
}

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
        // here: the indicators and current values are read together, each change is one write, and the
        // history rows and audit entries of the whole batch are one statement at the end.
        try await write { connection in
            let stored = try await self.currentObservations(connection, of: changes)
            // What this batch has written so far: a later change of the same observation starts from it.
            var written: [ObservationKey: Observation] = [:]
            var saved: [Observation] = []
            var records = BatchRecords()
            for change in changes {
                let observation = ObservationKey(change)
                guard let (key, before) = stored[observation] else { throw StoreError.notFound("indicator \(change.indicatorID)") }
                let current = written[observation] ?? before
                var next = try change.applied(to: current, indicator: key, actor: actor, at: at)
                if let current, let id = current.id {
                    let updated = try await connection.rows(
                        """
                        UPDATE observations SET value_text = \(next.valueText), unit = \(next.unit),
                          evidence = \(next.evidence), status = \(next.status.rawValue), comment = \(next.comment),
                          version = \(next.version), updated_by = \(actor), updated_at = \(at)
                        WHERE id = \(id) AND version = \(current.version)
                        RETURNING id
                        """, self.logger)
                    guard updated.count == 1 else {
                        // Another writer committed since the read above: report the version it left.
                        let now = try await connection.rows(
                            "SELECT version FROM observations WHERE id = \(id)", self.logger
                        ).first.map { try $0.value("version", as: Int.self) }
                        throw StoreError.conflict(expected: current.version, current: now ?? current.version + 1)
                    }
                } else {
                    // Two first writes of one observation: the later INSERT meets the unique key (23505) once the
                    // earlier commits; `write` runs this batch again, which then reads the row and refuses the
                    // change as a conflict, as SQLite does.
                    next.id = try await connection.insertedID(
                        """
                        INSERT INTO observations (indicator_id, region_code, year, value_text, unit, evidence, status,
                          comment, version, updated_by, updated_at)
                        VALUES (\(change.indicatorID), \(change.regionCode), \(change.year), \(next.valueText),
                          \(next.unit), \(next.evidence), \(next.status.rawValue), \(next.comment), \(next.version),
                          \(actor), \(at))
                        RETURNING id
                        """, self.logger)
                }
                try records.add(next, replacing: current, action: change.action, actor: actor, at: at)
                written[observation] = next
                saved.append(next)
            }
            try await records.insert(connection, logger: self.logger)
            return saved
        }
    }

    /// Which observation a change is about (snake_case in JSON, as the query reads it).
    private struct ObservationKey: Hashable, Encodable {
        var indicatorId: Int64
        var regionCode: String
        var year: Int

        init(indicatorId: Int64, regionCode: String, year: Int) {
            (self.indicatorId, self.regionCode, self.year) = (indicatorId, regionCode, year)
        }

        init(_ change: ObservationChange) {
            self.init(indicatorId: change.indicatorID, regionCode: change.regionCode, year: change.year)
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
            FROM jsonb_to_recordset(\(try BatchRecords.json(wanted))::jsonb) AS c(indicator_id bigint, region_code text, year bigint)
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

    public func history(observationID: Int64) async throws -> [ObservationRevision] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM observation_revisions WHERE observation_id = \(observationID) ORDER BY version", self.logger
            ).map { row in
                ObservationRevision(
                    observationID: try row.value("observation_id"), version: try row.value("version"),
                    valueText: try row.value("value_text"),
                    status: Observation.Status(rawValue: try row.value("status")) ?? .draft,
                    comment: try row.value("comment"), changedBy: try row.value("changed_by"),
                    changedAt: try row.value("changed_at"))
            }
        }
    }

    /// Rows carry the indicator's key (code, else name) extracted by PostgreSQL, not its whole JSON to decode.
    static func observation(_ row: PostgresRandomAccessRow) throws -> Observation {
        Observation(
            id: try row.value("id"), indicatorID: try row.value("indicator_id"), indicator: try row.value("indicator_key"),
            regionCode: try row.value("region_code"), year: try row.value("year"), valueText: try row.value("value_text"),
            unit: try row.value("unit"), evidence: try row.value("evidence"),
            status: Observation.Status(rawValue: try row.value("status")) ?? .draft, comment: try row.value("comment"),
            version: try row.value("version"), updatedBy: try row.value("updated_by"),
            updatedAt: try row.value("updated_at"))
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

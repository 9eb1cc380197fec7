import Foundation
import GRDB
import PlanCore

extension SQLitePlanRepository {
    public func observations(planID: Int64, year: Int?, regionCode: String?) async throws -> [Observation] {
        try await pool.read { db in
            var sql = """
                SELECT o.*, \(Self.indicatorKey) AS indicator_key
                  FROM observations o JOIN indicators i ON i.id = o.indicator_id
                WHERE i.plan_id = ?
                """
            var arguments: StatementArguments = [planID]
            if let year {
                sql += " AND o.year = ?"
                arguments += [year]
            }
            if let regionCode {
                sql += " AND o.region_code = ?"
                arguments += [regionCode]
            }
            sql += " ORDER BY i.table_index, i.position, o.region_code, o.year"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.observation)
        }
    }

    /// Committed with the batches that wait at the same time (`SQLiteGroupCommit`), all or nothing of its own.
    public func apply(_ changes: [ObservationChange], actor: String, at: String) async throws -> [Observation] {
        try await groupCommit.commit(.init(changes: changes, actor: actor, at: at))
    }

    /// One batch, inside a write transaction: its savepoint is rolled back when any change throws. The same
    /// few statements run for every change: each is prepared once per connection (compiling them was a fifth
    /// of a batch).
    static func write(_ db: Database, _ batch: SQLiteGroupCommit.Batch) throws -> [Observation] {
        let (actor, at) = (batch.actor, batch.at)
        return try batch.changes.map { change in
            guard let key = try String.fetchOne(
                db.cachedStatement(sql: "SELECT \(Self.indicatorKey) FROM indicators i WHERE id = ?"), arguments: [change.indicatorID])
            else { throw StoreError.notFound("indicator \(change.indicatorID)") }
            let current = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                    SELECT o.*, \(Self.indicatorKey) AS indicator_key
                    FROM observations o JOIN indicators i ON i.id = o.indicator_id
                    WHERE o.indicator_id = ? AND o.region_code = ? AND o.year = ?
                    """),
                arguments: [change.indicatorID, change.regionCode, change.year]
            ).map(Self.observation)
            var next = try change.applied(
                to: current, indicator: key, actor: actor, at: at)
            if let current, let id = current.id {
                try db.cachedStatement(
                    sql: """
                        UPDATE observations SET value_text = ?, unit = ?, evidence = ?, explanation = ?, status = ?,
                          comment = ?, version = ?, updated_by = ?, updated_at = ?, submitted_by = ?
                        WHERE id = ? AND version = ?
                        """
                ).execute(
                    arguments: [
                        next.valueText, next.unit, next.evidence, next.explanation, next.status.rawValue, next.comment,
                        next.version, actor, at, next.submittedBy, id, current.version,
                    ])
                guard db.changesCount == 1 else { throw StoreError.conflict(expected: current.version, current: current.version + 1) }
            } else {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO observations (indicator_id, region_code, year, value_text, unit, evidence,
                          explanation, status, comment, version, updated_by, updated_at, submitted_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(
                    arguments: [
                        change.indicatorID, change.regionCode, change.year, next.valueText, next.unit, next.evidence,
                        next.explanation, next.status.rawValue, next.comment, next.version, actor, at, next.submittedBy,
                    ])
                next.id = db.lastInsertedRowID
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO observation_revisions (observation_id, version, value_text, status, comment,
                      explanation, changed_by, changed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                next.id, next.version, next.valueText, next.status.rawValue, next.comment, next.explanation, actor, at,
            ])
            try Self.audit(
                db, actor, change.action.rawValue, "observation", "\(next.id!)", beforeJSON: current?.storeJSON,
                afterJSON: next.storeJSON, at: at)
            return next
        }
    }

    public func observation(id: Int64) async throws -> Observation? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT o.*, \(Self.indicatorKey) AS indicator_key
                    FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE o.id = ?
                    """, arguments: [id]
            ).map(Self.observation)
        }
    }

    public func history(observationID: Int64) async throws -> [ObservationRevision] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM observation_revisions WHERE observation_id = ? ORDER BY version",
                arguments: [observationID]
            ).map {
                ObservationRevision(
                    observationID: $0["observation_id"], version: $0["version"], valueText: $0["value_text"],
                    status: Observation.Status(rawValue: $0["status"]) ?? .draft, comment: $0["comment"],
                    explanation: $0["explanation"], changedBy: $0["changed_by"], changedAt: $0["changed_at"])
            }
        }
    }

    /// An indicator's key in observations (its code, else its name), read from its JSON by SQLite: decoding the
    /// whole indicator per observation row took most of a dashboard request's time.
    static let indicatorKey = "COALESCE(json_extract(i.indicator_json, '$.code'), json_extract(i.indicator_json, '$.name'))"

    static func observation(_ row: Row) throws -> Observation {
        Observation(
            id: row["id"], indicatorID: row["indicator_id"], indicator: row["indicator_key"],
            regionCode: row["region_code"], year: row["year"], valueText: row["value_text"], unit: row["unit"],
            evidence: row["evidence"], explanation: row["explanation"], status: Observation.Status(rawValue: row["status"]) ?? .draft,
            comment: row["comment"], version: row["version"], updatedBy: row["updated_by"], updatedAt: row["updated_at"],
            submittedBy: row["submitted_by"])
    }

    // MARK: - Target revisions

    public func proposeRevision(_ revision: TargetRevision, at: String) async throws -> TargetRevision {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM indicators WHERE id = ?", arguments: [revision.indicatorID]) == true
            else { throw StoreError.notFound("indicator \(revision.indicatorID)") }
            guard !revision.newText.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StoreError.invalid(field: "newText", message: "请填写调整后的目标值")
            }
            guard !revision.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw StoreError.invalid(field: "reason", message: "请写明调整理由")
            }
            var saved = revision
            saved.oldText = try String.fetchOne(
                db, sql: "SELECT target_text FROM targets WHERE indicator_id = ? AND year = ?",
                arguments: [revision.indicatorID, revision.year])
            saved.status = .proposed
            saved.proposedAt = at
            try db.execute(
                sql: """
                    INSERT INTO target_revisions (indicator_id, year, old_text, new_text, reason, status, proposed_by,
                      proposed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    saved.indicatorID, saved.year, saved.oldText, saved.newText, saved.reason, saved.status.rawValue,
                    saved.proposedBy, at,
                ])
            saved.id = db.lastInsertedRowID
            try Self.audit(db, saved.proposedBy, "propose", "targetRevision", "\(saved.id!)", before: nil, after: saved, at: at)
            return saved
        }
    }

    public func decideRevision(id: Int64, approve: Bool, actor: String, at: String) async throws -> TargetRevision {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM target_revisions WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("target revision \(id)")
            }
            let before = Self.revision(row)
            guard before.status == .proposed else {
                throw StoreError.invalid(field: "status", message: "该目标调整已处理（\(before.status.rawValue)）")
            }
            var after = before
            after.status = approve ? .approved : .rejected
            after.decidedBy = actor
            after.decidedAt = at
            try db.execute(
                sql: "UPDATE target_revisions SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                arguments: [after.status.rawValue, actor, at, id])
            if approve {
                // The only way a stored target changes.
                try db.execute(
                    sql: """
                        INSERT INTO targets (indicator_id, year, target_text) VALUES (?, ?, ?)
                        ON CONFLICT (indicator_id, year) DO UPDATE SET target_text = excluded.target_text
                        """,
                    arguments: [after.indicatorID, after.year, after.newText])
            }
            try Self.audit(db, actor, approve ? "approve" : "reject", "targetRevision", "\(id)", before: before, after: after, at: at)
            return after
        }
    }

    public func revisions(planID: Int64) async throws -> [TargetRevision] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.* FROM target_revisions r JOIN indicators i ON i.id = r.indicator_id
                    WHERE i.plan_id = ? ORDER BY r.id
                    """, arguments: [planID]
            ).map(Self.revision)
        }
    }

    static func revision(_ row: Row) -> TargetRevision {
        TargetRevision(
            id: row["id"], indicatorID: row["indicator_id"], year: row["year"], oldText: row["old_text"],
            newText: row["new_text"], reason: row["reason"], status: TargetRevision.Status(rawValue: row["status"]) ?? .proposed,
            proposedBy: row["proposed_by"], proposedAt: row["proposed_at"], decidedBy: row["decided_by"],
            decidedAt: row["decided_at"])
    }
}

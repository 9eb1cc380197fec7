import GRDB
import PlanCore

extension SQLitePlanRepository {
    public func saveTaskProgress(_ progress: TaskProgress, expectedVersion: Int?, actor: String, at: String) async throws
        -> TaskProgress
    {
        try await pool.write { db in
            guard let planJSON = try String.fetchOne(
                db, sql: "SELECT plan_json FROM plans WHERE id = ?", arguments: [progress.planID])
            else { throw StoreError.notFound("plan \(progress.planID)") }
            let current = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM task_progress
                    WHERE plan_id = ? AND action_index = ? AND task_index = ? AND region_code = ? AND year = ?
                    """,
                arguments: [progress.planID, progress.actionIndex, progress.taskIndex, progress.regionCode, progress.year]
            ).map(Self.taskProgress)
            var next = try progress.saved(
                over: current, expectedVersion: expectedVersion, plan: try StoreJSON.decode(Plan.self, from: planJSON),
                actor: actor, at: at)
            if let id = current?.id {
                try db.execute(
                    sql: """
                        UPDATE task_progress SET status = ?, note = ?, version = ?, updated_by = ?, updated_at = ?
                        WHERE id = ? AND version = ?
                        """,
                    arguments: [next.status.rawValue, next.note, next.version, actor, at, id, next.version - 1])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO task_progress (plan_id, action_index, task_index, region_code, year, status, note,
                          version, updated_by, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        next.planID, next.actionIndex, next.taskIndex, next.regionCode, next.year, next.status.rawValue,
                        next.note, next.version, actor, at,
                    ])
                next.id = db.lastInsertedRowID
            }
            try Self.audit(db, actor, "save", "taskProgress", "\(next.id!)", before: current, after: next, at: at)
            return next
        }
    }

    public func taskProgress(planID: Int64, year: Int?, regionCode: String?) async throws -> [TaskProgress] {
        try await pool.read { db in
            var sql = "SELECT * FROM task_progress WHERE plan_id = ?"
            var arguments: StatementArguments = [planID]
            if let year {
                sql += " AND year = ?"
                arguments += [year]
            }
            if let regionCode {
                sql += " AND region_code = ?"
                arguments += [regionCode]
            }
            sql += " ORDER BY action_index, task_index, region_code, year"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.taskProgress)
        }
    }

    static func taskProgress(_ row: Row) -> TaskProgress {
        TaskProgress(
            id: row["id"], planID: row["plan_id"], actionIndex: row["action_index"], taskIndex: row["task_index"],
            regionCode: row["region_code"], year: row["year"],
            status: TaskProgress.Status(rawValue: row["status"]) ?? .notStarted, note: row["note"],
            version: row["version"], updatedBy: row["updated_by"], updatedAt: row["updated_at"])
    }
}

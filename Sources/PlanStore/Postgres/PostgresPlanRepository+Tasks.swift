import PlanCore
import PostgresNIO

extension PostgresPlanRepository {
    public func saveTaskProgress(_ progress: TaskProgress, expectedVersion: Int?, actor: String, at: String) async throws
        -> TaskProgress
    {
        try await write { connection in
            guard
                let planRow = try await connection.rows(
                    "SELECT plan_json FROM plans WHERE id = \(progress.planID)", self.logger
                ).first
            else { throw StoreError.notFound("plan \(progress.planID)") }
            let current = try await connection.rows(
                """
                SELECT * FROM task_progress
                WHERE plan_id = \(progress.planID) AND action_index = \(progress.actionIndex)
                  AND task_index = \(progress.taskIndex) AND region_code = \(progress.regionCode) AND year = \(progress.year)
                """, self.logger
            ).first.map(Self.taskProgress)
            var next = try progress.saved(
                over: current, expectedVersion: expectedVersion,
                plan: try StoreJSON.decode(Plan.self, from: planRow.value("plan_json")), actor: actor, at: at)
            if let id = current?.id {
                // The version check again in the UPDATE: a concurrent writer may have committed since the SELECT.
                let updated = try await connection.rows(
                    """
                    UPDATE task_progress SET status = \(next.status.rawValue), note = \(next.note), version = \(next.version),
                      updated_by = \(actor), updated_at = \(at)
                    WHERE id = \(id) AND version = \(next.version - 1) RETURNING id
                    """, self.logger)
                guard updated.count == 1 else { throw StoreError.conflict(expected: next.version - 1, current: next.version) }
            } else {
                next.id = try await connection.insertedID(
                    """
                    INSERT INTO task_progress (plan_id, action_index, task_index, region_code, year, status, note, version,
                      updated_by, updated_at)
                    VALUES (\(next.planID), \(next.actionIndex), \(next.taskIndex), \(next.regionCode), \(next.year),
                      \(next.status.rawValue), \(next.note), \(next.version), \(actor), \(at))
                    RETURNING id
                    """, self.logger)
            }
            try await self.audit(connection, actor, "save", "taskProgress", "\(next.id!)", before: current, after: next, at: at)
            return next
        }
    }

    public func taskProgress(planID: Int64, year: Int?, regionCode: String?) async throws -> [TaskProgress] {
        try await read { connection in
            // NULL filters match everything: one statement instead of four.
            try await connection.rows(
                """
                SELECT * FROM task_progress
                WHERE plan_id = \(planID) AND (\(year)::BIGINT IS NULL OR year = \(year))
                  AND (\(regionCode)::TEXT IS NULL OR region_code = \(regionCode))
                ORDER BY action_index, task_index, region_code COLLATE "C", year
                """, self.logger
            ).map(Self.taskProgress)
        }
    }

    static func taskProgress(_ row: PostgresRandomAccessRow) throws -> TaskProgress {
        TaskProgress(
            id: try row.value("id"), planID: try row.value("plan_id"), actionIndex: try row.value("action_index"),
            taskIndex: try row.value("task_index"), regionCode: try row.value("region_code"), year: try row.value("year"),
            status: TaskProgress.Status(rawValue: try row.value("status")) ?? .notStarted, note: try row.value("note"),
            version: try row.value("version"), updatedBy: try row.value("updated_by"),
            updatedAt: try row.value("updated_at"))
    }
}

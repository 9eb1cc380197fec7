import Foundation
import PlanCore
import PostgresNIO

extension PostgresPlanRepository {
    public func createPlan(_ plan: Plan, source: SourceDocument?, actor: String, at: String) async throws -> Int64 {
        try await write { connection in
            let planID = try await connection.insertedID(
                """
                INSERT INTO plans (title, region, period_start, period_end, status, plan_json, source_name,
                  source_document, created_at)
                VALUES (\(plan.title), \(plan.region), \(plan.period?.start), \(plan.period?.end),
                  \(PlanStatus.draft.rawValue), \(try StoreJSON.encode(plan)), \(source?.name), \(source?.data), \(at))
                RETURNING id
                """, self.logger)
            for (t, table) in plan.indicatorTables.enumerated() {
                for (position, indicator) in table.indicators.enumerated() {
                    let indicatorID = try await connection.insertedID(
                        """
                        INSERT INTO indicators (plan_id, table_index, position, indicator_json)
                        VALUES (\(planID), \(t), \(position), \(try StoreJSON.encode(indicator))) RETURNING id
                        """, self.logger)
                    for (year, text) in indicator.datedTargets {
                        try await connection.run(
                            "INSERT INTO targets (indicator_id, year, target_text) VALUES (\(indicatorID), \(year), \(text))",
                            self.logger)
                    }
                }
            }
            try await self.audit(connection, actor, "create", "plan", "\(planID)", before: nil, after: PlanAuditView(plan), at: at)
            return planID
        }
    }

    public func setPlanStatus(id: Int64, to status: PlanStatus, actor: String, at: String) async throws {
        try await write { connection in
            // FOR UPDATE: a concurrent change of status waits, so the audit's "before" is what this one replaced.
            guard let row = try await connection.rows("SELECT status FROM plans WHERE id = \(id) FOR UPDATE", self.logger).first
            else { throw StoreError.notFound("plan \(id)") }
            let before: String = try row.value("status")
            try await connection.run("UPDATE plans SET status = \(status.rawValue) WHERE id = \(id)", self.logger)
            try await self.audit(connection, actor, "status", "plan", "\(id)", before: before, after: status.rawValue, at: at)
        }
    }

    public func planSummaries() async throws -> [PlanSummary] {
        try await read { connection in
            try await connection.rows(
                "SELECT id, title, region, period_start, period_end, status FROM plans ORDER BY id", self.logger
            ).map { row in
                let start: Int? = try row.value("period_start")
                let end: Int? = try row.value("period_end")
                return PlanSummary(
                    id: try row.value("id"), title: try row.value("title"), region: try row.value("region"),
                    period: start.flatMap { s in end.map { Period(start: s, end: $0) } },
                    status: PlanStatus(rawValue: try row.value("status")) ?? .draft)
            }
        }
    }

    public func plan(id: Int64) async throws -> Plan? {
        try await snapshot { connection in
            guard let row = try await connection.rows("SELECT plan_json FROM plans WHERE id = \(id)", self.logger).first
            else { return nil }
            return try StoreJSON.decode(Plan.self, from: row.value("plan_json"))
                .withCurrentIndicators(try await self.indicators(connection, planID: id))
        }
    }

    public func indicators(planID: Int64) async throws -> [StoredIndicator] {
        try await snapshot { connection in try await self.indicators(connection, planID: planID) }
    }

    public func indicators(ids: [Int64]) async throws -> [StoredIndicator] {
        try await snapshot { connection in
            var targets: [Int64: [Target]] = [:]
            for row in try await connection.rows(
                "SELECT indicator_id, year, target_text FROM targets WHERE indicator_id = ANY(\(ids)) ORDER BY year", self.logger)
            {
                targets[try row.value("indicator_id"), default: []].append(
                    Target(year: try row.value("year"), text: try row.value("target_text")))
            }
            return try await connection.rows(
                "SELECT id, plan_id, indicator_json FROM indicators WHERE id = ANY(\(ids)) ORDER BY id", self.logger
            ).map { row in
                let id: Int64 = try row.value("id")
                let stored = try StoreJSON.decode(StoredIndicatorJSON.self, from: row.value("indicator_json"))
                return StoredIndicator(
                    id: id, planID: try row.value("plan_id"), indicator: stored.indicator(datedTargets: targets[id]))
            }
        }
    }

    /// Indicators in document order, with their current targets.
    func indicators(_ connection: PostgresConnection, planID: Int64) async throws -> [StoredIndicator] {
        let rows = try await connection.rows(
            "SELECT id, indicator_json FROM indicators WHERE plan_id = \(planID) ORDER BY table_index, position",
            logger)
        var targets: [Int64: [Target]] = [:]
        for row in try await connection.rows(
            """
            SELECT t.indicator_id, t.year, t.target_text FROM targets t JOIN indicators i ON i.id = t.indicator_id
            WHERE i.plan_id = \(planID) ORDER BY t.year
            """, logger)
        {
            targets[try row.value("indicator_id"), default: []].append(
                Target(year: try row.value("year"), text: try row.value("target_text")))
        }
        return try rows.map { row in
            let id: Int64 = try row.value("id")
            let stored = try StoreJSON.decode(StoredIndicatorJSON.self, from: row.value("indicator_json"))
            return StoredIndicator(id: id, planID: planID, indicator: stored.indicator(datedTargets: targets[id]))
        }
    }

    public func openCycle(_ cycle: ReportingCycle, actor: String, at: String) async throws -> ReportingCycle {
        try await write { connection in
            guard try await !connection.rows("SELECT 1 FROM plans WHERE id = \(cycle.planID)", self.logger).isEmpty else {
                throw StoreError.notFound("plan \(cycle.planID)")
            }
            guard cycle.opens <= cycle.deadline else {
                throw StoreError.invalid(field: "deadline", message: "截止日期不能早于开始日期")
            }
            var saved = cycle
            saved.id = try await connection.insertedID(
                """
                INSERT INTO reporting_cycles (plan_id, year, opens, deadline)
                VALUES (\(cycle.planID), \(cycle.year), \(cycle.opens), \(cycle.deadline))
                ON CONFLICT (plan_id, year) DO UPDATE SET opens = excluded.opens, deadline = excluded.deadline
                RETURNING id
                """, self.logger)
            try await self.audit(connection, actor, "open", "cycle", "\(saved.id ?? 0)", before: nil, after: saved, at: at)
            return saved
        }
    }

    public func cycles(planID: Int64) async throws -> [ReportingCycle] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM reporting_cycles WHERE plan_id = \(planID) ORDER BY year", self.logger
            ).map { row in
                ReportingCycle(
                    id: try row.value("id"), planID: try row.value("plan_id"), year: try row.value("year"),
                    opens: try row.value("opens"), deadline: try row.value("deadline"))
            }
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await read { connection in
            // A negative limit means none, as in SQLite (PostgreSQL refuses one; LIMIT NULL is no limit).
            let limit = limit < 0 ? nil : limit
            return try await connection.rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT \(limit)", self.logger).map { row in
                AuditEntry(
                    actor: try row.value("actor"), action: try row.value("action"), entity: try row.value("entity"),
                    entityID: try row.value("entity_id"), before: try row.value("before_json"),
                    after: try row.value("after_json"), at: try row.value("at"))
            }
        }
    }

    /// Kept in memory while this instance hears every commit (`PostgresChangeFeed`). Otherwise the snapshot
    /// (oldest running transaction, next transaction id, those in progress), which changes whenever any write
    /// transaction starts or ends. The newest audit entry would not do: transactions on several connections
    /// commit in any order, so a later entry can be visible before an earlier one.
    public func changeStamp() async throws -> String {
        if let stamp = changeFeed.stamp { return stamp }
        return try await read { connection in
            let rows = try await connection.rows("SELECT pg_current_snapshot()::text AS snapshot", self.logger)
            return try rows.first?.value("snapshot") ?? ""
        }
    }
}

extension PostgresPlanRepository {
    public func sourceDocument(planID: Int64) async throws -> SourceDocument? {
        try await read { connection in
            guard let row = try await connection.rows(
                "SELECT source_name, source_document FROM plans WHERE id = \(planID)", self.logger
            ).first,
                let name: String = try row.value("source_name"), let data: Data = try row.value("source_document")
            else { return nil }
            return SourceDocument(name: name, data: data)
        }
    }

    public func editDraftIndicator(id: Int64, _ indicator: Indicator, actor: String, at: String) async throws {
        try await write { connection in
            // FOR UPDATE on the plan too: publishing waits until the edit is in, or the edit sees "published".
            guard let row = try await connection.rows(
                """
                SELECT i.indicator_json, p.status FROM indicators i JOIN plans p ON p.id = i.plan_id
                WHERE i.id = \(id) FOR UPDATE
                """, self.logger
            ).first
            else { throw StoreError.notFound("indicator \(id)") }
            try Indicator.checkDraftEdit(planStatus: try row.value("status"))
            let before = try StoreJSON.decode(Indicator.self, from: try row.value("indicator_json"))
            try await connection.run(
                "UPDATE indicators SET indicator_json = \(try StoreJSON.encode(indicator)) WHERE id = \(id)", self.logger)
            try await connection.run("DELETE FROM targets WHERE indicator_id = \(id)", self.logger)
            for (year, text) in indicator.datedTargets {
                try await connection.run(
                    "INSERT INTO targets (indicator_id, year, target_text) VALUES (\(id), \(year), \(text))", self.logger)
            }
            try await self.audit(connection, actor, "edit", "indicator", "\(id)", before: before, after: indicator, at: at)
        }
    }

    public func setPlausibleRange(indicatorID id: Int64, _ range: PlausibleRange?, actor: String, at: String) async throws {
        try await write { connection in
            guard let row = try await connection.rows("SELECT indicator_json FROM indicators WHERE id = \(id) FOR UPDATE", self.logger).first
            else { throw StoreError.notFound("indicator \(id)") }
            var indicator = try StoreJSON.decode(Indicator.self, from: try row.value("indicator_json"))
            let before = indicator.plausibleRange
            indicator.plausibleRange = range
            try await connection.run(
                "UPDATE indicators SET indicator_json = \(try StoreJSON.encode(indicator)) WHERE id = \(id)", self.logger)
            try await self.audit(connection, actor, "setRange", "indicator", "\(id)", before: before, after: range, at: at)
        }
    }

    public func editDraftPlan(id: Int64, _ heading: PlanHeading, actor: String, at: String) async throws {
        try await write { connection in
            guard let row = try await connection.rows("SELECT plan_json, status FROM plans WHERE id = \(id) FOR UPDATE", self.logger).first
            else { throw StoreError.notFound("plan \(id)") }
            try Indicator.checkDraftEdit(planStatus: try row.value("status"))
            let before = try StoreJSON.decode(Plan.self, from: try row.value("plan_json"))
            let after = before.with(heading)
            try await connection.run(
                """
                UPDATE plans SET title = \(after.title), region = \(after.region), period_start = \(after.period?.start),
                  period_end = \(after.period?.end), plan_json = \(try StoreJSON.encode(after)) WHERE id = \(id)
                """, self.logger)
            try await self.audit(connection, actor, "edit", "plan", "\(id)", before: PlanHeading(before), after: heading, at: at)
        }
    }
}

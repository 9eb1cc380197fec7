import Foundation
import GRDB
import PlanCore

extension SQLitePlanRepository {
    public func createPlan(_ plan: Plan, source: SourceDocument?, actor: String, at: String) async throws -> Int64 {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO plans (title, region, period_start, period_end, status, plan_json, source_name,
                      source_document, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    plan.title, plan.region, plan.period?.start, plan.period?.end, PlanStatus.draft.rawValue,
                    try StoreJSON.encode(plan), source?.name, source?.data, at,
                ])
            let planID = db.lastInsertedRowID
            for (t, table) in plan.indicatorTables.enumerated() {
                for (position, indicator) in table.indicators.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO indicators (plan_id, table_index, position, indicator_json) VALUES (?, ?, ?, ?)",
                        arguments: [planID, t, position, try StoreJSON.encode(indicator)])
                    let indicatorID = db.lastInsertedRowID
                    for (year, text) in indicator.datedTargets {
                        try db.execute(
                            sql: "INSERT INTO targets (indicator_id, year, target_text) VALUES (?, ?, ?)",
                            arguments: [indicatorID, year, text])
                    }
                }
            }
            try Self.audit(db, actor, "create", "plan", "\(planID)", before: nil, after: PlanAuditView(plan), at: at)
            return planID
        }
    }

    public func setPlanStatus(id: Int64, to status: PlanStatus, actor: String, at: String) async throws {
        try await pool.write { db in
            guard let before = try String.fetchOne(db, sql: "SELECT status FROM plans WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("plan \(id)")
            }
            try db.execute(sql: "UPDATE plans SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            try Self.audit(db, actor, "status", "plan", "\(id)", before: before, after: status.rawValue, at: at)
        }
    }

    public func planSummaries() async throws -> [PlanSummary] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, title, region, period_start, period_end, status FROM plans ORDER BY id").map {
                row in
                let start: Int? = row["period_start"]
                let end: Int? = row["period_end"]
                return PlanSummary(
                    id: row["id"], title: row["title"], region: row["region"],
                    period: start.flatMap { s in end.map { Period(start: s, end: $0) } },
                    status: PlanStatus(rawValue: row["status"]) ?? .draft)
            }
        }
    }

    public func plan(id: Int64) async throws -> Plan? {
        try await pool.read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT plan_json FROM plans WHERE id = ?", arguments: [id]) else {
                return nil
            }
            return try StoreJSON.decode(Plan.self, from: json).withCurrentIndicators(try Self.indicators(db, planID: id))
        }
    }

    public func indicators(planID: Int64) async throws -> [StoredIndicator] {
        try await pool.read { db in try Self.indicators(db, planID: planID) }
    }

    public func indicators(ids: [Int64]) async throws -> [StoredIndicator] {
        // The ids as one JSON array argument: one prepared statement serves any number of them.
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        return try await pool.read { db in
            var targets: [Int64: [Target]] = [:]
            for row in try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT indicator_id, year, target_text FROM targets WHERE indicator_id IN (SELECT value FROM json_each(?)) ORDER BY year"),
                arguments: [list])
            {
                targets[row["indicator_id"], default: []].append(Target(year: row["year"], text: row["target_text"]))
            }
            return try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT id, plan_id, indicator_json FROM indicators WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id"),
                arguments: [list]
            ).map { row in
                let id: Int64 = row["id"]
                let stored = try StoreJSON.decode(StoredIndicatorJSON.self, from: row["indicator_json"])
                return StoredIndicator(id: id, planID: row["plan_id"], indicator: stored.indicator(datedTargets: targets[id]))
            }
        }
    }

    /// Indicators in document order, with their current targets.
    static func indicators(_ db: Database, planID: Int64) throws -> [StoredIndicator] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, indicator_json FROM indicators WHERE plan_id = ? ORDER BY table_index, position",
            arguments: [planID])
        var targets: [Int64: [Target]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT t.indicator_id, t.year, t.target_text FROM targets t JOIN indicators i ON i.id = t.indicator_id
                WHERE i.plan_id = ? ORDER BY t.year
                """, arguments: [planID])
        {
            targets[row["indicator_id"], default: []].append(Target(year: row["year"], text: row["target_text"]))
        }
        return try rows.map { row in
            let id: Int64 = row["id"]
            let stored = try StoreJSON.decode(StoredIndicatorJSON.self, from: row["indicator_json"])
            return StoredIndicator(id: id, planID: planID, indicator: stored.indicator(datedTargets: targets[id]))
        }
    }

    public func openCycle(_ cycle: ReportingCycle, actor: String, at: String) async throws -> ReportingCycle {
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plans WHERE id = ?", arguments: [cycle.planID]) == true else {
                throw StoreError.notFound("plan \(cycle.planID)")
            }
            guard cycle.opens <= cycle.deadline else {
                throw StoreError.invalid(field: "deadline", message: "截止日期不能早于开始日期")
            }
            try db.execute(
                sql: """
                    INSERT INTO reporting_cycles (plan_id, year, opens, deadline) VALUES (?, ?, ?, ?)
                    ON CONFLICT (plan_id, year) DO UPDATE SET opens = excluded.opens, deadline = excluded.deadline
                    """,
                arguments: [cycle.planID, cycle.year, cycle.opens, cycle.deadline])
            var saved = cycle
            saved.id = try Int64.fetchOne(
                db, sql: "SELECT id FROM reporting_cycles WHERE plan_id = ? AND year = ?", arguments: [cycle.planID, cycle.year])
            try Self.audit(db, actor, "open", "cycle", "\(saved.id ?? 0)", before: nil, after: saved, at: at)
            return saved
        }
    }

    public func cycles(planID: Int64) async throws -> [ReportingCycle] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reporting_cycles WHERE plan_id = ? ORDER BY year", arguments: [planID]).map {
                ReportingCycle(id: $0["id"], planID: $0["plan_id"], year: $0["year"], opens: $0["opens"], deadline: $0["deadline"])
            }
        }
    }

    /// Writes one audit entry in the caller's transaction.
    static func audit(
        _ db: Database, _ actor: String, _ action: String, _ entity: String, _ entityID: String,
        before: (any Encodable)?, after: (any Encodable)?, at: String
    ) throws {
        try audit(
            db, actor, action, entity, entityID, beforeJSON: try before.map { try StoreJSON.encode($0) },
            afterJSON: try after.map { try StoreJSON.encode($0) }, at: at)
    }

    /// Writes one audit entry, its values already in `StoreJSON`'s text, in the caller's transaction.
    static func audit(
        _ db: Database, _ actor: String, _ action: String, _ entity: String, _ entityID: String,
        beforeJSON: String?, afterJSON: String?, at: String
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_log (actor, action, entity, entity_id, before_json, after_json, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [actor, action, entity, entityID, beforeJSON, afterJSON, at])
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                AuditEntry(
                    actor: $0["actor"], action: $0["action"], entity: $0["entity"], entityID: $0["entity_id"],
                    before: $0["before_json"], after: $0["after_json"], at: $0["at"])
            }
        }
    }

    /// SQLite's data version, which moves with every commit by any connection, of this process or another
    /// (a restore included). Reads and refused writes leave it as it is.
    public func changeStamp() async throws -> String {
        String(try dataVersion.firstInteger())
    }
}

/// What the audit log keeps of a new plan: its heading and size, not the whole document again.
struct PlanAuditView: Encodable {
    var title: String
    var period: Period?
    var indicators: Int

    init(_ plan: Plan) {
        title = plan.title
        period = plan.period
        indicators = plan.indicatorTables.map(\.indicators.count).reduce(0, +)
    }
}

extension SQLitePlanRepository {
    public func sourceDocument(planID: Int64) async throws -> SourceDocument? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT source_name, source_document FROM plans WHERE id = ?", arguments: [planID]),
                let name: String = row["source_name"], let data: Data = row["source_document"]
            else { return nil }
            return SourceDocument(name: name, data: data)
        }
    }

    public func editDraftIndicator(id: Int64, _ indicator: Indicator, actor: String, at: String) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT i.indicator_json, p.status FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE i.id = ?",
                arguments: [id])
            else { throw StoreError.notFound("indicator \(id)") }
            let status: String = row["status"]
            try Indicator.checkDraftEdit(planStatus: status)
            let before = try StoreJSON.decode(Indicator.self, from: row["indicator_json"])
            try db.execute(sql: "UPDATE indicators SET indicator_json = ? WHERE id = ?", arguments: [try StoreJSON.encode(indicator), id])
            try db.execute(sql: "DELETE FROM targets WHERE indicator_id = ?", arguments: [id])
            for (year, text) in indicator.datedTargets {
                try db.execute(
                    sql: "INSERT INTO targets (indicator_id, year, target_text) VALUES (?, ?, ?)", arguments: [id, year, text])
            }
            try Self.audit(db, actor, "edit", "indicator", "\(id)", before: before, after: indicator, at: at)
        }
    }

    public func setPlausibleRange(indicatorID id: Int64, _ range: PlausibleRange?, actor: String, at: String) async throws {
        try await pool.write { db in
            guard let json = try String.fetchOne(db, sql: "SELECT indicator_json FROM indicators WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("indicator \(id)")
            }
            var indicator = try StoreJSON.decode(Indicator.self, from: json)
            let before = indicator.plausibleRange
            indicator.plausibleRange = range
            try db.execute(sql: "UPDATE indicators SET indicator_json = ? WHERE id = ?", arguments: [try StoreJSON.encode(indicator), id])
            try Self.audit(db, actor, "setRange", "indicator", "\(id)", before: before, after: range, at: at)
        }
    }

    public func editDraftPlan(id: Int64, _ heading: PlanHeading, actor: String, at: String) async throws {
        try await pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT plan_json, status FROM plans WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("plan \(id)")
            }
            try Indicator.checkDraftEdit(planStatus: row["status"])
            let before = try StoreJSON.decode(Plan.self, from: row["plan_json"])
            let after = before.with(heading)
            try db.execute(
                sql: "UPDATE plans SET title = ?, region = ?, period_start = ?, period_end = ?, plan_json = ? WHERE id = ?",
                arguments: [after.title, after.region, after.period?.start, after.period?.end, try StoreJSON.encode(after), id])
            try Self.audit(db, actor, "edit", "plan", "\(id)", before: PlanHeading(before), after: heading, at: at)
        }
    }
}

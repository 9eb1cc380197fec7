import Foundation
import GRDB
import PlanCore

extension SQLitePlanRepository {
    public func saveScoringScheme(_ scheme: ScoringScheme, planID: Int64, actor: String, at: String) async throws -> ScoringScheme {
        let scheme = try scheme.validated()
        return try await pool.write { db in
            var scheme = scheme
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plans WHERE id = ?", arguments: [planID]) != nil else {
                throw StoreError.notFound("plan \(planID)")
            }
            let latest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM scoring_schemes WHERE plan_id = ?", arguments: [planID])
            scheme.version = (latest ?? 0) + 1
            try db.execute(
                sql: "INSERT INTO scoring_schemes (plan_id, version, scheme_json, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [planID, scheme.version, try StoreJSON.encode(scheme), actor, at])
            try Self.audit(db, actor, "save", "scoringScheme", "\(planID)/\(scheme.version)", before: nil, after: scheme, at: at)
            return scheme
        }
    }

    public func scoringSchemes(planID: Int64) async throws -> [ScoringScheme] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT scheme_json FROM scoring_schemes WHERE plan_id = ? ORDER BY version", arguments: [planID])
                .map { try StoreJSON.decode(ScoringScheme.self, from: $0) }
        }
    }

    public func recordDecision(_ decision: ReviewerDecision, planID: Int64) async throws {
        let decision = try decision.validated()
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plans WHERE id = ?", arguments: [planID]) != nil else {
                throw StoreError.notFound("plan \(planID)")
            }
            try db.execute(
                sql: "INSERT INTO reviewer_decisions (plan_id, indicator, region_code, year, decision_json) VALUES (?, ?, ?, ?, ?)",
                arguments: [planID, decision.indicator, decision.regionCode, decision.year, try StoreJSON.encode(decision)])
            try Self.audit(
                db, decision.author, "decide", "reviewerDecision", "\(db.lastInsertedRowID)", before: nil, after: decision,
                at: decision.decidedAt)
        }
    }

    public func decisions(planID: Int64, year: Int?) async throws -> [ReviewerDecision] {
        try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT decision_json FROM reviewer_decisions WHERE plan_id = ? AND (? IS NULL OR year = ?) ORDER BY id",
                arguments: [planID, year, year]
            ).map { try StoreJSON.decode(ReviewerDecision.self, from: $0) }
        }
    }
}

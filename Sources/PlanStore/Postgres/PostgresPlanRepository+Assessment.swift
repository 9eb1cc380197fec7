import Foundation
import PlanCore
import PostgresNIO

extension PostgresPlanRepository {
    public func saveScoringScheme(_ scheme: ScoringScheme, planID: Int64, actor: String, at: String) async throws -> ScoringScheme {
        let scheme = try scheme.validated()
        return try await write { connection in
            // The plan's row is locked so two administrators saving at once get consecutive versions.
            guard try await connection.rows("SELECT id FROM plans WHERE id = \(planID) FOR UPDATE", self.logger).first != nil else {
                throw StoreError.notFound("plan \(planID)")
            }
            var saved = scheme
            let latest: Int? = try await connection.rows(
                "SELECT MAX(version) AS version FROM scoring_schemes WHERE plan_id = \(planID)", self.logger
            ).first?.value("version")
            saved.version = (latest ?? 0) + 1
            try await connection.run(
                """
                INSERT INTO scoring_schemes (plan_id, version, scheme_json, created_by, created_at)
                VALUES (\(planID), \(saved.version), \(try StoreJSON.encode(saved)), \(actor), \(at))
                """, self.logger)
            try await self.audit(connection, actor, "save", "scoringScheme", "\(planID)/\(saved.version)", before: nil, after: saved, at: at)
            return saved
        }
    }

    public func scoringSchemes(planID: Int64) async throws -> [ScoringScheme] {
        try await read { connection in
            try await connection.rows(
                "SELECT scheme_json FROM scoring_schemes WHERE plan_id = \(planID) ORDER BY version", self.logger
            ).map { try StoreJSON.decode(ScoringScheme.self, from: try $0.value("scheme_json")) }
        }
    }

    public func recordDecision(_ decision: ReviewerDecision, planID: Int64) async throws {
        let decision = try decision.validated()
        try await write { connection in
            guard try await connection.rows("SELECT id FROM plans WHERE id = \(planID)", self.logger).first != nil else {
                throw StoreError.notFound("plan \(planID)")
            }
            let id = try await connection.insertedID(
                """
                INSERT INTO reviewer_decisions (plan_id, indicator, region_code, year, decision_json)
                VALUES (\(planID), \(decision.indicator), \(decision.regionCode), \(decision.year), \(try StoreJSON.encode(decision)))
                RETURNING id
                """, self.logger)
            try await self.audit(
                connection, decision.author, "decide", "reviewerDecision", "\(id)", before: nil, after: decision, at: decision.decidedAt)
        }
    }

    public func decisions(planID: Int64, year: Int?) async throws -> [ReviewerDecision] {
        try await read { connection in
            try await connection.rows(
                """
                SELECT decision_json FROM reviewer_decisions
                WHERE plan_id = \(planID) AND (\(year)::BIGINT IS NULL OR year = \(year)) ORDER BY id
                """, self.logger
            ).map { try StoreJSON.decode(ReviewerDecision.self, from: try $0.value("decision_json")) }
        }
    }
}

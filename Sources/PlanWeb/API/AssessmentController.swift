import Foundation
import Hummingbird
import PlanCore
import PlanStore

/// The rules and judgements behind the scores: a plan's versioned scoring scheme (administrators) and the
/// reviewers' decisions on items numbers cannot settle (qualitative targets, references to a superior's
/// figure, values written as words).
struct AssessmentController {
    let config: AppConfig

    struct DecisionRequest: Decodable {
        /// The indicator's id; or, for older clients, its code (refused where two tables share it).
        var indicatorID: Int64?
        var indicator: String?
        var regionCode: String
        var year: Int
        var verdict: ReviewerDecision.Verdict
        var evidence: String
        var marks: Double?
    }

    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/plans/:id/scoring-schemes") { _, context -> [ScoringScheme] in
            _ = try context.require(.admin, .reviewer, .viewer)
            return try await config.store.scoringSchemes(planID: try context.pathID())
        }
        router.post("/api/v1/plans/:id/scoring-schemes") { request, context -> Response in
            let user = try context.require(.admin)
            let scheme = try await request.decode(as: ScoringScheme.self, context: context)
            let saved = try await config.store.saveScoringScheme(
                scheme, planID: try context.pathID(), actor: user.username, at: config.now)
            var response = try saved.response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/api/v1/plans/:id/decisions") { request, context -> [ReviewerDecision] in
            _ = try context.require(.admin, .reviewer, .viewer)
            return try await config.store.decisions(
                planID: try context.pathID(), year: try Years.query(request))
        }
        router.post("/api/v1/plans/:id/decisions") { request, context -> ReviewerDecision in
            let user = try context.require(.reviewer, .admin)
            let body = try await request.decode(as: DecisionRequest.self, context: context)
            return try await Self.decide(
                planID: try context.pathID(), body, by: user, config: config)
        }
    }

    /// Records a decision on an approved value that its numbers cannot judge; any other item is refused.
    static func decide(planID: Int64, _ body: DecisionRequest, by user: User, config: AppConfig) async throws -> ReviewerDecision {
        try Years.check(body.year)
        let stored = try await config.store.indicators(planID: planID)
        let matching = stored.filter { candidate in
            body.indicatorID.map { candidate.id == $0 } ?? (candidate.indicator.observationKey == body.indicator)
        }
        guard let found = matching.first else {
            let name = body.indicatorID.map { "\($0)" } ?? body.indicator ?? ""
            throw APIError(.unprocessableContent, code: "invalid", message: "规划中没有指标“\(name)”", field: body.indicatorID == nil ? "indicator" : "indicatorID")
        }
        guard matching.count == 1 else {
            throw APIError(
                .unprocessableContent, code: "invalid", message: "规划中有 \(matching.count) 个指标编号为“\(body.indicator ?? "")”，请用 indicatorID 指明",
                field: "indicator")
        }
        let indicator = found.indicator
        let observation = try await config.store.observations(planID: planID, year: body.year, regionCode: body.regionCode)
            .first { $0.indicatorID == found.id && $0.status == .approved }
        guard let observation else {
            throw APIError(.unprocessableContent, code: "invalid", message: "该指标在该地区该年度没有已审核通过的数值，无法判定", field: "indicator")
        }
        guard indicator.evaluate(observation).status == .needsReview else {
            throw APIError(.unprocessableContent, code: "invalid", message: "该项可按数值自动判定，不需要人工判定", field: "indicator")
        }
        let decision = ReviewerDecision(
            indicator: indicator.observationKey, regionCode: body.regionCode, year: body.year, verdict: body.verdict,
            evidence: body.evidence.trimmingCharacters(in: .whitespacesAndNewlines), author: user.username, decidedAt: config.now,
            marks: body.marks, indicatorID: found.id)
        try await config.store.recordDecision(decision, planID: planID)
        return decision
    }
}

import Hummingbird
import PlanApp
import PlanCore

/// Target revisions (目标调整): the office proposes, an administrator approves or rejects.
struct RevisionsController {
    let config: AppConfig

    struct Proposal: Decodable {
        var indicatorID: Int64
        var year: Int
        var newText: String
        var reason: String
    }

    struct Decision: Decodable {
        var approve: Bool
    }

    func add(to router: Router<AppRequestContext>) {
        router.post("/api/v1/revisions") { request, context -> TargetRevision in
            let user = try context.require(.reviewer, .admin)
            let body = try await request.decode(as: Proposal.self, context: context)
            try Years.check(body.year)
            return try await ProposeRevision(store: config.store)(
                indicatorID: body.indicatorID, year: body.year, newText: body.newText, reason: body.reason, by: user, now: config.now)
        }
        router.post("/api/v1/revisions/:id/decision") { request, context -> TargetRevision in
            let user = try context.require(.admin)
            let body = try await request.decode(as: Decision.self, context: context)
            return try await config.store.decideRevision(
                id: try context.pathID(), approve: body.approve, actor: user.username, at: config.now)
        }
        router.get("/api/v1/plans/:id/revisions") { request, context in
            _ = try context.requireUser()
            return try await config.store.revisions(planID: try context.pathID())
        }
    }
}

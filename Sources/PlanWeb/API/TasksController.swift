import Hummingbird
import PlanApp
import PlanCore
import PlanStore

/// Task progress reports (任务进展): a department reports, per region and year, where each of its tasks stands.
struct TasksController {
    let config: AppConfig

    struct Report: Decodable {
        var actionIndex: Int
        var taskIndex: Int
        var regionCode: String?
        var year: Int
        var status: TaskProgress.Status
        var note: String?
        /// The version last read; absent for a first report.
        var expectedVersion: Int?
    }

    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/plans/:id/task-progress") { request, context in
            let user = try context.requireUser()
            let query = request.uri.queryParameters
            // Reporters read their own region's reports only, as with observations' drafts.
            let region = user.role == .reporter ? user.regionCode : query.get("region")
            return try await config.store.taskProgress(
                planID: try context.pathID(), year: try Years.query(request),
                regionCode: region)
        }
        router.post("/api/v1/plans/:id/task-progress", use: report)
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> TaskProgress {
        let user = try context.require(.reporter, .admin)
        let planID = try context.pathID()
        let body = try await request.decode(as: Report.self, context: context)
        try Years.check(body.year)
        guard let regionCode = body.regionCode ?? user.regionCode else {
            throw APIError(.unprocessableContent, code: "invalid", message: "缺少地区", field: "regionCode")
        }
        guard let plan = try await config.store.plan(id: planID) else { throw APIError.notFound("规划 \(planID)") }
        let progress = TaskProgress(
            planID: planID, actionIndex: body.actionIndex, taskIndex: body.taskIndex, regionCode: regionCode,
            year: body.year, status: body.status, note: body.note ?? "")
        guard let task = progress.task(in: plan) else {
            throw APIError(.unprocessableContent, code: "invalid", message: progress.missingTaskMessage, field: "taskIndex")
        }
        var scope = try await ReporterScope(user, store: config.store, today: config.today)
        try await scope?.check(progress, task: task)
        return try await config.store.saveTaskProgress(
            progress, expectedVersion: body.expectedVersion, actor: user.username, at: config.now)
    }
}

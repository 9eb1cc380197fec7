import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanStore

/// Observations: read, submit a department's form in one batch, review in batch, and the history of one.
struct ObservationsController {
    let config: AppConfig

    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/observations", use: list)
        router.post("/api/v1/observations", use: submit)
        router.post("/api/v1/observations/review", use: review)
        router.get("/api/v1/observations/:id/history") { request, context in
            let user = try context.requireUser()
            let id = try context.pathID()
            // The history is readable where the value is (`list`): a reporter reads another region's only once approved.
            guard let observation = try await config.store.observation(id: id),
                user.role != .reporter || observation.regionCode == user.regionCode || observation.status == .approved
            else { throw APIError.notFound("数据 \(id)") }
            return try await config.store.history(observationID: id)
        }
    }

    /// `?plan=ID&year=2020&region=330302`. Reporters see their own region in full and only approved values
    /// elsewhere: another region's drafts are not theirs to read.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> [Observation] {
        let user = try context.requireUser()
        let query = request.uri.queryParameters
        guard let planID = query.get("plan", as: Int64.self) else {
            throw APIError(.badRequest, code: "bad_request", message: "请指定 plan 参数", field: "plan")
        }
        let all = try await config.store.observations(planID: planID, year: try Years.query(request), regionCode: query.get("region"))
        guard user.role == .reporter else { return all }
        return all.filter { $0.regionCode == user.regionCode || $0.status == .approved }
    }

    struct Batch: Decodable {
        struct Item: Decodable {
            var indicatorID: Int64
            var regionCode: String?
            var year: Int
            var action: ObservationAction?
            var valueText: String?
            var unit: String?
            var evidence: String?
            var explanation: String?
            var comment: String?
            var expectedVersion: Int?
        }
        var changes: [Item]
    }

    /// A reporter's form: every value saved as a draft or submitted, all or nothing.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> [Observation] {
        let user = try context.require(.reporter, .admin)
        let batch = try await request.decode(as: Batch.self, context: context)
        let changes = try changes(batch, by: user, defaultAction: .submit)
        return try await SubmitObservations(store: config.store)(changes, by: user, today: config.today, now: config.now)
    }

    /// The office's decisions: approve, or return with a comment.
    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> [Observation] {
        let user = try context.require(.reviewer, .admin)
        let batch = try await request.decode(as: Batch.self, context: context)
        let changes = try changes(batch, by: user, defaultAction: nil)
        return try await ReviewObservations(store: config.store)(changes, by: user, now: config.now)
    }

    /// The body's items as changes; what they may do is the use case's to check.
    private func changes(_ batch: Batch, by user: User, defaultAction: ObservationAction?) throws -> [ObservationChange] {
        guard batch.changes.count <= SubmitObservations.maximumBatch else {
            throw APIError(.unprocessableContent, code: "invalid", message: "一次应提交 1–\(SubmitObservations.maximumBatch) 条数据", field: "changes")
        }
        return try batch.changes.enumerated().map { index, item in
            guard let action = item.action ?? defaultAction else {
                throw APIError(.unprocessableContent, code: "invalid", message: "第 \(index + 1) 条的操作无效", field: "changes[\(index)].action")
            }
            try Years.check(item.year, field: "changes[\(index)].year")
            guard let regionCode = item.regionCode ?? user.regionCode else {
                throw APIError(.unprocessableContent, code: "invalid", message: "第 \(index + 1) 条缺少地区", field: "changes[\(index)].regionCode")
            }
            return ObservationChange(
                indicatorID: item.indicatorID, regionCode: regionCode, year: item.year, action: action, valueText: item.valueText,
                unit: item.unit, evidence: item.evidence, explanation: item.explanation, comment: item.comment,
                expectedVersion: item.expectedVersion)
        }
    }
}

extension ObservationRevision: ResponseEncodable {}

import Foundation
import Hummingbird
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
            _ = try context.requireUser()
            return try await config.store.history(observationID: try context.pathID())
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
            var comment: String?
            var expectedVersion: Int?
        }
        var changes: [Item]
    }

    /// A reporter's form: every value saved as a draft or submitted, all or nothing.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> [Observation] {
        let user = try context.require(.reporter, .admin)
        let batch = try await request.decode(as: Batch.self, context: context)
        let changes = try await changes(batch, by: user, allowed: [.saveDraft, .submit], defaultAction: .submit)
        return try await config.store.apply(changes, actor: user.username, at: config.now)
    }

    /// The office's decisions: approve, or return with a comment.
    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> [Observation] {
        let user = try context.require(.reviewer, .admin)
        let batch = try await request.decode(as: Batch.self, context: context)
        let changes = try await changes(batch, by: user, allowed: [.approve, .return], defaultAction: nil)
        return try await config.store.apply(changes, actor: user.username, at: config.now)
    }

    private func changes(_ batch: Batch, by user: User, allowed: [ObservationAction], defaultAction: ObservationAction?)
        async throws -> [ObservationChange]
    {
        guard !batch.changes.isEmpty, batch.changes.count <= 2000 else {
            throw APIError(.unprocessableContent, code: "invalid", message: "一次应提交 1–2000 条数据", field: "changes")
        }
        var result: [ObservationChange] = []
        var scope = try await ReporterScope(user, config: config)
        // A reporter's changes are checked against their indicators, read together once.
        let indicators =
            scope == nil
            ? [:] : Dictionary(uniqueKeysWithValues: try await config.store.indicators(ids: Array(Set(batch.changes.map(\.indicatorID)))).map { ($0.id, $0) })
        for (index, item) in batch.changes.enumerated() {
            guard let action = item.action ?? defaultAction, allowed.contains(action) else {
                throw APIError(.unprocessableContent, code: "invalid", message: "第 \(index + 1) 条的操作无效", field: "changes[\(index)].action")
            }
            try Years.check(item.year, field: "changes[\(index)].year")
            guard let regionCode = item.regionCode ?? user.regionCode else {
                throw APIError(.unprocessableContent, code: "invalid", message: "第 \(index + 1) 条缺少地区", field: "changes[\(index)].regionCode")
            }
            let change = ObservationChange(
                indicatorID: item.indicatorID, regionCode: regionCode, year: item.year, action: action, valueText: item.valueText,
                unit: item.unit, evidence: item.evidence, comment: item.comment, expectedVersion: item.expectedVersion)
            if scope != nil {
                guard let indicator = indicators[item.indicatorID] else { throw APIError.notFound("指标 \(item.indicatorID)") }
                try await scope?.check(change, indicator: indicator)
            }
            result.append(change)
        }
        return result
    }
}

extension ObservationRevision: ResponseEncodable {}

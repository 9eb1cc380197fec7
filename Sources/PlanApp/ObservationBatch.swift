import PlanCore
import PlanStore

/// What checking a batch of changes needs, read together once: the indicators it names, the plans they
/// belong to, and the observations of the (plan, region, year) groups it touches.
struct ObservationBatch {
    let indicators: [Int64: StoredIndicator]
    let plans: [Int64: PlanSummary]
    private let store: any PlanRepository
    private var observations: [GroupKey: [Int64: Observation]] = [:]

    private struct GroupKey: Hashable {
        var planID: Int64
        var regionCode: String
        var year: Int
    }

    /// Reads the batch's indicators and plans; an indicator that does not exist is refused by its position.
    init(_ changes: [ObservationChange], store: any PlanRepository) async throws {
        guard !changes.isEmpty, changes.count <= SubmitObservations.maximumBatch else {
            throw AppError.invalid("一次应提交 1–\(SubmitObservations.maximumBatch) 条数据", field: "changes")
        }
        let stored = try await store.indicators(ids: Array(Set(changes.map(\.indicatorID))))
        indicators = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
        plans = Dictionary(uniqueKeysWithValues: try await store.planSummaries().map { ($0.id, $0) })
        self.store = store
        for (index, change) in changes.enumerated() where indicators[change.indicatorID] == nil {
            throw AppError(.notFound, code: "not_found", message: "第 \(index + 1) 条：找不到指标 \(change.indicatorID)", field: "indicatorID")
        }
    }

    func indicator(of change: ObservationChange) -> StoredIndicator { indicators[change.indicatorID]! }

    /// The stored observation of an indicator, region and year, if any (one read per plan, region and year).
    mutating func observation(indicator: StoredIndicator, regionCode: String, year: Int) async throws -> Observation? {
        let key = GroupKey(planID: indicator.planID, regionCode: regionCode, year: year)
        if observations[key] == nil {
            let read = try await store.observations(planID: key.planID, year: year, regionCode: regionCode)
            observations[key] = Dictionary(read.compactMap { o in o.indicatorID.map { ($0, o) } }, uniquingKeysWith: { _, last in last })
        }
        return observations[key]?[indicator.id]
    }

    /// A value is written only into a published plan: a draft is still being corrected, an archived plan is over.
    func checkPublished(_ indicator: StoredIndicator) throws {
        guard let plan = plans[indicator.planID], plan.status == .published else {
            let status = plans[indicator.planID].map { $0.status == .draft ? "草稿" : "已归档" } ?? "不存在"
            throw AppError.forbidden(
                "规划“\(plans[indicator.planID]?.title ?? "\(indicator.planID)")”\(status)，不能填报或审核数据", code: "plan_not_published",
                field: "indicatorID")
        }
    }
}

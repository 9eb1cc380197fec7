import PlanCore
import PlanStore

/// The office's decisions on submitted values: approve, or return with a comment, all or nothing. Four eyes:
/// no one approves a value they submitted themselves.
public struct ReviewObservations: Sendable {
    let store: any PlanRepository

    public init(store: any PlanRepository) {
        self.store = store
    }

    public func callAsFunction(_ changes: [ObservationChange], by user: User, now: String) async throws -> [Observation] {
        guard user.role == .reviewer || user.role == .admin else { throw AppError.forbidden("只有健康办审核人员和管理员可以审核") }
        var batch = try await ObservationBatch(changes, store: store)
        var checked: [ObservationChange] = []
        for (index, change) in changes.enumerated() {
            guard change.action == .approve || change.action == .return else {
                throw AppError.invalid("第 \(index + 1) 条的操作无效：审核只能通过或退回", field: "action")
            }
            let indicator = batch.indicator(of: change)
            try batch.checkPublished(indicator)
            if change.action == .approve,
                let current = try await batch.observation(indicator: indicator, regionCode: change.regionCode, year: change.year),
                (current.submittedBy ?? current.updatedBy) == user.username,
                current.status == .submitted || current.status == .resubmitted
            {
                throw AppError.forbidden(
                    "“\(indicator.indicator.name)”（\(change.regionCode)，\(change.year) 年）是您本人提交的，须由另一位审核人审核通过",
                    code: "own_submission", field: "action")
            }
            do {
                checked.append(try change.checked(against: indicator.indicator, lastYear: nil))
            } catch {
                throw AppError(error)
            }
        }
        return try await store.apply(checked, actor: user.username, at: now)
    }
}

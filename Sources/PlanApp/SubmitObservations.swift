import PlanCore
import PlanStore

/// A reporter's (or the office's) values, saved as drafts or submitted: the one write path the API, the
/// reporter's form and the offline template all take. Each change is held to the reporter's scope and to the
/// rules of a value (`ObservationChange.checked`), and the batch is written all or nothing.
public struct SubmitObservations: Sendable {
    /// The most changes one batch takes: a county's whole form, bounded so a request's work is bounded.
    public static let maximumBatch = 2000

    let store: any PlanRepository

    public init(store: any PlanRepository) {
        self.store = store
    }

    /// Checks and writes the batch; `today` (YYYY-MM-DD) decides whether a cycle is open, `now` (ISO 8601)
    /// stamps the write. Returns the observations as written.
    public func callAsFunction(_ changes: [ObservationChange], by user: User, today: String, now: String) async throws
        -> [Observation]
    {
        var batch = try await ObservationBatch(changes, store: store)
        var scope = try await ReporterScope(user, store: store, today: today)
        var checked: [ObservationChange] = []
        for (index, change) in changes.enumerated() {
            guard change.action == .saveDraft || change.action == .submit else {
                throw AppError.invalid("第 \(index + 1) 条的操作无效：填报只能保存草稿或提交", field: "action")
            }
            let indicator = batch.indicator(of: change)
            try batch.checkPublished(indicator)
            try await scope?.check(change, indicator: indicator)
            let lastYear = try await batch.observation(indicator: indicator, regionCode: change.regionCode, year: change.year - 1)
            do {
                checked.append(try change.checked(against: indicator.indicator, lastYear: lastYear?.status == .approved ? lastYear : nil))
            } catch {
                throw AppError(error)
            }
        }
        return try await store.apply(checked, actor: user.username, at: now)
    }
}

import PlanCore
import PlanStore

/// What a reporter may write: only for their own region, while that year's reporting cycle is open, the
/// observations of indicators their department leads or cooperates on and the progress of tasks their
/// department leads or is responsible for. Loaded once per request (the department, each plan's cycles), so
/// checking a batch of two thousand changes does not read them two thousand times.
public struct ReporterScope {
    let store: any PlanRepository
    let user: User
    let today: String
    public let department: Department
    private var cycles: [Int64: [ReportingCycle]] = [:]

    /// The scope of `user`; nil for every other role, which this check does not limit. `today` is YYYY-MM-DD.
    public init?(_ user: User, store: any PlanRepository, today: String) async throws {
        guard user.role == .reporter else { return nil }
        guard let department = try await store.departments().first(where: { $0.id == user.departmentID }) else {
            throw AppError.forbidden("账号未绑定部门，不能填报")
        }
        self.store = store
        self.user = user
        self.today = today
        self.department = department
    }

    public mutating func check(_ change: ObservationChange, indicator: StoredIndicator) async throws {
        try checkRegion(change.regionCode)
        guard (indicator.indicator.lead + indicator.indicator.cooperating).contains(where: department.isNamed) else {
            throw AppError.forbidden("“\(indicator.indicator.name)”不由\(department.name)牵头或参与，不能填报", field: "indicatorID")
        }
        try await checkCycleIsOpen(planID: indicator.planID, year: change.year)
    }

    public mutating func check(_ progress: TaskProgress, task: PlanTask) async throws {
        try checkRegion(progress.regionCode)
        guard (task.lead + task.responsible).contains(where: department.isNamed) else {
            throw AppError.forbidden("任务“\(task.title)”不由\(department.name)牵头或负责，不能填报", field: "taskIndex")
        }
        try await checkCycleIsOpen(planID: progress.planID, year: progress.year)
    }

    private func checkRegion(_ regionCode: String) throws {
        guard regionCode == user.regionCode else {
            throw AppError.forbidden("只能填报本地区（\(user.regionCode ?? "—")）的数据", field: "regionCode")
        }
    }

    private mutating func checkCycleIsOpen(planID: Int64, year: Int) async throws {
        if cycles[planID] == nil { cycles[planID] = try await store.cycles(planID: planID) }
        guard let cycle = cycles[planID]?.first(where: { $0.year == year }), cycle.isOpen(on: today) else {
            throw AppError.forbidden("\(year) 年度填报未开放或已截止", code: "cycle_closed", field: "year")
        }
    }
}

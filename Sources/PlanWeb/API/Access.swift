import PlanCore
import PlanStore

/// Who may write what. Reporters write only for their own region, while that year's reporting cycle is open:
/// the observations of indicators their department leads or cooperates on, and the progress of tasks their
/// department leads or is responsible for.
struct Access {
    let config: AppConfig

    func checkReporter(_ user: User, may change: ObservationChange, indicator: StoredIndicator) async throws {
        guard user.role == .reporter else { return }
        try checkRegion(of: user, change.regionCode)
        let department = try await department(of: user)
        guard (indicator.indicator.lead + indicator.indicator.cooperating).contains(where: department.isNamed) else {
            throw APIError(
                .forbidden, code: "forbidden", message: "“\(indicator.indicator.name)”不由\(department.name)牵头或参与，不能填报",
                field: "indicatorID")
        }
        try await checkCycleIsOpen(planID: indicator.planID, year: change.year)
    }

    func checkReporter(_ user: User, may progress: TaskProgress, task: PlanTask) async throws {
        guard user.role == .reporter else { return }
        try checkRegion(of: user, progress.regionCode)
        let department = try await department(of: user)
        guard (task.lead + task.responsible).contains(where: department.isNamed) else {
            throw APIError(
                .forbidden, code: "forbidden", message: "任务“\(task.title)”不由\(department.name)牵头或负责，不能填报",
                field: "taskIndex")
        }
        try await checkCycleIsOpen(planID: progress.planID, year: progress.year)
    }

    private func checkRegion(of user: User, _ regionCode: String) throws {
        guard regionCode == user.regionCode else {
            throw APIError(.forbidden, code: "forbidden", message: "只能填报本地区（\(user.regionCode ?? "—")）的数据", field: "regionCode")
        }
    }

    private func department(of user: User) async throws -> Department {
        guard let department = try await config.store.departments().first(where: { $0.id == user.departmentID }) else {
            throw APIError.forbidden
        }
        return department
    }

    private func checkCycleIsOpen(planID: Int64, year: Int) async throws {
        let cycles = try await config.store.cycles(planID: planID)
        guard let cycle = cycles.first(where: { $0.year == year }), cycle.isOpen(on: config.today) else {
            throw APIError(.forbidden, code: "cycle_closed", message: "\(year) 年度填报未开放或已截止", field: "year")
        }
    }
}

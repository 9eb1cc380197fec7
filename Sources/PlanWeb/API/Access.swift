import PlanCore
import PlanStore

/// Who may write what. Reporters write only the observations of indicators their department leads or
/// cooperates on, in their own region, while that year's reporting cycle is open.
struct Access {
    let config: AppConfig

    func checkReporter(_ user: User, may change: ObservationChange, indicator: StoredIndicator) async throws {
        guard user.role == .reporter else { return }
        guard change.regionCode == user.regionCode else {
            throw APIError(.forbidden, code: "forbidden", message: "只能填报本地区（\(user.regionCode ?? "—")）的数据", field: "regionCode")
        }
        let departments = try await config.store.departments()
        guard let department = departments.first(where: { $0.id == user.departmentID }) else { throw APIError.forbidden }
        let units = indicator.indicator.lead + indicator.indicator.cooperating
        guard units.contains(where: department.isNamed) else {
            throw APIError(
                .forbidden, code: "forbidden", message: "“\(indicator.indicator.name)”不由\(department.name)牵头或参与，不能填报",
                field: "indicatorID")
        }
        let cycles = try await config.store.cycles(planID: indicator.planID)
        guard let cycle = cycles.first(where: { $0.year == change.year }), cycle.isOpen(on: config.today) else {
            throw APIError(.forbidden, code: "cycle_closed", message: "\(change.year) 年度填报未开放或已截止", field: "year")
        }
    }
}

import Foundation
import PlanCore
import PlanStore

/// Opening a year's reporting cycle (填报周期): only for a published plan, only for a year of its period, open
/// no later than it closes. Without dates the plan's own deadline decides (`ReportingCycle.standard`).
public struct OpenCycle: Sendable {
    let store: any PlanRepository

    public init(store: any PlanRepository) {
        self.store = store
    }

    public func callAsFunction(planID: Int64, year: Int, opens: String? = nil, deadline: String? = nil, by user: User, now: String)
        async throws -> ReportingCycle
    {
        guard let plan = try await store.plan(id: planID),
            let summary = try await store.planSummaries().first(where: { $0.id == planID })
        else { throw AppError.notFound("规划 \(planID)") }
        guard summary.status == .published else {
            throw AppError.forbidden(
                "规划“\(plan.title)”\(summary.status == .draft ? "还是草稿" : "已归档")，不能开启填报周期", code: "plan_not_published", field: "status")
        }
        if let period = plan.period, !(period.start...period.end).contains(year) {
            throw AppError.invalid("\(year) 年不在规划期（\(period.start)–\(period.end) 年）内", field: "year")
        }
        var cycle = ReportingCycle.standard(planID: planID, year: year, planDeadline: plan.reportingDeadline)
        for (field, value) in [("opens", opens), ("deadline", deadline)] {
            guard let value else { continue }
            guard value.range(of: #"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"#, options: .regularExpression) != nil else {
                throw AppError.invalid("日期格式应为 YYYY-MM-DD（\(field)）", field: field)
            }
            if field == "opens" { cycle.opens = value } else { cycle.deadline = value }
        }
        guard cycle.opens <= cycle.deadline else {
            throw AppError.invalid("开始日期 \(cycle.opens) 晚于截止日期 \(cycle.deadline)", field: "opens")
        }
        return try await store.openCycle(cycle, actor: user.username, at: now)
    }
}

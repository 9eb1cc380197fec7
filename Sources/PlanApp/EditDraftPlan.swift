import Foundation
import PlanCore
import PlanStore

/// Import review: correcting a draft plan's heading — its title (a plan is never published without one),
/// region, period, base year and reporting deadline — checked before it is kept.
public struct EditDraftPlan: Sendable {
    let store: any PlanRepository

    public init(store: any PlanRepository) {
        self.store = store
    }

    public func callAsFunction(planID: Int64, _ heading: PlanHeading, by user: User, now: String) async throws {
        var heading = heading
        heading.title = heading.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !heading.title.isEmpty, heading.title.count <= TextLimits.name else {
            throw AppError.invalid("标题不能为空，且不超过 \(TextLimits.name) 字", field: "title")
        }
        if let region = heading.region, region.count > TextLimits.name {
            throw AppError.invalid("地区不能超过 \(TextLimits.name) 字", field: "region")
        }
        if let period = heading.period {
            guard (1900...2100).contains(period.start), (1900...2100).contains(period.end), period.start <= period.end else {
                throw AppError.invalid("规划期 \(period.start)–\(period.end) 无效：应为 1900–2100 年间、起始不晚于结束", field: "period")
            }
        }
        if let baseYear = heading.baseYear, !(1900...2100).contains(baseYear) {
            throw AppError.invalid("基期年份 \(baseYear) 无效", field: "baseYear")
        }
        if let deadline = heading.reportingDeadline,
            deadline.range(of: #"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"#, options: .regularExpression) == nil
        {
            throw AppError.invalid("填报截止日应为 MM-DD（如 05-10）", field: "reportingDeadline")
        }
        try await store.editDraftPlan(id: planID, heading, actor: user.username, at: now)
    }
}

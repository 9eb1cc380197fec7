import Foundation
import PlanCore
import PlanStore

/// A proposed change of a published target (目标调整): for a year of the plan's period, to a target hcm can
/// read ("提高一点" is not one), with a reason; it takes effect only when an administrator approves it.
public struct ProposeRevision: Sendable {
    let store: any PlanRepository

    public init(store: any PlanRepository) {
        self.store = store
    }

    public func callAsFunction(indicatorID: Int64, year: Int, newText: String, reason: String, by user: User, now: String)
        async throws -> TargetRevision
    {
        guard let indicator = try await store.indicator(id: indicatorID) else { throw AppError.notFound("指标 \(indicatorID)") }
        let name = "“\(indicator.indicator.name)”"
        if let period = try await store.plan(id: indicator.planID)?.period, !(period.start...period.end).contains(year) {
            throw AppError.invalid("\(year) 年不在规划期（\(period.start)–\(period.end) 年）内，不能调整\(name)该年的目标", field: "year")
        }
        let text = newText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= TextLimits.value else {
            throw AppError.invalid("新目标不能超过 \(TextLimits.value) 字", field: "newText")
        }
        let parsed = TargetExpression.parse(text)
        let current = indicator.indicator.judgedTarget(for: year)
        var readable = true
        if case .unparsed = parsed { readable = false }
        if case .none = parsed { readable = false }
        // A measured target stays measured: "提高一点" for a number would leave nothing to judge.
        if current?.parsed.expectsNumber == true, !parsed.expectsNumber { readable = false }
        guard readable else {
            throw AppError.invalid(
                "无法评估的目标“\(text.prefix(40))”\(current.map { "（原目标为“\($0.text)”）" } ?? "")：请写成“≥80”“85%以上”“比2015年下降10%”“持续提高”等可评估的形式",
                field: "newText")
        }
        guard reason.trimmingCharacters(in: .whitespacesAndNewlines).count <= TextLimits.explanation else {
            throw AppError.invalid("调整理由不能超过 \(TextLimits.explanation) 字", field: "reason")
        }
        return try await store.proposeRevision(
            TargetRevision(indicatorID: indicatorID, year: year, newText: text, reason: reason, proposedBy: user.username), at: now)
    }
}

import PlanCore
import PlanStore

/// The office sets an indicator's own plausible range (合理范围) where the default from its unit and name does
/// not fit — a rate that may exceed 100%, a count with a known ceiling; both ends empty restores the default.
public struct SetPlausibleRange: Sendable {
    let store: any PlanRepository

    public init(store: any PlanRepository) {
        self.store = store
    }

    public func callAsFunction(indicatorID: Int64, _ range: PlausibleRange, by user: User, now: String) async throws {
        guard user.role == .admin || user.role == .reviewer else { throw AppError.forbidden("只有健康办可以设置合理范围") }
        for (field, value) in [("low", range.low), ("high", range.high)] {
            if let value, !value.isFinite || abs(value) > 1e15 {
                throw AppError.invalid("合理范围的\(field == "low" ? "下限" : "上限")无效", field: field)
            }
        }
        if let low = range.low, let high = range.high, low > high {
            throw AppError.invalid("合理范围的下限 \(NumberText.format(low)) 高于上限 \(NumberText.format(high))", field: "low")
        }
        guard try await store.indicator(id: indicatorID) != nil else { throw AppError.notFound("指标 \(indicatorID)") }
        let own: PlausibleRange? = range.low == nil && range.high == nil ? nil : range
        try await store.setPlausibleRange(indicatorID: indicatorID, own, actor: user.username, at: now)
    }
}

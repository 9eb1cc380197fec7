import PlanCore

extension ScoringScheme {
    /// Refuses a scheme that cannot score: weights must be positive numbers (zero only for an item or domain
    /// left out on purpose), deductions not negative. Both stores apply this before saving.
    func validated() throws -> ScoringScheme {
        guard defaultWeight > 0, defaultWeight.isFinite else {
            throw StoreError.invalid(field: "defaultWeight", message: "默认权重必须大于 0")
        }
        for (name, weight) in indicatorWeights.merging(domainWeights, uniquingKeysWith: { a, _ in a }) where !(weight >= 0 && weight.isFinite) {
            throw StoreError.invalid(field: "weights", message: "“\(name)”的权重必须是不小于 0 的数")
        }
        for (field, rule) in [("late", late), ("returned", returned)]
        where !(rule.perSubmission >= 0 && (rule.cap ?? 0) >= 0) {
            throw StoreError.invalid(field: field, message: "扣分和上限不能为负数")
        }
        return self
    }
}

extension ReviewerDecision {
    /// A decision names its evidence: a verdict nobody can check is not kept.
    func validated() throws -> ReviewerDecision {
        guard !evidence.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalid(field: "evidence", message: "请写明判定依据（佐证材料）")
        }
        if let marks, !(marks >= 0 && marks.isFinite) {
            throw StoreError.invalid(field: "marks", message: "评分不能为负数")
        }
        return self
    }
}

import PlanCore

extension Indicator {
    /// Refuses to edit an indicator whose plan is no longer a draft (both stores apply this rule).
    static func checkDraftEdit(planStatus: String) throws {
        guard planStatus == PlanStatus.draft.rawValue else {
            throw StoreError.invalid(field: "plan", message: "规划已发布或归档，指标只能通过目标调整修改")
        }
    }

    /// One target per year, the first the plan writes for a year (the targets table keys on the year); both
    /// stores write an imported plan's and an edited draft's targets through this.
    var datedTargets: [(year: Int, text: String)] {
        var seen = Set<Int>()
        return targets.compactMap { target in
            guard let year = target.year, seen.insert(year).inserted else { return nil }
            return (year, target.text)
        }
    }
}

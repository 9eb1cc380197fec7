import PlanCore

extension Plan {
    /// The plan as imported, with each indicator replaced, in document order, by its stored form (the
    /// targets approved revisions have changed, and the id it is stored under). Both stores read a plan this way.
    func withCurrentIndicators(_ stored: [StoredIndicator]) -> Plan {
        var plan = self
        var next = stored.makeIterator()
        for t in plan.indicatorTables.indices {
            for i in plan.indicatorTables[t].indicators.indices {
                if let current = next.next() { plan.indicatorTables[t].indicators[i] = current.indicator }
            }
        }
        return plan
    }
}

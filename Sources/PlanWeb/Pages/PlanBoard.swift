import PlanCore
import PlanStore

/// A plan's standing in one year: every indicator judged in every region from its approved value by the one
/// evaluation (reviewers' decisions included), and the tallies the dashboard, the plan page and the region
/// comparison show.
struct PlanBoard {
    struct Cell {
        var observation: Observation?
        var evaluation: Evaluation
    }

    let summary: PlanSummary
    let indicators: [StoredIndicator]
    let regions: [Region]
    /// To name a lead unit by its department's full name, whichever alias the plan wrote.
    let departments: [Department]
    let year: Int
    /// Indicator id → region code → the approved value and its judgement.
    let cells: [Int64: [String: Cell]]
    /// Every observation of the year, whatever its status.
    let observations: [Observation]

    /// The board of `planID` (default: the first published plan) for `year` (default: the latest year with an
    /// approved value, else the plan's first target year).
    static func load(store: any PlanRepository, planID: Int64?, year: Int?) async throws -> PlanBoard? {
        let summaries = try await store.planSummaries()
        guard let summary = summaries.first(where: { $0.id == planID }) ?? (planID == nil ? summaries.first(where: { $0.status == .published }) ?? summaries.first : nil)
        else { return nil }
        let indicators = try await store.indicators(planID: summary.id)
        let all = try await store.observations(planID: summary.id, year: nil, regionCode: nil)
        let year = year ?? all.filter { $0.status == .approved }.map(\.year).max() ?? summary.period?.start ?? 2020
        // The county-level regions the office set up, and any other region that reported.
        var regions = try await store.regions().filter { $0.level >= .county }
        for code in Set(all.map(\.regionCode)).subtracting(regions.map(\.code)).sorted() {
            regions.append(Region(code: code, name: code, level: .county))
        }
        let departments = try await store.departments()
        // The one evaluation (`PlanEvaluator` with the reviewers' decisions), as `hcm evaluate` and the reports.
        var cells: [Int64: [String: Cell]] = [:]
        if let plan = try await store.plan(id: summary.id) {
            let evaluator = PlanEvaluator(plan: plan, observations: all, decisions: try await store.decisions(planID: summary.id, year: year))
            let approved = Dictionary(
                all.filter { $0.status == .approved && $0.year == year }.map { ("\($0.indicatorID ?? 0)|\($0.regionCode)", $0) },
                uniquingKeysWith: { _, last in last })
            for region in evaluator.evaluateAllRegions(year: year) {
                for item in region.indicators {
                    guard let id = item.indicatorID, let observation = approved["\(id)|\(region.regionCode)"] else { continue }
                    cells[id, default: [:]][region.regionCode] = Cell(observation: observation, evaluation: item.evaluation)
                }
            }
        }
        return PlanBoard(
            summary: summary, indicators: indicators, regions: regions, departments: departments, year: year, cells: cells,
            observations: all.filter { $0.year == year })
    }

    /// The judgement of an indicator in a region: no data where nothing is approved.
    func status(of indicator: Int64, in region: String) -> Evaluation.Status {
        cells[indicator]?[region]?.evaluation.status ?? .noData
    }

    /// Statuses of the indicators in `subset`, over every region (each indicator × region counts once).
    func tally(_ subset: [StoredIndicator]) -> Tally {
        var tally = Tally()
        for indicator in subset {
            for region in regions { tally.add(status(of: indicator.id, in: region.code)) }
        }
        return tally
    }

    /// Indicators grouped by their top-level domain, in document order.
    var byDomain: [(domain: String, indicators: [StoredIndicator])] {
        var order: [String] = []
        var groups: [String: [StoredIndicator]] = [:]
        for indicator in indicators {
            let domain = indicator.indicator.domain.first ?? "其他"
            if groups[domain] == nil { order.append(domain) }
            groups[domain, default: []].append(indicator)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Indicators grouped by lead department (an indicator led by two counts for both).
    var byLead: [(department: String, indicators: [StoredIndicator])] {
        var order: [String] = []
        var groups: [String: [StoredIndicator]] = [:]
        for indicator in indicators {
            let leads = indicator.indicator.lead.map { written in departments.first { $0.isNamed(written) }?.name ?? written }
            for lead in leads.isEmpty ? ["（未指定）"] : Array(Set(leads)).sorted() {
                if groups[lead] == nil { order.append(lead) }
                groups[lead, default: []].append(indicator)
            }
        }
        return order.map { ($0, groups[$0]!) }
    }
}

/// Counts of judgements.
struct Tally {
    private(set) var counts: [Evaluation.Status: Int] = [:]

    mutating func add(_ status: Evaluation.Status) { counts[status, default: 0] += 1 }

    subscript(_ status: Evaluation.Status) -> Int { counts[status] ?? 0 }

    var total: Int { counts.values.reduce(0, +) }
    /// Met among those judged (no data left out); nil when nothing was judged.
    var metShare: Double? {
        let judged = total - self[.noData]
        return judged == 0 ? nil : Double(self[.met]) / Double(judged)
    }
}

/// Evaluates every indicator of a plan for a year and a region (or every region), from the approved
/// observations and the reviewers' decisions.
///
/// ```swift
/// let evaluator = PlanEvaluator(plan: plan, observations: approved, decisions: decisions)
/// let wenzhou = evaluator.evaluate(year: 2019, region: "330300")
/// wenzhou.summary.total.met       // 14
/// wenzhou.indicators[0].trend     // .improving
/// let province = evaluator.evaluateAllRegions(year: 2019)   // one RegionEvaluation per region, by code
/// ```
///
/// Build one evaluator for a set of observations and ask it for as many years and regions as needed: the
/// observations are grouped and read once, in `init`. Observations other than `approved` ones are ignored.
public struct PlanEvaluator: Sendable {
    public let plan: Plan
    /// The codes of the regions with approved observations, sorted.
    public var regionCodes: [String] { index.regionCodes }

    private let indicators: [IndicatorFacts]
    private let index: ObservationIndex
    private let decisions: [DecisionKey: ReviewerDecision]
    private let domainNames: [String]
    private let leadNames: [String]

    public init(plan: Plan, observations: [Observation], decisions: [ReviewerDecision] = []) {
        let all = plan.indicatorTables.flatMap(\.indicators)
        var domains: [String: Int] = [:], domainNames: [String] = []
        var leads: [String: Int] = [:], leadNames: [String] = []
        func position(_ name: String, _ table: inout [String: Int], _ names: inout [String]) -> Int {
            if let known = table[name] { return known }
            table[name] = names.count
            names.append(name)
            return names.count - 1
        }
        let index = ObservationIndex(observations, keys: all.map(\.evaluationKey))
        indicators = all.map { indicator in
            let domain = position(indicator.domain.first ?? EvaluationSummary.unassigned, &domains, &domainNames)
            let leadNamesOfIndicator = indicator.lead.isEmpty ? [EvaluationSummary.unassigned] : indicator.lead
            let leadIndices = leadNamesOfIndicator.map { position($0, &leads, &leadNames) }
            return IndicatorFacts(
                indicator, slot: index.keys[indicator.evaluationKey]!, domain: domain, leads: leadIndices,
                periodEnd: plan.period?.end)
        }
        self.plan = plan
        self.index = index
        self.domainNames = domainNames
        self.leadNames = leadNames
        var byKey: [DecisionKey: ReviewerDecision] = [:]
        for decision in decisions {
            byKey[DecisionKey(indicator: decision.evaluationKey, region: decision.regionCode, year: decision.year)] = decision
        }
        self.decisions = byKey
    }

    /// The plan evaluated for `region` in `year`, from the values reported up to that year.
    public func evaluate(year: Int, region: String) -> RegionEvaluation {
        let targets = indicators.map { YearTargets($0, year: year) }
        return evaluate(year: year, regionCode: region, region: index.regions[region], targets: targets)
    }

    /// The plan evaluated for every region with approved observations, in the order of their codes.
    public func evaluateAllRegions(year: Int) -> [RegionEvaluation] {
        let targets = indicators.map { YearTargets($0, year: year) }
        return index.regionCodes.enumerated().map { region, code in
            evaluate(year: year, regionCode: code, region: region, targets: targets)
        }
    }

    private func evaluate(year: Int, regionCode: String, region: Int?, targets: [YearTargets]) -> RegionEvaluation {
        var total = StatusCounts()
        var byDomain = [StatusCounts](repeating: StatusCounts(), count: domainNames.count)
        var byLead = [StatusCounts](repeating: StatusCounts(), count: leadNames.count)
        var results: [IndicatorEvaluation] = []
        results.reserveCapacity(indicators.count)
        for (facts, targets) in zip(indicators, targets) {
            let series = region.map { index.series(slot: facts.slot, region: $0) } ?? []
            let result = evaluate(facts, targets, series: series, year: year, regionCode: regionCode)
            total.add(result.status, atRisk: result.atRisk)
            byDomain[facts.domain].add(result.status, atRisk: result.atRisk)
            for lead in facts.leads { byLead[lead].add(result.status, atRisk: result.atRisk) }
            results.append(result)
        }
        let summary = EvaluationSummary(
            total: total,
            byDomain: zip(domainNames, byDomain).map { GroupCounts(name: $0, counts: $1) },
            byLead: zip(leadNames, byLead).map { GroupCounts(name: $0, counts: $1) })
        return RegionEvaluation(
            planTitle: plan.title, regionCode: regionCode, year: year, period: plan.period, indicators: results,
            summary: summary)
    }

    private func evaluate(
        _ facts: IndicatorFacts, _ targets: YearTargets, series: ArraySlice<ObservationIndex.Point>, year: Int,
        regionCode: String
    ) -> IndicatorEvaluation {
        let indicator = facts.indicator
        let current = series.point(in: year)
        var evaluation = judge(facts, targets.judged, current, previous: series.point(in: year - 1))
        var decision: ReviewerDecision?
        if evaluation.status == .needsReview, !decisions.isEmpty,
            let found = decisions[DecisionKey(indicator: facts.key, region: regionCode, year: year)]
        {
            evaluation = found.applied(to: evaluation)
            decision = found
        }
        let progress = Progress(facts, series: series, upTo: year)
        let projection = progress.line.flatMap { project($0, facts, targets, year: year) }
        return IndicatorEvaluation(
            indicatorID: indicator.id, code: indicator.code, name: indicator.name, domain: indicator.domain, lead: indicator.lead,
            unit: indicator.unit, targetYear: targets.judged?.year, targetText: targets.judged?.text,
            actualText: current.map { index.observations[$0.observation].valueText }, evaluation: evaluation,
            trend: progress.trend(direction: indicator.direction), projection: projection,
            atRisk: projection?.targetStatus == .notMet, decision: decision)
    }

    /// The year's value against the year's target. A value without a target is for a reviewer, as is one
    /// entered as words.
    private func judge(
        _ facts: IndicatorFacts, _ target: Target?, _ current: ObservationIndex.Point?,
        previous: ObservationIndex.Point?
    ) -> Evaluation {
        guard let current else { return Evaluation(status: .noData, note: .noData) }
        let parsed = target?.parsed ?? .none
        let previousValue = previous.flatMap { $0.value.isNaN ? nil : $0.value }
        if !current.value.isNaN {
            return Evaluation(
                target: parsed, direction: facts.indicator.direction, baseline: facts.baseline,
                baselineYear: facts.baselineYear, actual: current.value, previous: previousValue)
        }
        let observation = index.observations[current.observation]
        let values = observation.values
        guard values.count > 1 else {
            return Evaluation(status: .needsReview, note: .review("填报值“\(observation.valueText)”不是数值，需审核人判定"))
        }
        return Evaluation(
            target: parsed, direction: facts.indicator.direction, baseline: facts.baseline,
            baselineYear: facts.baselineYear, actual: nil, actualParts: values, previous: previousValue)
    }

    /// The trend line carried to the period's end, judged against the end year's target. None once the
    /// period has ended: the actual values say what happened.
    private func project(_ line: LeastSquaresLine, _ facts: IndicatorFacts, _ targets: YearTargets, year: Int)
        -> Projection?
    {
        guard let end = facts.endYear, year < end, let endValue = line.value(in: end), let slope = line.fit?.slope
        else { return nil }
        let judged = Evaluation(
            target: targets.end?.parsed ?? .none, direction: facts.indicator.direction, baseline: facts.baseline,
            baselineYear: facts.baselineYear, actual: endValue, previous: line.value(in: end - 1))
        return Projection(
            year: end, value: EvaluationContext.rounded(endValue), slopePerYear: EvaluationContext.rounded(slope),
            pointCount: line.count, targetStatus: judged.status)
    }
}

/// What an indicator brings to every evaluation, worked out once: its baseline's number, where its values are
/// in the index, its domain and leads as positions in the summary.
private struct IndicatorFacts: Sendable {
    var indicator: Indicator
    var key: String
    var slot: Int
    var baseline: Double?
    var baselineYear: Int?
    /// The period's end, or the last year the indicator has a target for.
    var endYear: Int?
    var domain: Int
    var leads: [Int]

    init(_ indicator: Indicator, slot: Int, domain: Int, leads: [Int], periodEnd: Int?) {
        self.indicator = indicator
        key = indicator.evaluationKey
        self.slot = slot
        baseline = indicator.baseline?.value
        baselineYear = indicator.baseline?.year
        endYear = periodEnd ?? indicator.targets.compactMap(\.year).max()
        self.domain = domain
        self.leads = leads
    }
}

/// An indicator's targets for one evaluation year, chosen once for all regions.
private struct YearTargets: Sendable {
    var judged: Target?
    var end: Target?

    init(_ facts: IndicatorFacts, year: Int) {
        judged = facts.indicator.judgedTarget(for: year)
        end = facts.endYear.flatMap { facts.indicator.judgedTarget(for: $0) }
    }
}

/// The numeric values of a series up to a year, measured from the baseline: the trend's reference and latest
/// value, and the least-squares line through them.
private struct Progress {
    var reference: Double?
    var latest: Double?
    var line: LeastSquaresLine?

    init(_ facts: IndicatorFacts, series: ArraySlice<ObservationIndex.Point>, upTo year: Int) {
        var line = LeastSquaresLine()
        if let baseline = facts.baseline {
            reference = baseline
            if let baselineYear = facts.baselineYear { line.add(year: baselineYear, value: baseline) }
        }
        for point in series where point.year <= year && !point.value.isNaN {
            // A value for the base year itself, or before it, is the baseline's business.
            if let baselineYear = facts.baselineYear, facts.baseline != nil, point.year <= baselineYear { continue }
            if reference == nil {
                reference = point.value
            } else {
                latest = point.value
            }
            line.add(year: point.year, value: point.value)
        }
        self.line = line.fit == nil ? nil : line
    }

    func trend(direction: Direction?) -> TrendStatus? {
        guard let reference else { return nil }
        guard let latest else { return .baselineOnly }
        return TrendStatus.classify(reference: reference, latest: latest, direction: direction)
    }
}

private struct DecisionKey: Hashable {
    var indicator: String
    var region: String
    var year: Int
}

extension Plan {
    /// The plan evaluated for one region and year. To evaluate several, build one `PlanEvaluator`.
    public func evaluation(
        year: Int, region: String, observations: [Observation], decisions: [ReviewerDecision] = []
    ) -> RegionEvaluation {
        PlanEvaluator(plan: self, observations: observations, decisions: decisions).evaluate(year: year, region: region)
    }
}

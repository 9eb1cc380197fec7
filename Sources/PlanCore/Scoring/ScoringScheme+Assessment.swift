extension ScoringScheme {
    /// Scores the regions' evaluations (one year) and ranks regions and lead departments.
    ///
    /// ```swift
    /// let scheme = ScoringScheme(version: 1, defaultWeight: 4, whenNotMet: .proportional,
    ///                            late: .init(perSubmission: 1, cap: 5))
    /// let assessment = scheme.assess(evaluator.evaluateAllRegions(year: 2019), submissions: facts)
    /// assessment.regions[0].rank        // 1
    /// assessment.regions[0].items[0].reason  // "达标，得满分 4"
    /// ```
    ///
    /// A department's card collects the items of the indicators it leads (an indicator with two leads counts
    /// for both) and the deductions of their submissions; an indicator naming no lead scores for its region
    /// only. Submission facts for a region not evaluated are ignored.
    /// `year` names the year when no region has anything to evaluate (an empty plan): the assessment is still
    /// of that year, never of year 0.
    public func assess(_ evaluations: [RegionEvaluation], submissions: [SubmissionFacts] = [], year: Int? = nil) -> Assessment {
        var regions: [ScoreCard] = []
        var departments: [ScoreCard] = []
        var departmentIndex: [String: Int] = [:]
        // Evaluations of one plan list the same indicators in the same order: weights and departments are
        // worked out for a position once and reused while the key at that position is the same.
        var positions: [(key: String, weight: Double, departments: [Int])] = []
        var departmentsByKey: [String: [Int]] = [:]

        func departmentIndices(of indicator: IndicatorEvaluation) -> [Int] {
            indicator.lead.map { lead in
                if let known = departmentIndex[lead] { return known }
                departmentIndex[lead] = departments.count
                departments.append(ScoreCard(name: lead))
                return departments.count - 1
            }
        }

        for evaluation in evaluations {
            var card = ScoreCard(name: evaluation.regionCode)
            card.items.reserveCapacity(evaluation.indicators.count)
            for (position, indicator) in evaluation.indicators.enumerated() {
                let key = indicator.evaluationKey
                if position == positions.count {
                    positions.append((key, weight(of: indicator), departmentIndices(of: indicator)))
                    departmentsByKey[key] = positions[position].departments
                } else if positions[position].key != key {
                    positions[position] = (key, weight(of: indicator), departmentIndices(of: indicator))
                    departmentsByKey[key] = positions[position].departments
                }
                let item = score(indicator, weight: positions[position].weight, regionCode: evaluation.regionCode)
                card.possible += item.weight
                card.earned += item.earned
                for department in positions[position].departments {
                    departments[department].possible += item.weight
                    departments[department].earned += item.earned
                    departments[department].items.append(item)
                }
                card.items.append(item)
            }
            regions.append(card)
        }

        var regionIndex: [String: Int] = [:]
        for (i, card) in regions.enumerated() { regionIndex[card.name] = i }
        for facts in submissions {
            guard let region = regionIndex[facts.regionCode] else { continue }
            for deduction in deductions(for: facts) {
                regions[region].deductions.append(deduction)
                for department in departmentsByKey[facts.evaluationKey] ?? [] {
                    departments[department].deductions.append(deduction)
                }
            }
        }
        return Assessment(
            schemeVersion: version, year: evaluations.first?.year ?? year ?? 0,
            regions: ScoreCard.ranked(regions.map(totalled)), departments: ScoreCard.ranked(departments.map(totalled)))
    }

    /// One indicator's marks under this scheme.
    public func score(_ indicator: IndicatorEvaluation, regionCode: String) -> ScoreItem {
        score(indicator, weight: weight(of: indicator), regionCode: regionCode)
    }

    private func score(_ indicator: IndicatorEvaluation, weight: Double, regionCode: String) -> ScoreItem {
        let (earned, basis) = marks(indicator, weight: weight)
        return ScoreItem(
            indicator: indicator.key, indicatorID: indicator.indicatorID, name: indicator.name, regionCode: regionCode, status: indicator.status,
            weight: weight, earned: Self.rounded(earned), basis: basis)
    }

    private func marks(_ indicator: IndicatorEvaluation, weight: Double) -> (Double, ScoreBasis) {
        if let decision = indicator.decision {
            if qualitativeItems == .reviewerMarks, let marks = decision.marks {
                return (min(max(marks, 0), weight), .reviewerMarks(author: decision.author))
            }
            let met = decision.verdict == .met
            return (met ? weight : 0, .reviewerVerdict(author: decision.author, met: met))
        }
        switch indicator.status {
        case .met: return (weight, .met)
        case .needsReview: return (0, .awaitingReview)
        case .noData: return (0, .noData)
        case .notMet:
            guard whenNotMet == .proportional else { return (0, .zeroWhenNotMet) }
            guard let percent = indicator.percentAchieved else { return (0, .noPercent) }
            let clamped = min(max(percent, 0), 100)
            return (weight * clamped / 100, .proportional(percent: clamped))
        }
    }

    private func deductions(for facts: SubmissionFacts) -> [ScoreDeduction] {
        var found: [ScoreDeduction] = []
        if facts.late, late.perSubmission != 0 {
            found.append(
                ScoreDeduction(
                    kind: .late, indicator: facts.indicator, indicatorID: facts.indicatorID, regionCode: facts.regionCode, count: 1,
                    points: late.perSubmission))
        }
        if facts.returnedCount > 0, returned.perSubmission != 0 {
            found.append(
                ScoreDeduction(
                    kind: .returned, indicator: facts.indicator, indicatorID: facts.indicatorID, regionCode: facts.regionCode,
                    count: facts.returnedCount, points: returned.perSubmission * Double(facts.returnedCount)))
        }
        return found
    }

    /// The card with its deductions capped and its score worked out.
    private func totalled(_ card: ScoreCard) -> ScoreCard {
        var card = card
        card.possible = Self.rounded(card.possible)
        card.earned = Self.rounded(card.earned)
        var lateTotal = 0.0, returnedTotal = 0.0
        for deduction in card.deductions {
            switch deduction.kind {
            case .late: lateTotal += deduction.points
            case .returned: returnedTotal += deduction.points
            }
        }
        card.deducted = Self.rounded(
            min(lateTotal, late.cap ?? .infinity) + min(returnedTotal, returned.cap ?? .infinity))
        let share = card.possible > 0 ? card.earned / card.possible * 100 : 0
        card.score = Self.rounded(max(0, Self.rounded(share) - card.deducted))
        return card
    }

    /// Two decimals, as marks are published; equal published scores are equal for ranking.
    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}

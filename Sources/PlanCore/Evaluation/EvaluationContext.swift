/// What a target is evaluated against besides the actual value.
struct EvaluationContext {
    var direction: Direction?
    var baseline: Double?
    var baselineYear: Int?
    var previous: Double?

    func evaluate(_ target: TargetExpression, actual: Double) -> Evaluation {
        switch target {
        case .comparison(let c): return comparison(c, actual: actual)
        case .range(let r): return range(r, actual: actual)
        case .relativeChange(let r): return relativeChange(r, actual: actual)
        case .trend(let t): return trend(t, actual: actual)
        case .externalReference(let text):
            return review("目标参照上级下达的指标（\(text)），需审核人依据下达值和佐证材料判定")
        case .qualitative:
            return review("定性目标，需审核人依据佐证材料确认")
        case .compound(let parts):
            return evaluateCompound(parts, actual: actual, actualParts: [])
        case .none:
            return review("该年度未设定目标值")
        case .unparsed(let text):
            return review("目标文字“\(text)”无法自动解析，需人工判定")
        }
    }

    func evaluateCompound(_ parts: [TargetExpression], actual: Double?, actualParts: [Double]) -> Evaluation {
        let values = actualParts.isEmpty ? (actual.map { [$0] } ?? []) : actualParts
        guard !values.isEmpty else { return Evaluation(status: .noData, note: .noData) }
        guard values.count == parts.count else {
            return review("复合目标含 \(parts.count) 项，需逐项填报 \(parts.count) 个实际值（现有 \(values.count) 个）")
        }
        // Each part is its own measure; the baseline of the whole row does not apply to a part.
        let partContext = EvaluationContext(direction: direction, baseline: nil, baselineYear: nil, previous: nil)
        let results = zip(parts, values).map { partContext.evaluate($0, actual: $1) }
        let status: Evaluation.Status =
            if results.contains(where: { $0.status == .needsReview }) { .needsReview }
            else if results.allSatisfy({ $0.status == .met }) { .met }
            else { .notMet }
        let notes = zip(parts, results).map { (label: Self.label(of: $0), note: $1.note) }
        return Evaluation(status: status, note: .parts(notes))
    }

    // MARK: - Kinds

    private func comparison(_ c: Comparison, actual: Double) -> Evaluation {
        switch c.op {
        case .atLeast: return judge(actual, .atLeast, c.value)
        case .greaterThan: return judge(actual, .greaterThan, c.value)
        case .atMost: return judge(actual, .atMost, c.value)
        case .lessThan: return judge(actual, .lessThan, c.value)
        case .reach:
            switch direction {
            case .higher: return judge(actual, .atLeast, c.value)
            case .lower: return judge(actual, .atMost, c.value)
            case nil:
                // Exactly the target is met whichever way is better; only a value off it needs the direction.
                if Self.rounded(actual) == Self.rounded(c.value) { return judge(actual, .atLeast, c.value) }
                return review("目标为单一数值 \(NumberText.format(c.value))，需先确定指标方向（越高越好或越低越好）")
            }
        case .about:
            let tolerance = abs(c.value) * Comparison.aboutTolerance
            switch direction {
            case .higher: return judge(actual, .atLeast, c.value - tolerance, target: c.value)
            case .lower: return judge(actual, .atMost, c.value + tolerance, target: c.value)
            case nil:
                let met = Self.rounded(abs(actual - c.value)) <= Self.rounded(tolerance)
                return Evaluation(
                    status: met ? .met : .notMet, threshold: c.value, comparator: "≈",
                    note: .about(actual: actual, value: c.value, tolerance: tolerance, met: met))
            }
        }
    }

    private func range(_ r: ValueRange, actual: Double) -> Evaluation {
        let value = Self.rounded(actual)
        // Beyond the range on the better side (above it when higher is better) is more than the plan asked.
        let met =
            switch direction {
            case .higher: value >= Self.rounded(r.low)
            case .lower: value <= Self.rounded(r.high)
            case nil: value >= Self.rounded(r.low) && value <= Self.rounded(r.high)
            }
        return Evaluation(
            status: met ? .met : .notMet, comparator: "在…之间",
            note: .range(actual: actual, low: r.low, high: r.high, met: met))
    }

    private func relativeChange(_ r: RelativeChange, actual: Double) -> Evaluation {
        let reference: Double
        switch r.reference {
        case .previousYear:
            guard let previous else { return review("目标相对上一年设定，缺少上一年实际值，无法计算目标值") }
            reference = previous
        case .annualAverage:
            // Compounding needs the number of years between the baseline and the actual, which one target
            // and one value do not say; a person decides rather than hcm guessing a total change.
            return review("年均变化目标需按基线年到评估年的年数复合计算，需人工核定")
        case .baseline:
            let yearText = r.referenceYear.map { "\($0)年" } ?? ""
            guard let baseline else { return review("目标相对\(yearText)基线设定，缺少基线值，无法计算目标值") }
            if let wanted = r.referenceYear, let baselineYear, wanted != baselineYear {
                return review("目标以\(wanted)年为基准，而基线为\(baselineYear)年，需人工核定目标值")
            }
            reference = baseline
        }
        guard let percent = r.percent else {
            return r.change == .decrease ? judge(actual, .lessThan, reference) : judge(actual, .greaterThan, reference)
        }
        let factor = r.change == .decrease ? 1 - percent / 100 : 1 + percent / 100
        let threshold = Self.rounded(reference * factor)
        return r.change == .decrease ? judge(actual, .atMost, threshold) : judge(actual, .atLeast, threshold)
    }

    private func trend(_ t: Trend, actual: Double) -> Evaluation {
        guard let reference = previous ?? baseline else {
            return review("趋势目标需与上一年实际值或基线比较，两者均缺")
        }
        let what = previous == nil ? "基线值" : "上一年值"
        switch (t.expected, direction) {
        case (.increase, _): return judge(actual, .greaterThan, reference, against: what, progress: false)
        case (.decrease, _): return judge(actual, .lessThan, reference, against: what, progress: false)
        case (.maintain, .higher): return judge(actual, .atLeast, reference, against: what, progress: false)
        case (.maintain, .lower): return judge(actual, .atMost, reference, against: what, progress: false)
        case (.maintain, nil): return comparison(Comparison(op: .about, value: reference), actual: actual)
        }
    }

    // MARK: - Helpers

    /// Compares at six decimals, so 13.7 × 0.9 is 12.33 and an actual equal to it meets it.
    private func judge(
        _ actual: Double, _ bound: Bound, _ threshold: Double, target: Double? = nil, against: String = "目标",
        progress: Bool = true
    ) -> Evaluation {
        let a = Self.rounded(actual)
        let t = Self.rounded(threshold)
        let met =
            switch bound {
            case .atLeast: a >= t
            case .greaterThan: a > t
            case .atMost: a <= t
            case .lessThan: a < t
            }
        let achieved = progress ? percentAchieved(actual: actual, target: target ?? threshold) : nil
        return Evaluation(
            status: met ? .met : .notMet, threshold: t, comparator: bound.symbol, percentAchieved: achieved,
            note: .compared(actual: actual, bound: bound, against: against, threshold: t, met: met))
    }

    private func percentAchieved(actual: Double, target: Double) -> Double? {
        guard let baseline, target != baseline else { return nil }
        return ((actual - baseline) / (target - baseline) * 1000).rounded() / 10
    }

    private func review(_ reason: String) -> Evaluation {
        Evaluation(status: .needsReview, note: .review(reason))
    }

    static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }

    private static func label(of part: TargetExpression) -> String? {
        switch part {
        case .comparison(let c): c.label
        case .range(let r): r.label
        case .relativeChange(let r): r.label
        default: nil
        }
    }
}

extension Indicator {
    /// The target a year's value is judged against: that year's own target, else the next one the plan sets
    /// (progress towards the period's end target), else the last.
    public func judgedTarget(for year: Int) -> Target? {
        let dated = targets.filter { $0.year != nil }.sorted { $0.year! < $1.year! }
        return target(for: year) ?? dated.first { $0.year! > year } ?? dated.last ?? targets.last
    }

    /// A value of `year` judged against the target of that year, with the plan's baseline and direction.
    public func evaluate(_ observation: Observation?, previous: Observation? = nil) -> Evaluation {
        guard let observation, let target = judgedTarget(for: observation.year) else {
            return Evaluation(target: .none, direction: direction, actual: nil)
        }
        let values = observation.values
        if values.isEmpty {
            // "达标", "已完成": a reviewer decides, with the evidence.
            return Evaluation(status: .needsReview, note: .review("填报值“\(observation.valueText)”不是数值，需审核人判定"))
        }
        return Evaluation(
            target: target.parsed, direction: direction, baseline: baseline?.value, baselineYear: baseline?.year,
            actual: values.count == 1 ? values[0] : nil, actualParts: values.count > 1 ? values : [],
            previous: previous?.value)
    }
}

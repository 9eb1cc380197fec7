/// Progress over the years in the manner of Healthy People 2030: has the indicator moved the right way since
/// its baseline?
///
/// The latest value up to the evaluated year is compared with the reference: the baseline, or the first
/// reported value where the plan gives no numeric baseline. The change is *little or no change* when it is
/// under `tolerance` of the reference (1%: 79.6 → 80.3 years is +0.88%, little or no change; 5.26 → 5.0 per
/// 10 000 is −4.9%, a change). Healthy People tests statistical significance; plans give no standard errors,
/// so a fixed relative tolerance stands in for it. A reference of 0 admits no relative change: any change is
/// a change. Beyond the tolerance the indicator's direction says whether the change is `improving` or
/// `gettingWorse`; without a direction there is no verdict (nil).
public enum TrendStatus: String, Sendable, Codable, CaseIterable {
    case improving
    case littleOrNoChange
    case gettingWorse
    /// Only the reference is known: no value reported after it yet.
    case baselineOnly

    /// A change under this fraction of the reference is little or no change.
    public static let tolerance = 0.01

    /// The status of a move from `reference` to `latest`.
    public static func classify(reference: Double, latest: Double, direction: Direction?) -> TrendStatus? {
        let change = EvaluationContext.rounded(latest - reference)
        let littleOrNone =
            reference == 0 ? change == 0 : abs(change) < EvaluationContext.rounded(abs(reference) * tolerance)
        if littleOrNone { return .littleOrNoChange }
        switch direction {
        case .higher: return change > 0 ? .improving : .gettingWorse
        case .lower: return change < 0 ? .improving : .gettingWorse
        case nil: return nil
        }
    }
}

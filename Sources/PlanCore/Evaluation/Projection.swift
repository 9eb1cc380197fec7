/// Where an indicator is heading: the value of the period's end year on the line fitted to the baseline and
/// the values reported so far, judged against the end year's target.
///
/// The line is the least-squares fit rather than the line through the baseline and the latest value, because
/// it uses every year reported: one unusual year (an outbreak, a change of survey) moves the projection
/// by its share of the years, not all the way. A plan runs three to five years with one value a year, too
/// few to fit anything with more parameters honestly; a straight line is also what an office can check with
/// a ruler on the chart.
public struct Projection: Sendable, Codable, Equatable {
    /// The year projected to: the plan period's end.
    public var year: Int
    /// The fitted line's value in `year`, rounded to six decimals.
    public var value: Double
    /// The fitted change per year.
    public var slopePerYear: Double
    /// How many years the line is fitted to, the baseline included.
    public var pointCount: Int
    /// The projected value judged against the end year's target; `notMet` makes the indicator at risk.
    public var targetStatus: Evaluation.Status

    public init(year: Int, value: Double, slopePerYear: Double, pointCount: Int, targetStatus: Evaluation.Status) {
        self.year = year
        self.value = value
        self.slopePerYear = slopePerYear
        self.pointCount = pointCount
        self.targetStatus = targetStatus
    }
}

/// The least-squares line through (year, value) points, accumulated one point at a time without storing them.
/// Years are counted from the first point's, so the sums stay small and exact for the years plans span.
struct LeastSquaresLine {
    private var origin: Int?
    private var lastYear: Int?
    private(set) var count = 0
    private var distinctYears = 0
    private var sumX = 0.0, sumY = 0.0, sumXY = 0.0, sumXX = 0.0

    /// Points come in year order (a year may repeat).
    mutating func add(year: Int, value: Double) {
        let origin = self.origin ?? year
        self.origin = origin
        if lastYear != year { distinctYears += 1 }
        lastYear = year
        let x = Double(year - origin)
        count += 1
        sumX += x
        sumY += value
        sumXY += x * value
        sumXX += x * x
    }

    /// Slope and intercept (at the origin year); nil until two different years are in.
    var fit: (slope: Double, intercept: Double)? {
        guard distinctYears >= 2 else { return nil }
        let n = Double(count)
        let denominator = n * sumXX - sumX * sumX
        guard denominator != 0 else { return nil }
        let slope = (n * sumXY - sumX * sumY) / denominator
        return (slope, (sumY - slope * sumX) / n)
    }

    /// The line's value in `year`.
    func value(in year: Int) -> Double? {
        guard let origin, let fit else { return nil }
        return fit.intercept + fit.slope * Double(year - origin)
    }
}

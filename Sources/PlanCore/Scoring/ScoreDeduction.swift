/// Points taken off for how one indicator's value was submitted in one region.
public struct ScoreDeduction: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Submitted after the deadline.
        case late
        /// Returned to the department for correction, `count` times.
        case returned
    }

    public var kind: Kind
    public var indicator: String
    /// The stored indicator's id (nil for a plan not stored): what the deduction refers to.
    public var indicatorID: Int64?
    public var regionCode: String
    public var count: Int
    /// Before the card's cap is applied.
    public var points: Double

    public init(kind: Kind, indicator: String, indicatorID: Int64? = nil, regionCode: String, count: Int, points: Double) {
        self.kind = kind
        self.indicator = indicator
        self.indicatorID = indicatorID
        self.regionCode = regionCode
        self.count = count
        self.points = points
    }

    /// "逾期提交，扣 1 分" / "被退回 2 次，扣 1 分".
    public var reason: String {
        let points = NumberText.format(self.points)
        switch kind {
        case .late: return "逾期提交，扣 \(points) 分"
        case .returned: return "被退回 \(count) 次，扣 \(points) 分"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case kind, indicator, indicatorID, regionCode, count, points, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(indicator, forKey: .indicator)
        try c.encodeIfPresent(indicatorID, forKey: .indicatorID)
        try c.encode(regionCode, forKey: .regionCode)
        try c.encode(count, forKey: .count)
        try c.encode(points, forKey: .points)
        try c.encode(reason, forKey: .reason)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        indicator = try c.decode(String.self, forKey: .indicator)
        indicatorID = try c.decodeIfPresent(Int64.self, forKey: .indicatorID)
        regionCode = try c.decode(String.self, forKey: .regionCode)
        count = try c.decode(Int.self, forKey: .count)
        points = try c.decode(Double.self, forKey: .points)
    }
}

/// One indicator's marks in one region: what it could earn, what it earned, and why.
public struct ScoreItem: Sendable, Codable, Equatable {
    /// The indicator's code, or its name where it has no code: shown.
    public var indicator: String
    /// The stored indicator's id (nil for a plan not stored): what the item refers to.
    public var indicatorID: Int64?
    public var name: String
    public var regionCode: String
    public var status: Evaluation.Status
    public var weight: Double
    /// Rounded to two decimals, as a 考核 table shows it.
    public var earned: Double
    var basis: ScoreBasis

    /// Why the item earned what it did, in Chinese ("未达标，目标完成比例 73.5%，按比例得 2.94 分（满分 4）").
    /// Written when read, as an evaluation's explanation is.
    public var reason: String { basis.text(weight: weight, earned: earned) }

    init(
        indicator: String, indicatorID: Int64? = nil, name: String, regionCode: String, status: Evaluation.Status, weight: Double,
        earned: Double, basis: ScoreBasis
    ) {
        self.indicator = indicator
        self.indicatorID = indicatorID
        self.name = name
        self.regionCode = regionCode
        self.status = status
        self.weight = weight
        self.earned = earned
        self.basis = basis
    }

    private enum CodingKeys: String, CodingKey {
        case indicator, indicatorID, name, regionCode, status, weight, earned, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(indicator, forKey: .indicator)
        try c.encodeIfPresent(indicatorID, forKey: .indicatorID)
        try c.encode(name, forKey: .name)
        try c.encode(regionCode, forKey: .regionCode)
        try c.encode(status, forKey: .status)
        try c.encode(weight, forKey: .weight)
        try c.encode(earned, forKey: .earned)
        try c.encode(reason, forKey: .reason)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        indicator = try c.decode(String.self, forKey: .indicator)
        indicatorID = try c.decodeIfPresent(Int64.self, forKey: .indicatorID)
        name = try c.decode(String.self, forKey: .name)
        regionCode = try c.decode(String.self, forKey: .regionCode)
        status = try c.decode(Evaluation.Status.self, forKey: .status)
        weight = try c.decode(Double.self, forKey: .weight)
        earned = try c.decode(Double.self, forKey: .earned)
        basis = .written(try c.decode(String.self, forKey: .reason))
    }

    public static func == (a: ScoreItem, b: ScoreItem) -> Bool {
        a.indicator == b.indicator && a.indicatorID == b.indicatorID && a.name == b.name && a.regionCode == b.regionCode && a.status == b.status
            && a.weight == b.weight && a.earned == b.earned && a.reason == b.reason
    }
}

/// The rule an item's marks came from.
enum ScoreBasis: Sendable {
    case met
    /// Not met, scored by the percent of the targeted change achieved (clamped to 0…100).
    case proportional(percent: Double)
    /// Not met, scored proportionally, but no percent could be worked out.
    case noPercent
    case zeroWhenNotMet
    case reviewerMarks(author: String)
    case reviewerVerdict(author: String, met: Bool)
    case awaitingReview
    case noData
    /// A reason read back from JSON.
    case written(String)

    func text(weight: Double, earned: Double) -> String {
        let w = NumberText.format(weight)
        switch self {
        case .met: return "达标，得满分 \(w)"
        case .proportional(let percent):
            return "未达标，目标完成比例 \(NumberText.format(percent))%，按比例得 \(NumberText.format(earned)) 分（满分 \(w)）"
        case .noPercent: return "未达标，无法计算目标完成比例，不得分（满分 \(w)）"
        case .zeroWhenNotMet: return "未达标，不得分（满分 \(w)）"
        case .reviewerMarks(let author): return "审核人\(author)评分 \(NumberText.format(earned)) 分（满分 \(w)）"
        case .reviewerVerdict(let author, true): return "审核人\(author)判定达标，得满分 \(w)"
        case .reviewerVerdict(let author, false): return "审核人\(author)判定未达标，不得分（满分 \(w)）"
        case .awaitingReview: return "待审核人判定，暂不得分（满分 \(w)）"
        case .noData: return "未填报，不得分（满分 \(w)）"
        case .written(let text): return text
        }
    }
}

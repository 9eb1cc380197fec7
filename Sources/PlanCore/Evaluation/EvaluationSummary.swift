/// How many indicators are in each status, and how many are at risk.
public struct StatusCounts: Sendable, Codable, Equatable {
    public var met = 0
    public var notMet = 0
    public var needsReview = 0
    public var noData = 0
    /// Counted besides the status: an indicator met this year can still be heading off its end-year target.
    public var atRisk = 0

    public init(met: Int = 0, notMet: Int = 0, needsReview: Int = 0, noData: Int = 0, atRisk: Int = 0) {
        self.met = met
        self.notMet = notMet
        self.needsReview = needsReview
        self.noData = noData
        self.atRisk = atRisk
    }

    public var total: Int { met + notMet + needsReview + noData }

    public subscript(status: Evaluation.Status) -> Int {
        switch status {
        case .met: met
        case .notMet: notMet
        case .needsReview: needsReview
        case .noData: noData
        }
    }

    /// `total` is written too, for a reader; it is worked out again when read.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encode(met, forKey: .met)
        try c.encode(notMet, forKey: .notMet)
        try c.encode(needsReview, forKey: .needsReview)
        try c.encode(noData, forKey: .noData)
        try c.encode(atRisk, forKey: .atRisk)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        met = try c.decode(Int.self, forKey: .met)
        notMet = try c.decode(Int.self, forKey: .notMet)
        needsReview = try c.decode(Int.self, forKey: .needsReview)
        noData = try c.decode(Int.self, forKey: .noData)
        atRisk = try c.decode(Int.self, forKey: .atRisk)
    }

    private enum CodingKeys: String, CodingKey {
        case total, met, notMet, needsReview, noData, atRisk
    }

    /// The counts of two sets of items together (regions summed into a province, say).
    public static func + (a: StatusCounts, b: StatusCounts) -> StatusCounts {
        StatusCounts(
            met: a.met + b.met, notMet: a.notMet + b.notMet, needsReview: a.needsReview + b.needsReview,
            noData: a.noData + b.noData, atRisk: a.atRisk + b.atRisk)
    }

    mutating func add(_ status: Evaluation.Status, atRisk risk: Bool) {
        switch status {
        case .met: met += 1
        case .notMet: notMet += 1
        case .needsReview: needsReview += 1
        case .noData: noData += 1
        }
        if risk { atRisk += 1 }
    }
}

/// The counts of one domain or one lead department.
public struct GroupCounts: Sendable, Codable, Equatable {
    public var name: String
    public var counts: StatusCounts

    public init(name: String, counts: StatusCounts) {
        self.name = name
        self.counts = counts
    }
}

/// The counts of a region's evaluation: overall, by top-level domain and by lead department, groups in the
/// order the plan first names them. An indicator led by two departments counts for each.
public struct EvaluationSummary: Sendable, Codable, Equatable {
    public var total: StatusCounts
    public var byDomain: [GroupCounts]
    public var byLead: [GroupCounts]

    /// The group of indicators that name no domain or no lead department.
    public static let unassigned = "未明确"

    public init(total: StatusCounts, byDomain: [GroupCounts], byLead: [GroupCounts]) {
        self.total = total
        self.byDomain = byDomain
        self.byLead = byLead
    }
}

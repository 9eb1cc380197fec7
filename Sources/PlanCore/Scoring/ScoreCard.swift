/// The assessment of one region or one lead department: its hundred-mark score, its rank, and every item and
/// deduction the score is made of.
///
/// The score is the share of the possible marks earned, on a hundred-mark scale, less the deductions:
/// `earned / possible × 100 − deducted`, at least 0, to two decimals. A share rather than a sum, so a
/// department leading 3 indicators and one leading 30 are compared on the same scale.
public struct ScoreCard: Sendable, Codable, Equatable {
    /// The department's name, or the region's code.
    public var name: String
    /// 1 for the best; equal scores share a rank and the next rank is skipped (1, 1, 3).
    public var rank: Int
    public var score: Double
    /// The sum of the items' weights.
    public var possible: Double
    /// The sum of the items' marks.
    public var earned: Double
    /// Points taken off, after each rule's cap.
    public var deducted: Double
    public var items: [ScoreItem]
    /// Every deduction before the caps.
    public var deductions: [ScoreDeduction]

    public init(
        name: String, rank: Int = 0, score: Double = 0, possible: Double = 0, earned: Double = 0, deducted: Double = 0,
        items: [ScoreItem] = [], deductions: [ScoreDeduction] = []
    ) {
        self.name = name
        self.rank = rank
        self.score = score
        self.possible = possible
        self.earned = earned
        self.deducted = deducted
        self.items = items
        self.deductions = deductions
    }
}

extension ScoreCard {
    /// Cards sorted best first (by name where scores are equal, so the order is the same on every run) with
    /// their ranks: a card's rank is one more than the number of cards scoring higher.
    public static func ranked(_ cards: [ScoreCard]) -> [ScoreCard] {
        var sorted = cards.sorted { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
        for i in sorted.indices {
            sorted[i].rank = i > 0 && sorted[i - 1].score == sorted[i].score ? sorted[i - 1].rank : i + 1
        }
        return sorted
    }
}

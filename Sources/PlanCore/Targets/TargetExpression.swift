/// What a target cell means. The raw text is kept beside it (`Target.text`); this is the reading.
///
/// Kinds follow DESIGN.md: `comparison` ("≥76", "＞65万", "40左右", a plain "80.77"), `range` ("15-20"),
/// `relativeChange` ("比2015年下降10%"), `trend` ("持续降低"), `externalReference` ("完成省级目标"),
/// `qualitative` ("不发生", a sentence with nothing to measure), `compound` ("0.42；20.19"),
/// `none` ("", "-") and `unparsed` (text that could not be read; never guessed into a number).
public enum TargetExpression: Sendable, Equatable, Hashable {
    case comparison(Comparison)
    case range(ValueRange)
    case relativeChange(RelativeChange)
    case trend(Trend)
    case externalReference(String)
    case qualitative(String)
    case compound([TargetExpression])
    case none
    case unparsed(String)

    /// The JSON `kind` of this expression.
    public var kind: String {
        switch self {
        case .comparison: "comparison"
        case .range: "range"
        case .relativeChange: "relativeChange"
        case .trend: "trend"
        case .externalReference: "externalReference"
        case .qualitative: "qualitative"
        case .compound: "compound"
        case .none: "none"
        case .unparsed: "unparsed"
        }
    }

    /// Whether a number can be checked against this expression without a person's judgement.
    public var isMeasurable: Bool {
        switch self {
        case .comparison, .range, .relativeChange: true
        case .compound(let parts): parts.allSatisfy(\.isMeasurable)
        default: false
        }
    }

    /// The numbers the expression states, in order (a compound's parts flattened).
    public var values: [Double] {
        switch self {
        case .comparison(let c): [c.value]
        case .range(let r): [r.low, r.high]
        case .compound(let parts): parts.flatMap(\.values)
        default: []
        }
    }

    /// The number of a single-valued comparison ("80.77", "≥76"); nil for anything else.
    public var singleValue: Double? {
        if case .comparison(let c) = self { return c.value }
        return nil
    }
}

/// A comparison with one value: "≥76", "＞65万" (650000), "40以上", "7以下", "40左右", a plain "80.77".
public struct Comparison: Sendable, Equatable, Hashable {
    public enum Operator: String, Sendable, Codable, CaseIterable {
        case atLeast = ">="
        case greaterThan = ">"
        case atMost = "<="
        case lessThan = "<"
        /// 左右: about the value, within `Comparison.aboutTolerance`.
        case about = "~"
        /// A value to reach ("达到24%", a plain "80.77"): the indicator's direction says which side is good.
        case reach
    }

    public var op: Operator
    /// The value with any multiplier applied ("65万" → 650000).
    public var value: Double
    public var unit: String?
    /// 万 = 10 000, 亿 = 100 000 000, when the text used one.
    public var multiplier: Double?
    /// What the value is of, in compound and sentence targets ("食品" in "食品96以上").
    public var label: String?

    public init(op: Operator, value: Double, unit: String? = nil, multiplier: Double? = nil, label: String? = nil) {
        self.op = op
        self.value = value
        self.unit = unit
        self.multiplier = multiplier
        self.label = label
    }

    /// "左右" counts as met within this fraction of the value (40左右 → 38 … 42).
    public static let aboutTolerance = 0.05
}

/// A closed range: "15-20", "13-15名".
public struct ValueRange: Sendable, Equatable, Hashable {
    public var low: Double
    public var high: Double
    public var unit: String?
    public var label: String?

    public init(low: Double, high: Double, unit: String? = nil, label: String? = nil) {
        self.low = low
        self.high = high
        self.unit = unit
        self.label = label
    }
}

/// A change relative to a reference: "比2015年下降10%", "下降5%" (against the baseline), "较前一年减少".
public struct RelativeChange: Sendable, Equatable, Hashable {
    public enum Change: String, Sendable, Codable {
        case decrease, increase
    }

    public enum Reference: String, Sendable, Codable {
        /// The indicator's baseline (its year is `referenceYear` when the text names one).
        case baseline
        /// The previous year's actual value ("较前一年", "比上年").
        case previousYear
        /// A yearly average ("年均增长8%"): compounded over the years since the baseline.
        case annualAverage
    }

    public var change: Change
    /// The percentage of change, when stated; without it any change in the right direction meets the target.
    public var percent: Double?
    public var reference: Reference
    public var referenceYear: Int?
    public var label: String?

    public init(change: Change, percent: Double?, reference: Reference = .baseline, referenceYear: Int? = nil, label: String? = nil) {
        self.change = change
        self.percent = percent
        self.reference = reference
        self.referenceYear = referenceYear
        self.label = label
    }
}

/// A movement without a number: "持续降低", "逐步提高", "保持".
public struct Trend: Sendable, Equatable, Hashable {
    public enum Expected: String, Sendable, Codable {
        case increase, decrease, maintain
    }

    public var expected: Expected

    public init(expected: Expected) {
        self.expected = expected
    }
}

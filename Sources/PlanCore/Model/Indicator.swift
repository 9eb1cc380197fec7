/// An indicator (指标) with its baseline, yearly targets and the departments answerable for it.
public struct Indicator: Sendable, Codable, Equatable {
    /// The stored indicator's id, set by the store when it reads a plan; nil for a plan not yet stored. Two
    /// tables of one plan may both number from 1 (seed 003): the id, never the code, is what observations,
    /// decisions and evaluations refer to.
    public var id: Int64?
    /// The document's own code ("1.3"), when it has one.
    public var code: String?
    /// The path of group names from the top-level domain down (["健康水平", "提升健康水平"]).
    public var domain: [String]
    /// The name without its trailing unit parenthesis ("人均预期寿命（岁）" → "人均预期寿命").
    public var name: String
    public var unit: String?
    public var direction: Direction?
    /// 约束性 / 预期性 / 倡导性, when the plan says.
    public var nature: String?
    public var baseline: Baseline?
    public var targets: [Target]
    public var lead: [String]
    public var cooperating: [String]
    public var sourceLine: Int?
    /// 指标定义 / 口径 / 计算方法, from a definition column or a note row under the indicator: shown to reporters.
    public var definition: String?
    /// The table's other columns, by their header (数据来源, 分值, 备注, a column the importer does not know).
    public var attributes: [IndicatorAttribute]?
    /// The office's own plausible range for values; nil: the default from unit and name (`checkedRange`).
    public var plausibleRange: PlausibleRange?

    public init(
        code: String? = nil, domain: [String] = [], name: String, unit: String? = nil,
        direction: Direction? = nil, nature: String? = nil, baseline: Baseline? = nil,
        targets: [Target] = [], lead: [String] = [], cooperating: [String] = [], sourceLine: Int? = nil,
        plausibleRange: PlausibleRange? = nil, id: Int64? = nil
    ) {
        self.id = id
        self.code = code
        self.domain = domain
        self.name = name
        self.unit = unit
        self.direction = direction
        self.nature = nature
        self.baseline = baseline
        self.targets = targets
        self.lead = lead
        self.cooperating = cooperating
        self.sourceLine = sourceLine
        self.plausibleRange = plausibleRange
    }

    /// The text of the attribute a header names, if the table has it.
    public func attribute(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.text
    }

    /// The target for a year, if the plan sets one.
    public func target(for year: Int) -> Target? {
        targets.first { $0.year == year }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(code, forKey: .code)
        try c.encode(domain, forKey: .domain)
        try c.encode(name, forKey: .name)
        try c.encode(unit, forKey: .unit)
        try c.encode(direction, forKey: .direction)
        try c.encode(nature, forKey: .nature)
        try c.encode(baseline, forKey: .baseline)
        try c.encode(targets, forKey: .targets)
        try c.encode(lead, forKey: .lead)
        try c.encode(cooperating, forKey: .cooperating)
        try c.encode(sourceLine, forKey: .sourceLine)
        try c.encodeIfPresent(definition, forKey: .definition)
        if let attributes, !attributes.isEmpty { try c.encode(attributes, forKey: .attributes) }
        // Left out unless the office set one, so an imported plan's JSON stays as the importer wrote it.
        try c.encodeIfPresent(plausibleRange, forKey: .plausibleRange)
    }
}

/// A column of an indicator table kept as it stands: its header and the indicator's cell.
public struct IndicatorAttribute: Sendable, Codable, Equatable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// Whether a higher or a lower value is better.
public enum Direction: String, Sendable, Codable, Equatable, CaseIterable {
    case higher
    case lower
}

/// The baseline value of an indicator, as written, for its base year.
public struct Baseline: Sendable, Codable, Equatable {
    public var year: Int?
    public var text: String

    public init(year: Int?, text: String) {
        self.year = year
        self.text = text
    }

    /// The baseline's number, when its text is a single measurable value.
    public var value: Double? { TargetExpression.parse(text).singleValue }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(text, forKey: .text)
    }
}

/// A target value (目标值): the raw text exactly as written, and what it means.
public struct Target: Sendable, Codable, Equatable {
    public var year: Int?
    public var text: String
    public var parsed: TargetExpression

    public init(year: Int?, text: String) {
        self.year = year
        self.text = text
        self.parsed = TargetExpression.parse(text)
    }

    public init(year: Int?, text: String, parsed: TargetExpression) {
        self.year = year
        self.text = text
        self.parsed = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(year, forKey: .year)
        try c.encode(text, forKey: .text)
        try c.encode(parsed, forKey: .parsed)
    }
}

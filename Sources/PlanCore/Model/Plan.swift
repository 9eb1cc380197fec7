/// A health action plan (规划/行动计划) as read from its document: the interchange form that
/// `hcm import FILE --json` prints and that storage creates published plans from.
public struct Plan: Sendable, Codable, Equatable {
    public var title: String
    public var region: String?
    public var period: Period?
    public var baseYear: Int?
    /// The yearly reporting deadline the plan states, as `MM-DD` ("每年5月10日前…填报" → "05-10").
    public var reportingDeadline: String?
    public var indicatorTables: [IndicatorTable]
    public var actions: [Action]
    public var projects: [Project]
    public var proseTargets: [ProseTarget]
    public var warnings: [ImportWarning]

    public init(
        title: String, region: String? = nil, period: Period? = nil, baseYear: Int? = nil,
        reportingDeadline: String? = nil, indicatorTables: [IndicatorTable] = [],
        actions: [Action] = [], projects: [Project] = [], proseTargets: [ProseTarget] = [],
        warnings: [ImportWarning] = []
    ) {
        self.title = title
        self.region = region
        self.period = period
        self.baseYear = baseYear
        self.reportingDeadline = reportingDeadline
        self.indicatorTables = indicatorTables
        self.actions = actions
        self.projects = projects
        self.proseTargets = proseTargets
        self.warnings = warnings
    }

    // Optional fields are written as explicit nulls: the interchange form always has every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(region, forKey: .region)
        try c.encode(period, forKey: .period)
        try c.encode(baseYear, forKey: .baseYear)
        try c.encode(reportingDeadline, forKey: .reportingDeadline)
        try c.encode(indicatorTables, forKey: .indicatorTables)
        try c.encode(actions, forKey: .actions)
        try c.encode(projects, forKey: .projects)
        try c.encode(proseTargets, forKey: .proseTargets)
        try c.encode(warnings, forKey: .warnings)
    }
}

/// The years a plan covers, inclusive.
public struct Period: Sendable, Codable, Equatable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var years: ClosedRange<Int> { start...max(start, end) }
}

/// One indicator table of a plan document (主要指标, 指标任务分解表 …).
public struct IndicatorTable: Sendable, Codable, Equatable {
    public var caption: String
    public var indicators: [Indicator]

    public init(caption: String, indicators: [Indicator] = []) {
        self.caption = caption
        self.indicators = indicators
    }

    /// The domain tree (领域 → 一级/二级指标) built from the indicators' domain paths, in document order.
    public var groups: [IndicatorGroup] { IndicatorGroup.tree(of: indicators) }
}

/// A target stated in the plan's prose rather than in a table ("人均预期寿命达到82岁以上").
public struct ProseTarget: Sendable, Codable, Equatable {
    public var subject: String
    public var year: Int?
    public var text: String
    public var parsed: TargetExpression
    public var sourceLine: Int?
    /// The value the sentence starts from ("从2015年的73.25岁提高到74岁" → 2015, "73.25岁"), when it says.
    public var baseline: Baseline?

    public init(subject: String, year: Int?, text: String, sourceLine: Int? = nil, baseline: Baseline? = nil) {
        self.subject = subject
        self.year = year
        self.text = text
        self.parsed = TargetExpression.parse(text)
        self.sourceLine = sourceLine
        self.baseline = baseline
    }
}

/// Something the importer had to guess, with the document line it guessed from, for a person to confirm.
public struct ImportWarning: Sendable, Codable, Equatable {
    public var sourceLine: Int?
    public var message: String

    public init(sourceLine: Int?, message: String) {
        self.sourceLine = sourceLine
        self.message = message
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sourceLine, forKey: .sourceLine)
        try c.encode(message, forKey: .message)
    }
}

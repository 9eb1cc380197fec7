/// An action (行动) of the plan with its tasks.
public struct Action: Sendable, Codable, Equatable {
    /// The heading's numbering ("一" for "（一）").
    public var code: String?
    public var title: String
    public var tasks: [PlanTask]

    public init(code: String?, title: String, tasks: [PlanTask] = []) {
        self.code = code
        self.title = title
        self.tasks = tasks
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(title, forKey: .title)
        try c.encode(tasks, forKey: .tasks)
    }
}

/// A task (任务) under an action, with its lead (牵头单位) and responsible (责任单位) departments.
public struct PlanTask: Sendable, Codable, Equatable {
    public var code: String?
    public var title: String
    public var lead: [String]
    public var responsible: [String]
    public var sourceLine: Int?

    public init(code: String?, title: String, lead: [String] = [], responsible: [String] = [], sourceLine: Int? = nil) {
        self.code = code
        self.title = title
        self.lead = lead
        self.responsible = responsible
        self.sourceLine = sourceLine
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(title, forKey: .title)
        try c.encode(lead, forKey: .lead)
        try c.encode(responsible, forKey: .responsible)
        try c.encode(sourceLine, forKey: .sourceLine)
    }
}

/// A key project (重点工程) with its investment.
public struct Project: Sendable, Codable, Equatable {
    public var name: String
    public var content: String?
    public var totalInvestment: Investment?
    public var plannedInvestment: Investment?

    public init(name: String, content: String? = nil, totalInvestment: Investment? = nil, plannedInvestment: Investment? = nil) {
        self.name = name
        self.content = content
        self.totalInvestment = totalInvestment
        self.plannedInvestment = plannedInvestment
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(content, forKey: .content)
        try c.encode(totalInvestment, forKey: .totalInvestment)
        try c.encode(plannedInvestment, forKey: .plannedInvestment)
    }
}

/// An amount of money as written ("1.3") with its unit ("亿元"), usually from the table caption.
public struct Investment: Sendable, Codable, Equatable {
    public var text: String
    public var value: Double?
    public var unit: String?

    public init(text: String, value: Double?, unit: String?) {
        self.text = text
        self.value = value
        self.unit = unit
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(value, forKey: .value)
        try c.encode(unit, forKey: .unit)
    }
}

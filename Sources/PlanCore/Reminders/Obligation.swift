extension Observation.Status {
    /// Whether the value is in the office's hands (submitted, resubmitted or approved): a draft or a returned
    /// value is still owed. The one rule for "who still owes values", on the dashboard and in reminders.
    public var isHandedIn: Bool {
        switch self {
        case .submitted, .resubmitted, .approved: true
        case .draft, .returned: false
        }
    }
}

/// What one department still owes in one region for one year of a plan: indicators it leads or cooperates on
/// with no value handed in, values the office returned, tasks it leads or is responsible for with no progress
/// reported. Reminders go only to those with something here, and list exactly this.
public struct Obligation: Sendable, Equatable, Codable {
    /// One owed item as a reminder names it.
    public struct Item: Sendable, Equatable, Codable {
        /// The indicator's code ("1.3") or the task's ("一.2"); nil when the plan gives none.
        public var code: String?
        public var name: String
        /// The reviewer's comment on a returned value.
        public var comment: String?

        public init(code: String?, name: String, comment: String? = nil) {
            self.code = code
            self.name = name
            self.comment = comment
        }

        /// "1.3 孕产妇死亡率" or the name alone.
        public var label: String { code.map { "\($0) \(name)" } ?? name }
    }

    public var department: Department
    public var regionCode: String
    /// The region's name where the office has set it up (鹿城区), for messages; else they show the code.
    public var regionName: String?
    public var indicators: [Item]
    public var returned: [Item]
    public var tasks: [Item]

    public init(
        department: Department, regionCode: String, regionName: String? = nil, indicators: [Item], returned: [Item], tasks: [Item]
    ) {
        self.department = department
        self.regionCode = regionCode
        self.regionName = regionName
        self.indicators = indicators
        self.returned = returned
        self.tasks = tasks
    }

    /// The region as messages name it.
    public var region: String { regionName ?? regionCode }

    public var isEmpty: Bool { indicators.isEmpty && returned.isEmpty && tasks.isEmpty }
    public var count: Int { indicators.count + returned.count + tasks.count }

    /// What each (department, region) owes for `year`, for every pair in `units` (the departments and regions
    /// reporter accounts are bound to), leaving out those who owe nothing. `indicators` are the plan's stored
    /// indicators by id; `observations` and `progress` those of the year.
    public static func outstanding(
        plan: Plan, indicators: [(id: Int64, indicator: Indicator)], year: Int, observations: [Observation],
        progress: [TaskProgress], units: [(department: Department, regionCode: String)], regionNames: [String: String] = [:]
    ) -> [Obligation] {
        var status: [String: Observation] = [:]
        for observation in observations where observation.year == year {
            status["\(observation.indicatorID ?? 0)|\(observation.regionCode)"] = observation
        }
        let reported = Set(progress.filter { $0.year == year }.map { "\($0.actionIndex)|\($0.taskIndex)|\($0.regionCode)" })
        var result: [Obligation] = []
        for (department, region) in units {
            var owed = Obligation(
                department: department, regionCode: region, regionName: regionNames[region], indicators: [], returned: [], tasks: [])
            for (id, indicator) in indicators where (indicator.lead + indicator.cooperating).contains(where: department.isNamed) {
                let observation = status["\(id)|\(region)"]
                if observation?.status == .returned {
                    owed.returned.append(Item(code: indicator.code, name: indicator.name, comment: observation?.comment))
                } else if observation?.status.isHandedIn != true {
                    owed.indicators.append(Item(code: indicator.code, name: indicator.name))
                }
            }
            for (a, action) in plan.actions.enumerated() {
                for (t, task) in action.tasks.enumerated()
                where (task.lead + task.responsible).contains(where: department.isNamed) && !reported.contains("\(a)|\(t)|\(region)") {
                    let code = [action.code, task.code].compactMap { $0 }.joined(separator: ".")
                    owed.tasks.append(Item(code: code.isEmpty ? nil : code, name: task.title))
                }
            }
            if !owed.isEmpty { result.append(owed) }
        }
        return result
    }
}

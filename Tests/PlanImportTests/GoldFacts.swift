import Foundation
import PlanCore

/// The acceptance facts of `seeds-gold.json` (see ../shared/acceptance/README.md), and a check of a
/// plan against them that lists every fact it misses.
struct GoldFacts: Decodable {
    struct TableFacts: Decodable {
        var captionContains: String
        var indicatorCount: Int?
        var indicatorCountBetween: [Int]?
        var domains: [String]?
        var topLevelGroups: Int?
        var checks: [IndicatorFacts]?
    }

    struct IndicatorFacts: Decodable {
        var name: String
        var code: String?
        var unit: String?
        var domain: [String]?
        var baseline: String?
        var targets: [String: String]?
        var lead: [String]?
        var cooperatingIncludes: [String]?
        var cooperatingCount: Int?
        // Facts the corpus adds (Fixtures/corpus/README.md).
        var baselineYear: Int?
        var noBaseline: Bool?
        var targetCount: Int?
        var nature: String?
        var direction: String?
        var definitionContains: String?
        var attributes: [String: String]?
    }

    struct ActionFacts: Decodable {
        struct Check: Decodable {
            var action: String
            var task: String
            var lead: [String]?
            var responsible: [String]?
        }

        var count: Int
        var tasksWithLead: Int?
        var checks: [Check]?
    }

    struct ProjectFacts: Decodable {
        struct Check: Decodable {
            var name: String
            var totalInvestment: String?
            var unit: String?
        }

        var count: Int
        var checks: [Check]?
    }

    struct ProseFacts: Decodable {
        var subjectContains: String
        var year: Int?
        var textContains: String
    }

    var title: String?
    var period: [Int]?
    var baseYear: Int?
    var tables: [TableFacts]?
    var actions: ActionFacts?
    var projects: ProjectFacts?
    var proseTargets: [ProseFacts]?
    var reportingDeadline: String?
    // Facts the corpus adds: the number of indicator tables, warnings that must be given, prose the importer
    // must not take for a target (an achieved value).
    var tableCount: Int?
    var warningsInclude: [String]?
    var proseTargetsExclude: [String]?

    static let all: [String: GoldFacts] = load("seeds-gold", in: "Fixtures")

    static func load(_ name: String, in directory: String) -> [String: GoldFacts] {
        let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: directory)!
        return try! JSONDecoder().decode([String: GoldFacts].self, from: Data(contentsOf: url))
    }

    /// Every fact the plan does not reproduce, as a readable line; empty when all hold.
    func misses(in plan: Plan) -> [String] {
        var misses: [String] = []
        func check(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { misses.append(what()) } }
        let trim = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines) }

        if let title { check(plan.title == title, "title \(plan.title) ≠ \(title)") }
        if let period {
            check(plan.period == Period(start: period[0], end: period[1]), "period \(String(describing: plan.period)) ≠ \(period)")
        }
        if let baseYear { check(plan.baseYear == baseYear, "baseYear \(String(describing: plan.baseYear)) ≠ \(baseYear)") }
        if let reportingDeadline {
            check(plan.reportingDeadline == reportingDeadline, "deadline \(String(describing: plan.reportingDeadline))")
        }
        for facts in tables ?? [] {
            guard let table = plan.indicatorTables.first(where: { $0.caption.contains(facts.captionContains) }) else {
                misses.append("no table with caption containing \(facts.captionContains)")
                continue
            }
            let count = table.indicators.count
            if let exact = facts.indicatorCount { check(count == exact, "\(facts.captionContains): \(count) indicators ≠ \(exact)") }
            if let range = facts.indicatorCountBetween {
                check((range[0]...range[1]).contains(count), "\(facts.captionContains): \(count) indicators ∉ \(range)")
            }
            let groups = table.groups.map(\.name)
            if let domains = facts.domains { check(groups == domains, "\(facts.captionContains): domains \(groups) ≠ \(domains)") }
            if let top = facts.topLevelGroups { check(groups.count == top, "\(facts.captionContains): \(groups.count) top-level groups ≠ \(top): \(groups)") }
            for expected in facts.checks ?? [] {
                guard let indicator = table.indicators.first(where: { $0.name == expected.name && (expected.code == nil || $0.code == expected.code) }) else {
                    misses.append("\(facts.captionContains): no indicator \(expected.name)")
                    continue
                }
                let name = expected.name
                if let unit = expected.unit { check(indicator.unit == unit, "\(name): unit \(String(describing: indicator.unit)) ≠ \(unit)") }
                if let domain = expected.domain {
                    check(Array(indicator.domain.prefix(domain.count)) == domain, "\(name): domain \(indicator.domain) ≠ \(domain)")
                }
                if let baseline = expected.baseline {
                    check(indicator.baseline.map { trim($0.text) } == baseline, "\(name): baseline \(String(describing: indicator.baseline)) ≠ \(baseline)")
                }
                for (year, text) in expected.targets ?? [:] {
                    let actual = indicator.target(for: Int(year)!).map { trim($0.text) }
                    check(actual == text, "\(name): target \(year) \(String(describing: actual)) ≠ \(text)")
                }
                if let lead = expected.lead { check(indicator.lead == lead, "\(name): lead \(indicator.lead) ≠ \(lead)") }
                for unit in expected.cooperatingIncludes ?? [] {
                    check(indicator.cooperating.contains(unit), "\(name): cooperating \(indicator.cooperating) lacks \(unit)")
                }
                if let n = expected.cooperatingCount {
                    check(indicator.cooperating.count == n, "\(name): \(indicator.cooperating.count) cooperating ≠ \(n)")
                }
                if let year = expected.baselineYear {
                    check(indicator.baseline?.year == year, "\(name): baseline year \(String(describing: indicator.baseline?.year)) ≠ \(year)")
                }
                if expected.noBaseline == true { check(indicator.baseline == nil, "\(name): baseline \(String(describing: indicator.baseline)) ≠ none") }
                if let n = expected.targetCount { check(indicator.targets.count == n, "\(name): \(indicator.targets.count) targets ≠ \(n)") }
                if let nature = expected.nature { check(indicator.nature == nature, "\(name): nature \(String(describing: indicator.nature)) ≠ \(nature)") }
                if let direction = expected.direction {
                    check(indicator.direction?.rawValue == direction, "\(name): direction \(String(describing: indicator.direction)) ≠ \(direction)")
                }
                if let words = expected.definitionContains {
                    check(indicator.definition?.contains(words) == true, "\(name): definition \(String(describing: indicator.definition)) lacks \(words)")
                }
                for (header, text) in expected.attributes ?? [:] {
                    check(indicator.attribute(header) == text, "\(name): attribute \(header) \(String(describing: indicator.attribute(header))) ≠ \(text)")
                }
            }
        }
        if let actions {
            check(plan.actions.count == actions.count, "\(plan.actions.count) actions ≠ \(actions.count)")
            if let withLead = actions.tasksWithLead {
                let n = plan.actions.flatMap(\.tasks).filter { !$0.lead.isEmpty }.count
                check(n == withLead, "\(n) tasks with lead ≠ \(withLead)")
            }
            for expected in actions.checks ?? [] {
                guard let task = plan.actions.first(where: { $0.title == expected.action })?.tasks.first(where: { $0.title == expected.task }) else {
                    misses.append("no task \(expected.action) / \(expected.task)")
                    continue
                }
                if let lead = expected.lead { check(task.lead == lead, "\(expected.task): lead \(task.lead)") }
                if let responsible = expected.responsible { check(task.responsible == responsible, "\(expected.task): responsible \(task.responsible)") }
            }
        }
        if let projects {
            check(plan.projects.count == projects.count, "\(plan.projects.count) projects ≠ \(projects.count)")
            for expected in projects.checks ?? [] {
                guard let project = plan.projects.first(where: { $0.name == expected.name }) else {
                    misses.append("no project \(expected.name)")
                    continue
                }
                if let text = expected.totalInvestment { check(project.totalInvestment?.text == text, "\(expected.name): investment \(String(describing: project.totalInvestment))") }
                if let unit = expected.unit { check(project.totalInvestment?.unit == unit, "\(expected.name): unit \(String(describing: project.totalInvestment?.unit))") }
            }
        }
        for expected in proseTargets ?? [] {
            let found = plan.proseTargets.contains {
                $0.subject.contains(expected.subjectContains) && (expected.year == nil || $0.year == expected.year)
                    && $0.text.contains(expected.textContains)
            }
            check(found, "no prose target \(expected.subjectContains) \(String(describing: expected.year)) \(expected.textContains)")
        }
        if let n = tableCount { check(plan.indicatorTables.count == n, "\(plan.indicatorTables.count) indicator tables ≠ \(n)") }
        for words in warningsInclude ?? [] {
            check(plan.warnings.contains { $0.message.contains(words) }, "no warning saying \(words)")
        }
        for words in proseTargetsExclude ?? [] {
            check(!plan.proseTargets.contains { $0.text.contains(words) }, "an achieved value taken for a target: \(words)")
        }
        return misses
    }
}

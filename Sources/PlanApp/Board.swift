import PlanCore

/// The board of a plan's year: how many indicators are met, not met, awaiting a reviewer or without data, by
/// domain, by lead department and by region — counted from the one evaluation (`AnnualEvaluation`) that
/// `hcm evaluate`, the reports and the API print, so they cannot disagree. Its JSON is what
/// `GET /api/v1/plans/{id}/board?year=Y` gives:
///
/// ```json
/// { "year": 2019, "domains": [{"name": "健康水平", "counts": {"met": 12, "notMet": 3, "needsReview": 1, "noData": 0}}],
///   "departments": [{"name": "市卫生计生委", "counts": {…}}], "regions": [{"name": "鹿城区", "code": "330302", "counts": {…}}] }
/// ```
///
/// It is a value built from an evaluation, so it can later be kept current per write by whoever keeps the
/// evaluation current; nothing here reads the store.
public struct Board: Sendable, Codable, Equatable {
    public struct Counts: Sendable, Codable, Equatable {
        public var met = 0
        public var notMet = 0
        public var needsReview = 0
        public var noData = 0

        public init(met: Int = 0, notMet: Int = 0, needsReview: Int = 0, noData: Int = 0) {
            self.met = met
            self.notMet = notMet
            self.needsReview = needsReview
            self.noData = noData
        }

        init(_ counts: StatusCounts) {
            self.init(met: counts.met, notMet: counts.notMet, needsReview: counts.needsReview, noData: counts.noData)
        }

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(met: a.met + b.met, notMet: a.notMet + b.notMet, needsReview: a.needsReview + b.needsReview, noData: a.noData + b.noData)
        }

        public var total: Int { met + notMet + needsReview + noData }
    }

    public struct Group: Sendable, Codable, Equatable {
        public var name: String
        /// A region's code; nil for domains and departments.
        public var code: String?
        public var counts: Counts
    }

    public var year: Int
    public var domains: [Group]
    public var departments: [Group]
    public var regions: [Group]

    /// The board of `evaluation`. Lead names fold into the department they name (aliases, abbreviations);
    /// collective names (各乡镇政府, 县直有关部门) and unassigned items are left out of the departments.
    public init(_ evaluation: AnnualEvaluation, departments known: [Department]) {
        year = evaluation.year
        var domains = Summed()
        var departments = Summed()
        regions = []
        for region in evaluation.regions {
            for group in region.summary.byDomain { domains.add(group.name, Counts(group.counts)) }
            for group in region.summary.byLead where group.name != EvaluationSummary.unassigned && !DepartmentNames.isCollective(group.name) {
                departments.add(DepartmentNames.department(for: group.name, in: known)?.name ?? group.name, Counts(group.counts))
            }
            regions.append(Group(
                name: evaluation.regionNames[region.regionCode] ?? region.regionCode, code: region.regionCode,
                counts: Counts(region.summary.total)))
        }
        self.domains = domains.groups
        self.departments = departments.groups
    }

    /// Counts by name, in the order names first appear.
    private struct Summed {
        private var order: [String] = []
        private var counts: [String: Counts] = [:]

        mutating func add(_ name: String, _ more: Counts) {
            if counts[name] == nil { order.append(name) }
            counts[name] = (counts[name] ?? Counts()) + more
        }

        var groups: [Group] { order.map { Group(name: $0, code: nil, counts: counts[$0]!) } }
    }
}

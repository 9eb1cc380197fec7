/// A department an imported plan calls for, as proposed to the administrator at import: the full name, the
/// other spellings the plan uses for it (卫计 for 市卫生计生委), and the stored department it is when one
/// already answers to a name.
public struct DepartmentProposal: Sendable, Codable, Equatable {
    public var name: String
    public var aliases: [String]
    /// The stored department this is, when one already answers to the name or an alias.
    public var existingID: Int64?

    public init(name: String, aliases: [String] = [], existingID: Int64? = nil) {
        self.name = name
        self.aliases = aliases
        self.existingID = existingID
    }
}

/// What a plan's unit names come to: departments to create or extend, and collective names that are none.
public struct DepartmentProposals: Sendable, Codable, Equatable {
    public var departments: [DepartmentProposal]
    /// 各乡镇政府, 县直有关部门 …: written in the plan, not departments (`DepartmentNames.isCollective`).
    public var collective: [String]

    /// Every lead, cooperating and responsible name of `plan`, in the order first written. A name an existing
    /// department answers to joins it; a short name that abbreviates exactly one longer name of the plan (卫计
    /// → 市卫生计生委) is proposed as that one's alias; every other name is a department of its own.
    public init(for plan: Plan, existing: [Department]) {
        var names: [String] = []
        var seen = Set<String>()
        let written = plan.indicatorTables.flatMap(\.indicators).flatMap { $0.lead + $0.cooperating }
            + plan.actions.flatMap(\.tasks).flatMap { $0.lead + $0.responsible }
        for name in written where !name.isEmpty && seen.insert(name).inserted { names.append(name) }
        collective = names.filter(DepartmentNames.isCollective)
        let units = names.filter { !DepartmentNames.isCollective($0) }
        var proposals: [DepartmentProposal] = []
        var position: [String: Int] = [:]
        func add(_ name: String, to full: String, existingID: Int64? = nil) {
            if let index = position[full] {
                if name != full, !proposals[index].aliases.contains(name) { proposals[index].aliases.append(name) }
            } else {
                position[full] = proposals.count
                proposals.append(DepartmentProposal(name: full, aliases: name == full ? [] : [name], existingID: existingID))
            }
        }
        for name in units {
            if let department = existing.first(where: { $0.isNamed(name) }) {
                add(name, to: department.name, existingID: department.id)
                continue
            }
            let longer = units.filter { full in
                DepartmentNames.abbreviates(name, full) && !existing.contains { $0.isNamed(full) }
            }
            if longer.count == 1 {
                add(name, to: longer[0])
            } else if let department = DepartmentNames.department(for: name, in: existing) {
                add(name, to: department.name, existingID: department.id)
            } else {
                add(name, to: name)
            }
        }
        departments = proposals
    }
}

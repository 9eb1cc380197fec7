/// How the names a plan writes for its units (牵头部门, 责任单位) become departments: collective names are not
/// departments, and a short name folds into the full name it abbreviates.
public enum DepartmentNames {
    /// Names for a group of units, not one department: 各乡镇政府, 各成员单位, 县直有关部门, 市直有关部门,
    /// 相关部门 … A score for them would rank nobody.
    public static func isCollective(_ name: String) -> Bool {
        name.hasPrefix("各") || name.hasSuffix("有关部门") || name.hasSuffix("相关部门") || name.hasSuffix("有关单位")
            || name.hasSuffix("相关单位") || name.hasSuffix("成员单位")
    }

    /// Whether `short` abbreviates `full`: shorter, and its characters appear in `full` in order (卫计 →
    /// 市卫生计生委, 体育 → 市体育局).
    public static func abbreviates(_ short: String, _ full: String) -> Bool {
        guard short.count >= 2, short.count < full.count else { return false }
        var rest = full[...]
        for character in short {
            guard let found = rest.firstIndex(of: character) else { return false }
            rest = rest[rest.index(after: found)...]
        }
        return true
    }

    /// The department a written name refers to: one whose name or alias it is; else the only department whose
    /// name it abbreviates; nil otherwise (a collective name, or a name nobody has yet).
    public static func department(for written: String, in departments: [Department]) -> Department? {
        guard !isCollective(written) else { return nil }
        if let named = departments.first(where: { $0.isNamed(written) }) { return named }
        let abbreviated = departments.filter { abbreviates(written, $0.name) }
        return abbreviated.count == 1 ? abbreviated[0] : nil
    }
}

extension Plan {
    /// The plan with each indicator's lead units named as the departments they are (卫计 → 市卫生计生委) and
    /// collective names (各乡镇政府) left out: how scores and rankings count departments, so one department is
    /// ranked once and a group of units not at all.
    public func withLeadsFolded(into departments: [Department]) -> Plan {
        var plan = self
        for t in plan.indicatorTables.indices {
            for i in plan.indicatorTables[t].indicators.indices {
                var seen = Set<String>()
                plan.indicatorTables[t].indicators[i].lead = plan.indicatorTables[t].indicators[i].lead.compactMap { written in
                    guard !DepartmentNames.isCollective(written) else { return nil }
                    let name = DepartmentNames.department(for: written, in: departments)?.name ?? written
                    return seen.insert(name).inserted ? name : nil
                }
            }
        }
        return plan
    }
}

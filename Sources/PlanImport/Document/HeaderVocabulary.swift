import Foundation

/// What a column of an indicator table holds, from its header text.
enum ColumnRole: Equatable {
    case sequence
    /// 领域 / 类别 / 一级指标 (level 1), 二级指标 (level 2).
    case domain(level: Int)
    case name
    case unit
    /// 基线, or a year column before the plan period.
    case baseline(year: Int?)
    /// A year column; whether it is a target or a baseline is decided against the plan period.
    case year(Int)
    /// 年度目标 / 目标值 without a year.
    case target
    case lead
    case cooperating
    case nature
    case projectName
    case projectContent
    case totalInvestment
    case plannedInvestment
    case note
}

enum HeaderVocabulary {
    private static let roles: [(String, ColumnRole)] = [
        ("序号", .sequence), ("编号", .sequence), ("领域", .domain(level: 1)), ("类别", .domain(level: 1)),
        ("分类", .domain(level: 1)), ("维度", .domain(level: 1)), ("考核指标", .name), ("评价指标", .name),
        ("指标内容", .name), ("牵头单位（部门）", .lead), ("牵头责任单位", .lead), ("主责部门", .lead),
        ("一级指标", .domain(level: 1)), ("二级指标", .domain(level: 2)), ("三级指标", .name),
        ("指标名称", .name), ("指标", .name), ("主要指标", .name), ("名称", .name), ("单位", .unit),
        ("计量单位", .unit), ("基线", .baseline(year: nil)), ("基线值", .baseline(year: nil)),
        ("基期值", .baseline(year: nil)), ("现状值", .baseline(year: nil)), ("基准值", .baseline(year: nil)),
        ("年度目标", .target), ("目标值", .target), ("目标", .target), ("牵头部门", .lead), ("牵头单位", .lead),
        ("责任单位", .cooperating), ("责任部门", .cooperating), ("配合部门", .cooperating),
        ("配合单位", .cooperating), ("协同部门", .cooperating), ("参与部门", .cooperating),
        ("属性", .nature), ("指标属性", .nature), ("指标性质", .nature), ("备注", .note),
        ("项目名称", .projectName), ("建设内容", .projectContent), ("总投资", .totalInvestment),
        ("规划投资", .plannedInvestment), ("计划投资", .plannedInvestment),
    ]

    /// The role a header text names ("指 标 名 称" → name, "2018年" → year 2018, "目标值（2020年）" → year
    /// 2020, "现状值（2015年）" → baseline 2015, "“十三五”规划投资" → planned investment).
    static func role(of header: String) -> ColumnRole? {
        let text = header.filter { !$0.isWhitespace }
        guard !text.isEmpty, text.count <= 24 else { return nil }
        if let year = year(in: text) { return year }
        if let exact = roles.first(where: { $0.0 == text }) { return exact.1 }
        // "指标名称（单位）": the words before a trailing parenthesis name the column.
        if let open = text.firstIndex(where: { $0 == "（" || $0 == "(" }), open > text.startIndex,
            text.last == "）" || text.last == ")"
        {
            return role(of: String(text[..<open]))
        }
        // Longer headers that end with a known one: "“十三五”规划投资", "主要指标名称".
        return roles.filter { text.hasSuffix($0.0) }.max { $0.0.count < $1.0.count }?.1
    }

    /// A header naming a year: "2018年", "2018", "2020年目标", "目标值（2020年）", "2015年基线", "基期值（2015）".
    private static func year(in text: String) -> ColumnRole? {
        let chars = Array(text)
        guard let start = chars.indices.first(where: { TextPatterns.year(in: chars, at: $0) != nil }),
            let year = TextPatterns.year(in: chars, at: start)
        else { return nil }
        let words = String(chars[..<start]) + String(chars[(start + 4)...])
        let rest = words.filter { !"年（）()".contains($0) }
        switch rest {
        case "", "目标", "目标值", "年度目标", "预期目标", "规划目标": return .year(year)
        case "基线", "基线值", "基期", "基期值", "现状", "现状值", "基准值", "基数", "实际", "实际值", "完成值", "完成情况":
            return .baseline(year: year)
        default: return nil
        }
    }

    /// Whether a row is a header: its non-empty cells are header words.
    static func isHeaderRow(_ cells: [String]) -> Bool {
        let filled = cells.filter { !$0.trimmed().isEmpty }
        guard !filled.isEmpty else { return false }
        return filled.allSatisfy { role(of: $0) != nil }
    }
}

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
    /// 指标定义 / 口径 / 计算方法: kept on the indicator and shown to reporters.
    case definition
    /// 数据来源.
    case source
    /// 分值 / 权重: used by the default scoring scheme.
    case weight
    case projectName
    case projectContent
    case totalInvestment
    case plannedInvestment
    case note
}

/// Column roles from the words a header contains, not from a closed list of headers: "基期水平",
/// "现状（截至2011年底）", "协作部门", "指标定义", "“十四五”末" are read by what they say. The order of the
/// rules matters where words combine: "牵头责任单位" is a lead (牵头 before 责任), "指标属性" a nature (属性
/// before 指标), "计量单位" a unit but "责任单位" a department.
enum HeaderVocabulary {
    private static let rules: [(words: [String], role: ColumnRole)] = [
        (["总投资"], .totalInvestment), (["投资"], .plannedInvestment),
        (["项目名称", "工程名称", "项目（工程）名称"], .projectName), (["建设内容", "建设规模", "主要内容及规模"], .projectContent),
        (["牵头", "主责", "负责"], .lead),
        (["协作", "配合", "参与", "责任", "协同", "协办"], .cooperating),
        (["性质", "属性"], .nature),
        (["定义", "口径", "计算方法", "计算公式", "说明", "解释", "释义"], .definition),
        (["来源"], .source),
        (["分值", "权重", "分数", "赋分"], .weight),
        (["备注"], .note),
        (["单位"], .unit),
        (["一级指标"], .domain(level: 1)), (["二级指标"], .domain(level: 2)), (["三级指标"], .name),
        (["领域", "类别", "分类", "维度", "方面", "板块"], .domain(level: 1)),
        (["基期", "基线", "现状", "目前", "现有", "当前", "基数", "基准"], .baseline(year: nil)),
        // "预期" alone would take "人均预期寿命": only 预期目标/预期值 (and "预期" as the whole header) name targets.
        (["目标", "预期值", "进度", "年度", "末", "十四五", "十三五", "十五五", "规划期"], .target),
        (["指标", "名称", "内容", "项目"], .name),
    ]

    /// Words that make a header with a year a baseline ("2015年基线", "现状（截至2011年底）", "2020年实际").
    private static let baselineWords = ["基期", "基线", "现状", "目前", "现有", "当前", "基数", "基准", "实际", "完成", "水平", "截至", "截止"]

    /// The role a header text names ("指 标 名 称" → name, "2018年" → year 2018, "目标值（2020年）" → year
    /// 2020, "现状值（2015年）" → baseline 2015, "“十三五”规划投资" → planned investment).
    static func role(of header: String) -> ColumnRole? {
        // Headers are short: a long line (a sentence) is not looked at character by character.
        guard header.utf8.count <= 160 else { return nil }
        let text = header.filter { !$0.isWhitespace && $0 != "*" && $0 != "＊" }
        guard !text.isEmpty, text.count <= 30 else { return nil }
        if ["序号", "编号", "序", "No.", "NO.", "no."].contains(text) { return .sequence }
        if text == "预期" { return .target }
        // The words outside parentheses name the column; "（截至2011年底）" or "（单位）" only qualify it.
        let core = withoutParentheses(text)
        if let year = year(in: text, core: core) { return year }
        for rule in rules where rule.words.contains(where: core.includes) {
            return rule.role
        }
        return core == text ? nil : rules.first { $0.words.contains(where: text.includes) }?.role
    }

    /// A header naming a year: "2018年", "2018", "2020年目标", "目标值（2020年）", "2015年基线", "基期值（2015）",
    /// "现状（截至2011年底）". A year with other words (2016-2020年投资, 2018年牵头部门) names that column's own role.
    private static func year(in text: String, core: String) -> ColumnRole? {
        let chars = Array(text)
        guard let start = chars.indices.first(where: { TextPatterns.year(in: chars, at: $0) != nil }),
            let year = TextPatterns.year(in: chars, at: start)
        else { return nil }
        if baselineWords.contains(where: text.includes) { return .baseline(year: year) }
        let words = String(chars[..<start]) + String(chars[(start + 4)...])
        let rest = words.filter { !"年（）()底末度到至为值".contains($0) }
        if rest.isEmpty || ["目标", "预期", "进度", "规划", "计划", "预计", "工作"].contains(where: rest.includes),
            !["投资", "牵头", "责任", "部门", "单位", "名称"].contains(where: rest.includes)
        {
            return .year(year)
        }
        return nil
    }

    /// "指标名称（单位）" → "指标名称"; a header that is all parenthesis keeps its text.
    private static func withoutParentheses(_ text: String) -> String {
        var result = ""
        var depth = 0
        for c in text {
            if c == "（" || c == "(" {
                depth += 1
            } else if c == "）" || c == ")" {
                depth = max(depth - 1, 0)
            } else if depth == 0 {
                result.append(c)
            }
        }
        return result.isEmpty ? text : result
    }

    /// Whether a row is a header: its non-empty cells are header words, at least two different ones (a
    /// one-cell row such as "一、健康水平" is a group title, even though "水平" is a header word), or one year
    /// (the second header row under "目标值").
    static func isHeaderRow(_ cells: [String]) -> Bool {
        let filled = Set(cells.map { $0.trimmed() }.filter { !$0.isEmpty })
        if filled.count == 1, case .year = role(of: filled.first!) { return true }
        return filled.count >= 2 && filled.allSatisfy { role(of: $0) != nil }
    }

    /// Whether a cell holds no value: "--", "—", "/", "－" stand for an empty cell in a value column.
    static func isNoValue(_ text: String) -> Bool {
        let t = text.filter { !$0.isWhitespace }
        return t.isEmpty || t.allSatisfy { "-—－–―/／\\、".contains($0) }
    }
}

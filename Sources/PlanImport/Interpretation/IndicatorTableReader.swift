import Foundation
import PlanCore

/// Reads the indicators of one indicator table: names, codes and units, the domain tree, baselines and yearly
/// targets, lead and cooperating departments, with merged cells carried down and every guess warned about.
struct IndicatorTableReader {
    private(set) var grid: TableGrid
    let layout: ColumnLayout
    private(set) var warnings: [ImportWarning] = []

    init(table: PlanDocument.Table, period: Period?) {
        var grid = TableGrid(table)
        layout = ColumnLayout(grid: grid, period: period)
        warnings = layout.warnings
        Self.widenMergedTargets(&grid, layout: layout, warnings: &warnings)
        self.grid = grid
    }

    /// A row short of the table's width by d cells, in a table with more than d year columns, had a target
    /// merged across its last d + 1 years (the text export writes a merged cell once): copy it to each year.
    private static func widenMergedTargets(_ grid: inout TableGrid, layout: ColumnLayout, warnings: inout [ImportWarning]) {
        let years = layout.columns { if case .year = $0 { true } else { false } }
        guard let lastYear = years.last, years.count > 1 else { return }
        for r in grid.rows.indices.dropFirst(layout.headerRowCount) {
            let deficit = grid.commonWidth - grid.rows[r].cells.count
            let merged = lastYear - deficit
            guard deficit > 0, deficit < years.count, merged < grid.rows[r].cells.count, !grid.rows[r][merged].isEmpty else {
                continue
            }
            let copy = TableGrid.Cell(text: grid.rows[r][merged], isMergeCopy: true)
            grid.rows[r].cells.insert(contentsOf: Array(repeating: copy, count: deficit), at: merged + 1)
            warnings.append(
                ImportWarning(
                    sourceLine: grid.rows[r].line,
                    message: "该行少 \(deficit) 格，目标“\(copy.text)”按合并单元格用于最后 \(deficit + 1) 个年度"))
        }
    }

    /// Whether the table is an indicator table at all (and not a project list or a text box).
    var isIndicatorTable: Bool {
        layout.column(.name) != nil && !valueColumns.isEmpty && layout.column(.projectName) == nil
    }

    /// What the table lacks to be an indicator table, in words for the warning ("指标名称列" …).
    var missingForIndicatorTable: [String] {
        var missing: [String] = []
        if layout.column(.name) == nil { missing.append("指标名称列（指标/名称/内容）") }
        if valueColumns.isEmpty { missing.append("基线、目标或年份列") }
        return missing
    }

    private var valueColumns: [Int] {
        layout.columns { role in
            switch role {
            case .year, .target, .baseline: true
            default: false
            }
        }
    }

    mutating func read(caption: String, period: Period?) -> IndicatorTable {
        let name = layout.column(.name)!
        let domainColumns = layout.columns { if case .domain = $0 { true } else { false } }
        let sequence = layout.column(.sequence)
        let unitColumn = layout.column(.unit)
        let lead = layout.column(.lead)
        let cooperating = layout.column(.cooperating)
        let nature = layout.column(.nature)
        let definition = layout.column(.definition)
        let attributeColumns = layout.attributeColumns

        var indicators: [Indicator] = []
        var domain: [String] = Array(repeating: "", count: domainColumns.count)
        var carried = (lead: [String](), cooperating: [String]())
        var carriedLines: [Int] = []
        // Rows that are one merged cell: a numbered one ("一、人人健康膳食行动") opens a group, an unnumbered
        // one ("结果性指标") is a sub-group of the numbered group above it, or a group of its own.
        var rowGroups: [String] = []

        for row in grid.rows.dropFirst(layout.headerRowCount) where !row.isEmpty {
            if let note = Self.noteText(row), !indicators.isEmpty {
                // "说明：…" / "计算方法：…" under an indicator defines it.
                let last = indicators.count - 1
                indicators[last].definition = [indicators[last].definition, note].compactMap { $0 }.joined(separator: "；")
                continue
            }
            if let group = Self.groupTitle(row, nameColumn: name, valueColumns: valueColumns) {
                if SectionHeading(group) != nil || rowGroups.isEmpty {
                    rowGroups = [Self.groupName(group)]
                } else {
                    rowGroups = [rowGroups[0], group]
                }
                continue
            }
            // The domain path: a new upper level resets the levels under it.
            for (level, column) in domainColumns.enumerated() where !row[column].isEmpty && row[column] != domain[level] {
                domain[level] = Self.groupName(row[column])
                for deeper in (level + 1)..<domainColumns.count { domain[deeper] = "" }
            }
            let (code, rawName) = IndicatorCode.split(row[name])
            let targets = targets(of: row, period: period)
            // A name merged down from the row above (docx vMerge) continues that indicator, like an empty one.
            if rawName.isEmpty || row.isCopy(name) {
                // A row without a name under an indicator adds to its targets ("食品96以上" / "药品98以上").
                if !targets.isEmpty, !indicators.isEmpty {
                    indicators[indicators.count - 1].mergeTargets(targets)
                    warnings.append(
                        ImportWarning(sourceLine: row.line, message: "无指标名称的一行目标值已并入上一指标“\(indicators[indicators.count - 1].name)”（复合目标）"))
                }
                continue
            }
            if targets.isEmpty, baseline(of: row) == nil, row.cells.filter({ !$0.text.isEmpty }).count <= 1 {
                continue  // a group title row
            }
            var (indicatorName, unit) = UnitParenthesis.split(rawName)
            if let unitColumn, !row[unitColumn].isEmpty {
                unit = row[unitColumn]
            }
            if let written = unit, let fixed = UnitVocabulary.slips[written] {
                warnings.append(ImportWarning(sourceLine: row.line, message: "单位“\(written)”疑为“\(fixed)”的识别错误，已按“\(fixed)”导入"))
                unit = fixed
            }
            if unit == "-" || unit == "—" { unit = nil }
            indicatorName = indicatorName.trimmed()

            var leads = lead.map { DepartmentList.split(row[$0]) } ?? []
            var cooperatingUnits = cooperating.map { DepartmentList.split(row[$0]) } ?? []
            if let lead, row[lead].isEmpty, !carried.lead.isEmpty {
                leads = carried.lead
                carriedLines.append(row.line)
            }
            if let cooperating, row[cooperating].isEmpty, !carried.cooperating.isEmpty, lead == nil || row[lead!].isEmpty {
                cooperatingUnits = carried.cooperating
            }
            carried = (leads, cooperatingUnits)

            let codeText = code ?? sequence.map { row[$0] }.flatMap { $0.isEmpty || row.isCopy(sequence!) ? nil : $0 }
            var indicator = Indicator(
                code: codeText, domain: domain.filter { !$0.isEmpty } + rowGroups, name: indicatorName, unit: unit,
                nature: nature.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }, baseline: baseline(of: row),
                targets: targets, lead: leads, cooperating: cooperatingUnits, sourceLine: row.line)
            if let definition, !HeaderVocabulary.isNoValue(row[definition]) { indicator.definition = row[definition] }
            let attributes = attributeColumns.compactMap { column, header in
                HeaderVocabulary.isNoValue(row[column]) ? nil : IndicatorAttribute(name: header, text: row[column])
            }
            if !attributes.isEmpty { indicator.attributes = attributes }
            indicator.direction =
                DirectionInference.infer(
                    name: indicator.name, baseline: indicator.baseline?.value, targets: targets.map(\.parsed))?.direction
            for target in targets {
                if case .unparsed = target.parsed {
                    warnings.append(ImportWarning(sourceLine: row.line, message: "“\(indicator.name)”\(target.year.map { "\($0)年" } ?? "")目标“\(target.text)”无法自动解析，需人工确认"))
                }
            }
            indicators.append(indicator)
        }
        if let first = carriedLines.first {
            warnings.append(
                ImportWarning(
                    sourceLine: first,
                    message: "\(carriedLines.count) 个指标的牵头部门单元格为空，按合并单元格沿用上一行的部门（行 \(carriedLines.prefix(8).map(String.init).joined(separator: "、"))\(carriedLines.count > 8 ? " …" : "")）"))
        }
        return IndicatorTable(caption: caption, indicators: indicators)
    }

    private func targets(of row: TableGrid.Row, period: Period?) -> [Target] {
        var result: [Target] = []
        for column in valueColumns {
            let text = row[column]
            guard !HeaderVocabulary.isNoValue(text) else { continue }
            switch layout.roles[column] {
            case .year(let year): result.append(Target(year: year, text: text))
            case .target: result.append(Target(year: period?.end, text: text))
            default: break
            }
        }
        return result
    }

    private func baseline(of row: TableGrid.Row) -> Baseline? {
        for column in valueColumns {
            if case .baseline(let year) = layout.roles[column], !HeaderVocabulary.isNoValue(row[column]) {
                return Baseline(year: year, text: row[column])
            }
        }
        return nil
    }

    /// The text of a row that is one cell (or one merged cell across the row), with no value: a group title.
    private static func groupTitle(_ row: TableGrid.Row, nameColumn: Int, valueColumns: [Int]) -> String? {
        var texts: [String] = []
        for cell in row.cells where !cell.text.isEmpty && !texts.contains(cell.text) { texts.append(cell.text) }
        // "一 | 人人健康膳食行动" with nothing else: a numbered group whose number stands in the sequence column.
        if texts.count == 2, isBareNumbering(texts[0]), valueColumns.allSatisfy({ row[$0].isEmpty }), texts[1].count <= 40 {
            return texts[0] + "、" + texts[1]
        }
        guard texts.count == 1, let text = texts.first, text.count <= 40 else { return nil }
        // A one-cell row in a wider table is a merged row written once (text export); a spanned cell shows in
        // the name column and over the value columns.
        let spans =
            row.cells.count == 1
            || (!row[nameColumn].isEmpty && !valueColumns.isEmpty && valueColumns.allSatisfy { row[$0] == text })
        guard spans, TargetExpression.parse(text).isMeasurable == false else { return nil }
        return text
    }

    /// "一", "（二）", "(三)": a group's number without words.
    static func isBareNumbering(_ text: String) -> Bool {
        let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "（）() 、."))
        return !inner.isEmpty && inner.allSatisfy { "一二三四五六七八九十".contains($0) }
    }

    /// Words that open a note row defining the indicator above it.
    private static let noteWords = ["说明", "计算方法", "计算公式", "指标定义", "定义", "口径", "指标解释", "解释", "释义"]

    /// "说明：…" in a row of one (merged) cell: the note's text after its word.
    private static func noteText(_ row: TableGrid.Row) -> String? {
        let texts = Set(row.cells.map(\.text).filter { !$0.isEmpty })
        guard texts.count == 1, let text = texts.first else { return nil }
        for word in noteWords where text.hasPrefix(word) {
            let rest = text.dropFirst(word.count).drop { $0 == " " }
            if let colon = rest.first, colon == "：" || colon == ":" {
                return text
            }
        }
        return nil
    }

    /// "1.提升健康水平" → "提升健康水平": a group keeps its words, not its list number.
    static func groupName(_ text: String) -> String {
        if let heading = SectionHeading(text) { return heading.title }
        return text
    }
}

extension Indicator {
    /// Adds the targets of a continuation row: each year's text joined with " / ".
    mutating func mergeTargets(_ more: [Target]) {
        for extra in more {
            if let index = targets.firstIndex(where: { $0.year == extra.year }) {
                targets[index] = Target(year: extra.year, text: targets[index].text + " / " + extra.text)
            } else {
                targets.append(extra)
            }
        }
    }
}

/// "人均预期寿命（岁）" → ("人均预期寿命", "岁"): a trailing parenthesis that holds a unit.
enum UnitParenthesis {
    static func split(_ name: String) -> (name: String, unit: String?) {
        let trimmed = name.trimmed()
        guard let last = trimmed.last, last == "）" || last == ")" else { return (trimmed, nil) }
        guard let open = trimmed.lastIndex(where: { $0 == "（" || $0 == "(" }) else { return (trimmed, nil) }
        let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        guard UnitVocabulary.isUnit(inner) else { return (trimmed, nil) }
        return (String(trimmed[..<open]).trimmed(), inner)
    }
}

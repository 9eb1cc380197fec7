import Foundation
import PlanCore

/// What each column of an indicator table holds: read from the header rows where they say, inferred from
/// the cells where they don't (with a warning for each inference).
struct ColumnLayout {
    var roles: [ColumnRole?]
    var headerRowCount: Int
    var warnings: [ImportWarning] = []
    /// The year a header gives the baseline column ("2015年" before the plan period), not an inferred one.
    var statedBaselineYear: Int?
    /// The header text over each column ("" where there is none), for naming the columns kept as attributes.
    private(set) var labels: [String]

    init(grid: TableGrid, period: Period?) {
        headerRowCount = grid.rows.prefix { HeaderVocabulary.isHeaderRow($0.cells.map(\.text)) }.count
        roles = Array(repeating: nil, count: grid.width)
        labels = Array(repeating: "", count: grid.width)
        // Full-width header rows first: a shorter row's cells fill the columns those leave blank.
        let headers = Self.spreadGroupHeader(Array(grid.rows.prefix(headerRowCount)), width: grid.commonWidth)
        for row in headers.filter({ $0.cells.count >= grid.commonWidth }) + headers.filter({ $0.cells.count < grid.commonWidth }) {
            assign(headerRow: row, width: grid.commonWidth)
        }
        // 一级指标 | 二级指标 with no 三级指标: the deepest level names the indicators.
        if column(.name) == nil, let deepest = columns(where: { if case .domain = $0 { true } else { false } }).last,
            columns(where: { if case .domain = $0 { true } else { false } }).count > 1
        {
            roles[deepest] = .name
        }
        resolveYears(period: period)
        // With one department column only (责任单位), its units are the ones answerable: the leads.
        if column(.lead) == nil, let only = column(.cooperating) {
            roles[only] = .lead
        }
        // A column whose header says something the vocabulary does not know is kept as an attribute, not guessed.
        unknownHeaderColumns = roles.indices.filter { roles[$0] == nil && !labels[$0].isEmpty }
        for column in unknownHeaderColumns { roles[column] = .note }
        if roles.contains(where: { $0 == nil }) {
            infer(grid: grid, headerLine: grid.rows.first?.line)
        }
    }

    /// The columns with a header the vocabulary does not know.
    private(set) var unknownHeaderColumns: [Int] = []

    /// The columns kept on each indicator as named attributes: definition, source, weight, notes and unknown
    /// headers, with the header text that names them.
    var attributeColumns: [(column: Int, name: String)] {
        roles.indices.compactMap { column in
            switch roles[column] {
            case .source, .weight, .note: (column, labels[column].isEmpty ? "备注" : labels[column])
            default: nil
            }
        }
    }

    /// A text export writes a merged header cell once: "工作进度" over three year columns is one cell in the
    /// first header row and "2021年 | 2022年 | 2023年" the second row, perhaps after the qualifiers of the cells
    /// before it ("目前水平" over "(截至2011年底)"); cells merged down ("序号") are not repeated. The group cell is
    /// spread over the years so the first row fills the table's width ("工作进度2021年" …), the qualifiers join
    /// the cells they stand under, and the second row is absorbed.
    private static func spreadGroupHeader(_ rows: [TableGrid.Row], width: Int) -> [TableGrid.Row] {
        guard rows.count >= 2, rows[0].cells.count < width else { return rows }
        let second = rows[1].cells.filter { !$0.text.isEmpty }
        func isYear(_ cell: TableGrid.Cell) -> Bool {
            if case .year = HeaderVocabulary.role(of: cell.text) { true } else { false }
        }
        guard let yearsStart = second.firstIndex(where: isYear), second[yearsStart...].allSatisfy(isYear) else { return rows }
        let years = second[yearsStart...]
        let qualifiers = second[..<yearsStart]
        guard years.count > 1, rows[0].cells.count + years.count - 1 == width else { return rows }
        let roles = rows[0].cells.map { HeaderVocabulary.role(of: $0.text) }
        guard let group = roles.firstIndex(where: { $0 == .target }) ?? roles.firstIndex(where: { $0 == nil }),
            group >= qualifiers.count
        else { return rows }
        var first = rows[0]
        for (offset, qualifier) in qualifiers.enumerated() {
            first.cells[group - qualifiers.count + offset].text += qualifier.text
        }
        let spread = years.map { TableGrid.Cell(text: first.cells[group].text + $0.text) }
        first.cells.replaceSubrange(group...group, with: spread)
        return [first] + rows.dropFirst(2)
    }

    /// The columns that hold a role.
    func columns(where matches: (ColumnRole) -> Bool) -> [Int] {
        roles.indices.filter { roles[$0].map(matches) ?? false }
    }

    func column(_ role: ColumnRole) -> Int? { roles.firstIndex { $0 == role } }

    // MARK: - Headers

    private mutating func assign(headerRow row: TableGrid.Row, width: Int) {
        let headerRoles = row.cells.map { HeaderVocabulary.role(of: $0.text) }
        if row.cells.count >= width {
            for (column, role) in headerRoles.enumerated() where column < roles.count {
                noteLabel(row.cells[column].text, at: column)
                guard let role else { continue }
                // A label spanning the year columns ("年度目标" over 2018年/2019年/2020年) must not hide them.
                if case .year = roles[column] { continue }
                roles[column] = role
            }
            return
        }
        let named = headerRoles.compactMap { $0 }
        if !named.isEmpty, named.allSatisfy({ if case .year = $0 { true } else { false } }) {
            // Only the year columns were labelled: they are the rightmost ones.
            for (offset, role) in named.enumerated() {
                let column = width - named.count + offset
                if roles[column] == nil { roles[column] = role }
                noteLabel(row.cells.filter { HeaderVocabulary.role(of: $0.text) != nil }[offset].text, at: column)
            }
            return
        }
        // A shorter first header row whose other cells sit over columns the next row leaves blank.
        let yearsKnown = roles.contains { if case .year = $0 { true } else { false } }
        var free = roles.indices.filter { roles[$0] == nil }.makeIterator()
        for (cell, role) in zip(row.cells, headerRoles) {
            guard let role else {
                if let column = free.next() { noteLabel(cell.text, at: column) }
                continue
            }
            if role == .target, yearsKnown { continue }
            guard let column = free.next() else { break }
            roles[column] = role
            noteLabel(cell.text, at: column)
        }
    }

    /// Keeps the most specific header text over a column (the lower row's, as read after the upper one).
    private mutating func noteLabel(_ text: String, at column: Int) {
        let label = text.filter { !$0.isWhitespace }
        guard column < labels.count, !label.isEmpty else { return }
        labels[column] = label
    }

    /// A year before the plan period is a baseline; a year in it is a target. Without a known period, a first
    /// year column well before the next (2015 | 2020) is taken as the baseline, with a warning.
    private mutating func resolveYears(period: Period?) {
        if period == nil {
            let years = roles.indices.compactMap { column -> (Int, Int)? in
                if case .year(let year) = roles[column] { return (column, year) }
                return nil
            }
            if years.count >= 2, years[1].1 - years[0].1 > 1 {
                roles[years[0].0] = .baseline(year: years[0].1)
                warnings.append(
                    ImportWarning(
                        sourceLine: nil,
                        message: "未找到规划期；\(years[0].1)年列早于其后的目标年份 \(years[1].1) 年多年，按基线处理"))
            }
        }
        for column in roles.indices {
            if case .year(let year) = roles[column], let period, year < period.start {
                roles[column] = .baseline(year: year)
            }
            if case .baseline(let year?) = roles[column] { statedBaselineYear = year }
        }
    }

    // MARK: - Inference

    private mutating func infer(grid: TableGrid, headerLine: Int?) {
        // A sample of the rows tells the columns apart as well as all of them would.
        let data = Array(grid.rows.dropFirst(headerRowCount).prefix(30))
        // Only columns without a header are inferred; the others keep their role and need no profile.
        let profiles = roles.indices.map { roles[$0] == nil ? ColumnProfile(column: $0, rows: data) : ColumnProfile() }
        func free(_ column: Int) -> Bool { roles[column] == nil && profiles[column].filled > 0 }
        func note(_ column: Int, _ role: ColumnRole, _ what: String) {
            roles[column] = role
            warnings.append(ImportWarning(sourceLine: headerLine, message: "第 \(column + 1) 列没有表头，按内容推断为\(what)"))
        }

        if column(.name) == nil {
            // "1.1人均预期寿命" reads as a number followed by words, so coded names are looked for first.
            let coded = roles.indices.filter(free).max { profiles[$0].codedShare < profiles[$1].codedShare }
            let candidates = roles.indices.filter { free($0) && profiles[$0].numericShare < 0.5 }
            if let coded, profiles[coded].codedShare > 0.5 {
                note(coded, .name, "指标（编号+名称）")
            } else if let longest = candidates.max(by: { profiles[$0].averageLength < profiles[$1].averageLength }) {
                note(longest, .name, "指标名称")
            }
        }
        guard let nameColumn = column(.name) else { return }
        var level = 1
        for column in 0..<nameColumn where free(column) && profiles[column].fillShare < 0.6 {
            note(column, .domain(level: level), "领域")
            level += 1
        }
        if column(.unit) == nil,
            let unit = roles.indices.filter({ free($0) && $0 > nameColumn }).max(by: { profiles[$0].unitShare < profiles[$1].unitShare }),
            profiles[unit].unitShare > 0.6
        {
            note(unit, .unit, "单位")
        }
        let firstValue = roles.firstIndex { role in
            switch role {
            case .year, .target, .baseline: true
            default: false
            }
        }
        if let firstValue, firstValue > 0, free(firstValue - 1), profiles[firstValue - 1].numericShare >= 0.5,
            case .year(let year) = roles[firstValue]
        {
            roles[firstValue - 1] = .baseline(year: year - 1)
            warnings.append(
                ImportWarning(
                    sourceLine: headerLine,
                    message: "第 \(firstValue) 列没有表头，位于首个目标年份之前，按基线处理，基线年份推定为 \(year - 1) 年"))
        }
        let departments = roles.indices.filter { free($0) && $0 > nameColumn && profiles[$0].numericShare < 0.5 }
        if let lead = departments.first, column(.lead) == nil {
            note(lead, .lead, "牵头部门")
        }
        if departments.count > 1, column(.cooperating) == nil {
            note(departments[1], .cooperating, "责任（配合）部门")
        }
    }
}

/// What a column's cells look like, for telling unlabelled columns apart.
private struct ColumnProfile {
    var filled = 0
    var fillShare = 0.0
    var numericShare = 0.0
    var unitShare = 0.0
    var codedShare = 0.0
    var averageLength = 0.0

    /// The profile of a column that is not looked at: nothing filled.
    init() {}

    init(column: Int, rows: [TableGrid.Row]) {
        let texts = rows.map { $0[column] }.filter { !$0.isEmpty }
        filled = texts.count
        guard !texts.isEmpty, !rows.isEmpty else { return }
        let n = Double(texts.count)
        // A merged cell fills its column once: the copies it shows in the rows below are not writing.
        let written = rows.indices.filter { !rows[$0][column].isEmpty && !rows[$0].isCopy(column) }.count
        fillShare = Double(written) / Double(rows.count)
        numericShare = Double(texts.filter { Self.isValue($0) }.count) / n
        unitShare = Double(texts.filter(UnitVocabulary.isUnit).count) / n
        codedShare = Double(texts.filter { IndicatorCode.split($0).code != nil }.count) / n
        averageLength = Double(texts.map(\.unicodeScalars.count).reduce(0, +)) / n
    }

    private static func isValue(_ text: String) -> Bool {
        switch TargetExpression.parse(text) {
        case .comparison, .range, .relativeChange, .compound, .none: true
        default: false
        }
    }
}

/// Tables in text that was not exported from Word, told apart by how their cells are laid out:
/// - cells separated by "|" ("| 指标 | 2025年 |", Markdown or a web page copied as text);
/// - cells separated by tabs on one line (a spreadsheet or web table pasted as text);
/// - one cell per line, each after a "|" but the row's first ("序号\n| 指标名称\n| 单位\n|"), as some sites'
///   tables copy;
/// - one cell per line, the column count taken from a header row written the same way (a web table copied
///   from a browser), rows separated by blank lines or, without them, counted off by the header's width;
/// - columns aligned with spaces (text from a PDF), cells placed by where they start under the header.
/// Each is recognised by its header row (`HeaderVocabulary`), so prose that happens to hold a "|" is not a table.
enum TextTableLayouts {
    /// The longest cell a one-cell-per-line header may have.
    private static let headerCellLimit = 20

    /// The table starting at line `start`, if one of the layouts begins there, and the first line after it.
    static func table(in lines: [String], at start: Int) -> (rows: [PlanDocument.Row], end: Int)? {
        // Every line of prose comes through here: a header line is short, and each layout has a mark to look for
        // in its bytes before anything is split.
        let bytes = lines[start].utf8
        guard bytes.count <= 400 else { return nil }
        if bytes.contains(UInt8(ascii: "|")) || lines[start].includes("｜") {
            if let table = separated(lines, start, by: pipes) { return table }
        }
        if bytes.contains(UInt8(ascii: "\t")), let table = separated(lines, start, by: innerTabs) { return table }
        if start + 1 < lines.count, isPipeLed(lines[start + 1]), let table = pipeLed(lines, start) { return table }
        if bytes.count <= headerCellLimit * 4, nextLineIsShort(lines, after: start), let table = cellPerLine(lines, start) {
            return table
        }
        guard hasColumnGap(bytes) || (start + 1 < lines.count && hasColumnGap(lines[start + 1].utf8)) else { return nil }
        return spaceAligned(lines, start)
    }

    /// Whether the next non-blank line (one blank line at most between) could be a header cell too.
    private static func nextLineIsShort(_ lines: [String], after start: Int) -> Bool {
        var next = start + 1
        if next < lines.count, lines[next].utf8.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { next += 1 }
        return next < lines.count && !lines[next].isEmpty && lines[next].utf8.count <= headerCellLimit * 4
    }

    /// Two spaces (or a full-width one, E3 80 80 in UTF-8) after the line's first word: a gap between columns.
    private static func hasColumnGap(_ bytes: String.UTF8View) -> Bool {
        var seenText = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            defer { previous = (previous.1, byte) }
            if byte == UInt8(ascii: " ") {
                if previous.1 == UInt8(ascii: " "), seenText { return true }
                continue
            }
            if byte == 0x80, previous == (0xE3, 0x80), seenText { return true }
            if byte != 0xE3 && !(byte == 0x80 && previous.1 == 0xE3) { seenText = true }
        }
        return false
    }

    // MARK: - One line, one row

    private static func pipes(_ line: String) -> [String]? {
        guard line.utf8.contains(UInt8(ascii: "|")) || line.includes("｜") else { return nil }
        var cells = line.split(omittingEmptySubsequences: false) { $0 == "|" || $0 == "｜" }.map { $0.trimmed() }
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        return cells.count >= 2 ? cells : nil
    }

    /// Cells separated by tabs; a leading tab is an empty first cell (the Word export's tab-led lines, one cell
    /// each, are read before this is tried).
    private static func innerTabs(_ line: String) -> [String]? {
        guard line.utf8.contains(UInt8(ascii: "\t")) else { return nil }
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmed() }
        return cells.count >= 2 ? cells : nil
    }

    /// A Markdown rule under the header ("|---|:---:|").
    private static func isRule(_ cells: [String]) -> Bool {
        cells.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { "-:—＝= ".contains($0) } }
    }

    private static func separated(_ lines: [String], _ start: Int, by split: (String) -> [String]?) -> (rows: [PlanDocument.Row], end: Int)? {
        guard let header = split(lines[start]), HeaderVocabulary.isHeaderRow(header) else { return nil }
        var rows = [row(header, line: start + 1)]
        var i = start + 1
        while i < lines.count {
            if lines[i].trimmed().isEmpty {
                // One blank line between rows is kept going; two end the table.
                if i + 1 < lines.count, split(lines[i + 1]) != nil { i += 1; continue }
                break
            }
            guard let cells = split(lines[i]) else { break }
            if !isRule(cells) { rows.append(row(cells, line: i + 1)) }
            i += 1
        }
        return rows.count >= 2 ? (rows, i) : nil
    }

    // MARK: - One cell a line, led by "|"

    private static func isPipeLed(_ line: String) -> Bool {
        let t = line.trimmed()
        return t.hasPrefix("|") || t.hasPrefix("｜")
    }

    private static func pipeLed(_ lines: [String], _ start: Int) -> (rows: [PlanDocument.Row], end: Int)? {
        guard start + 1 < lines.count, !isPipeLed(lines[start]), isPipeLed(lines[start + 1]) else { return nil }
        var rows: [PlanDocument.Row] = []
        var i = start
        while i + 1 < lines.count, !lines[i].trimmed().isEmpty, !isPipeLed(lines[i]), isPipeLed(lines[i + 1]) {
            var cells = [lines[i].trimmed()]
            let line = i + 1
            i += 1
            while i < lines.count, isPipeLed(lines[i]) {
                cells.append(String(lines[i].trimmed().dropFirst()).trimmed())
                i += 1
            }
            if rows.isEmpty, !HeaderVocabulary.isHeaderRow(cells) { return nil }
            rows.append(row(cells, line: line))
        }
        return rows.count >= 2 ? (rows, i) : nil
    }

    // MARK: - One cell per line

    private static func cellPerLine(_ lines: [String], _ start: Int) -> (rows: [PlanDocument.Row], end: Int)? {
        var header: [String] = []
        var i = start
        // The header's cells, one a line, perhaps with a blank line between them.
        while i < lines.count {
            let text = lines[i].trimmed()
            if text.isEmpty, !header.isEmpty, i + 1 < lines.count, isHeaderCell(lines[i + 1]) {
                i += 1
                continue
            }
            guard isHeaderCell(lines[i]) else { break }
            header.append(text)
            i += 1
        }
        guard header.count >= 3, HeaderVocabulary.isHeaderRow(header) else { return nil }
        // A heading ("一、主要指标"), a lead-in ("主要指标如下：") or a caption naming the indicators above a
        // header that names them again is not the header's first cell: the table starts further down.
        let first = header[0]
        let names = header.filter { HeaderVocabulary.role(of: $0) == .name }.count
        if SectionHeading(first) != nil || first.hasSuffix("：") || first.hasSuffix(":")
            || (HeaderVocabulary.role(of: first) == .name && names > 1)
        {
            return nil
        }
        // The cells up to the first prose line (or three blank lines), in blank-separated blocks.
        var blocks: [[(text: String, line: Int)]] = []
        var current: [(text: String, line: Int)] = []
        var blanks = 0
        while i < lines.count {
            let text = lines[i].trimmed()
            if text.isEmpty {
                if !current.isEmpty { blocks.append(current) }
                current = []
                blanks += 1
                if blanks >= 3 { break }
            } else {
                // A numbered heading inside the table is a group row ("一、人人健康膳食行动"); after two blank
                // lines it begins the text that follows.
                if endsTable(text) || (blanks >= 2 && SectionHeading(text) != nil) || TextTableScanner.isCellLine(lines[i]) {
                    break
                }
                current.append((text, i + 1))
                blanks = 0
            }
            i += 1
        }
        if !current.isEmpty { blocks.append(current) }
        let width = header.count
        var rows = [row(header, line: start + 1)]
        // Blocks no wider than the header are rows (a shorter one a group or merged row); otherwise every cell
        // stood on its own line and rows are counted off by the header's width.
        if blocks.allSatisfy({ $0.count <= width }), blocks.contains(where: { $0.count > 1 }) {
            rows += blocks.map { block in row(block.map(\.text), line: block[0].line) }
        } else if let numbered = CellPerLineRows(header: header)?.rows(blocks.flatMap { $0 }) {
            rows += numbered
        } else {
            let cells = blocks.flatMap { $0 }
            for from in stride(from: 0, to: cells.count, by: width) {
                let slice = cells[from..<min(from + width, cells.count)]
                rows.append(row(slice.map(\.text), line: slice.first!.line))
            }
        }
        return rows.count >= 2 ? (rows, i) : nil
    }

    /// A line no table cell is: a long sentence that is not a note row, a caption of the next table.
    private static func endsTable(_ text: String) -> Bool {
        (text.count > 60 && !CellPerLineRows.isNote(text)) || text.hasPrefix("表") || text.hasPrefix("附件")
    }

    /// A line holding one header cell: short, a header word, not a caption ("…指标表") nor a Word-export cell.
    private static func isHeaderCell(_ line: String) -> Bool {
        let text = line.trimmed()
        return !text.isEmpty && text.count <= headerCellLimit && !text.hasSuffix("表") && !TextTableScanner.isCellLine(line)
            && HeaderVocabulary.role(of: text) != nil
    }

    // MARK: - Space-aligned columns

    /// Fields separated by two or more spaces (or a full-width space), with where each starts.
    static func alignedFields(_ line: String) -> [(text: String, column: Int)] {
        var fields: [(text: String, column: Int)] = []
        var current = ""
        var currentStart = 0
        var spaces = 0
        for (offset, c) in line.enumerated() {
            if c == " " || c == "\u{3000}" {
                spaces += c == " " ? 1 : 2
                continue
            }
            if spaces >= 2 || current.isEmpty {
                if !current.isEmpty { fields.append((current, currentStart)) }
                current = ""
                currentStart = offset
            } else if spaces == 1 {
                current.append(" ")
            }
            spaces = 0
            current.append(c)
        }
        if !current.isEmpty { fields.append((current, currentStart)) }
        return fields
    }

    private static func spaceAligned(_ lines: [String], _ start: Int) -> (rows: [PlanDocument.Row], end: Int)? {
        guard let (header, headerEnd) = alignedHeader(lines, start) else { return nil }
        let starts = header.map(\.column)
        var rows = [row(header.map(\.text), line: start + 1)]
        var i = headerEnd
        while i < lines.count {
            if lines[i].trimmed().isEmpty {
                if i + 1 < lines.count, alignedFields(lines[i + 1]).count >= 2 { i += 1; continue }
                break
            }
            let fields = alignedFields(lines[i])
            if fields.count == 1, var last = rows.last, rows.count > 1, fields[0].column > 0 {
                // A wrapped cell's second line: joined to the cell it starts under.
                let column = nearest(fields[0].column, in: starts)
                if column < last.cells.count {
                    last.cells[column].text += fields[0].text
                    rows[rows.count - 1] = last
                    i += 1
                    continue
                }
            }
            guard fields.count >= 2 || (fields.count == 1 && fields[0].text.count <= 40) else { break }
            var cells = Array(repeating: "", count: starts.count)
            for field in fields {
                let column = nearest(field.column, in: starts)
                cells[column] = cells[column].isEmpty ? field.text : cells[column] + " " + field.text
            }
            rows.append(row(cells, line: i + 1))
            i += 1
        }
        return rows.count >= 2 ? (rows, i) : nil
    }

    /// The header of a space-aligned table starting at `start`, and the line after it. A PDF wraps header cells
    /// over lines above and below the row's middle line ("2023年基" / "序号 指标名称 单位" / "线"): up to three
    /// adjacent lines are laid together, fields overlapping in position joined top to bottom into one column.
    private static func alignedHeader(_ lines: [String], _ start: Int) -> (fields: [(text: String, column: Int)], end: Int)? {
        for depth in 1...3 where start + depth <= lines.count {
            let band = lines[start..<start + depth]
            guard !band.contains(where: { $0.trimmed().isEmpty }) else { return nil }
            let header = mergedColumns(band.map(alignedFields))
            if header.count >= 3, HeaderVocabulary.isHeaderRow(header.map(\.text)) { return (header, start + depth) }
        }
        return nil
    }

    /// Fields of adjacent lines merged by position into columns; a field of two header words with one space
    /// between ("序号 指标名称") is two columns.
    private static func mergedColumns(_ lines: [[(text: String, column: Int)]]) -> [(text: String, column: Int)] {
        var columns: [(text: String, start: Int, end: Int)] = []
        for fields in lines {
            for field in fields {
                let end = field.column + field.text.count
                if let k = columns.firstIndex(where: { field.column < $0.end + 1 && end + 1 > $0.start }) {
                    columns[k].text += field.text
                    columns[k].start = min(columns[k].start, field.column)
                    columns[k].end = max(columns[k].end, end)
                } else {
                    columns.append((field.text, field.column, end))
                }
            }
        }
        var result: [(text: String, column: Int)] = []
        for column in columns.sorted(by: { $0.start < $1.start }) {
            let words = column.text.split(separator: " ")
            // Words of a year header ("2023 年基线") stay together; header words side by side are split.
            if words.count > 1, words.allSatisfy({ HeaderVocabulary.role(of: String($0)) != nil && $0.first?.isNumber == false }) {
                var offset = column.start
                for word in words {
                    result.append((String(word), offset))
                    offset += word.count + 1
                }
            } else {
                result.append((column.text, column.start))
            }
        }
        return result
    }

    /// The header column whose start is closest to `column`.
    private static func nearest(_ column: Int, in starts: [Int]) -> Int {
        starts.indices.min { abs(starts[$0] - column) < abs(starts[$1] - column) } ?? 0
    }

    static func row(_ cells: [String], line: Int) -> PlanDocument.Row {
        PlanDocument.Row(cells: cells.map { PlanDocument.Cell($0) }, line: line)
    }
}

import Foundation

/// Builds a `PlanDocument` from a page's tokens: text between block tags becomes paragraphs; tables become
/// rows of cells, a `rowspan` laid out as cells continuing the one above in the rows it covers. A table with a
/// table inside it is the page's layout (older sites wrap the whole text in one): its cells read as
/// paragraphs and the tables inside it as tables.
struct HTMLDocumentBuilder {
    private struct HTMLCell {
        var lines: [String] = [""]
        var columnSpan = 1
        var rowSpan = 1
    }

    private struct HTMLTable {
        var isLayout = false
        var rows: [(cells: [HTMLCell], line: Int)] = []
        var row: (cells: [HTMLCell], line: Int)?
        var cell: HTMLCell?
    }

    /// Tags that end a paragraph of text (and a line inside a table cell).
    private static let blockTags: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "blockquote",
        "pre", "dt", "dd", "center", "header", "footer", "hr", "caption", "body", "html", "main", "nav", "form",
    ]
    /// The largest span a cell may claim; a page asking for more is broken or hostile.
    private static let maxRowSpan = 10_000

    private let source: String
    private var document: PlanDocument
    private var paragraph = ""
    private var paragraphLine = 1
    private var tables: [HTMLTable] = []
    private var budget: CellBudget

    init(source: String) {
        self.source = source
        document = PlanDocument(source: source)
        budget = CellBudget(source: source)
    }

    mutating func take(_ token: HTMLToken) throws {
        switch token {
        case .text(let text, let line):
            append(text, line: line)
        case .open(let name, let attributes, let line):
            try open(name, attributes: attributes, line: line)
        case .close(let name, let line):
            try close(name, line: line)
        }
    }

    mutating func finish() -> PlanDocument {
        while let last = tables.last {
            if last.isLayout { tables.removeLast() } else { endTable() }
        }
        endParagraph()
        return document
    }

    // MARK: - Text

    /// Whether text now goes into a data table's cell structure (not a paragraph).
    private var inDataTable: Bool { tables.last.map { !$0.isLayout } ?? false }

    private mutating func append(_ raw: String, line: Int) {
        let text = Self.collapse(raw)
        if inDataTable {
            let t = tables.count - 1
            // Text between cells (indentation, stray words outside <td>) is not part of any cell.
            guard tables[t].cell != nil else { return }
            tables[t].cell!.lines[tables[t].cell!.lines.count - 1] += text
            return
        }
        if paragraph.trimmed().isEmpty { paragraphLine = line + Self.leadingNewlines(raw) }
        paragraph += text
    }

    private mutating func endParagraph() {
        let text = paragraph.trimmed()
        if !text.isEmpty {
            document.blocks.append(.paragraph(PlanDocument.Paragraph(text: text, line: paragraphLine)))
        }
        paragraph = ""
    }

    /// White space as a browser shows it: a run becomes one space, and none at all where a line break in the
    /// source falls between two Chinese characters ("人均预期\n寿命" is one word).
    static func collapse(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        var pendingBreak = false
        for c in text {
            if c.isWhitespace && c != "\u{3000}" {
                pendingSpace = true
                if c.isNewline { pendingBreak = true }
                continue
            }
            if pendingSpace {
                let joinsChinese = pendingBreak && !c.isASCII && (result.last.map { !$0.isASCII } ?? false)
                if !joinsChinese { result.append(" ") }
            }
            pendingSpace = false
            pendingBreak = false
            result.append(c)
        }
        if pendingSpace { result.append(" ") }
        return result
    }

    private static func leadingNewlines(_ text: String) -> Int {
        text.prefix { $0.isWhitespace }.filter(\.isNewline).count
    }

    // MARK: - Tags

    private mutating func open(_ name: String, attributes: [String: String], line: Int) throws {
        switch name {
        case "table":
            guard tables.count < HTMLReader.maxTableDepth else {
                throw ImportError(file: source, reason: "第 \(line) 行：表格嵌套超过 \(HTMLReader.maxTableDepth) 层，已拒绝读取")
            }
            if inDataTable { becomeLayout(line: line) }
            endParagraph()
            tables.append(HTMLTable())
        case "tr":
            guard inDataTable else { return lineBreak() }
            endRow()
            tables[tables.count - 1].row = ([], line)
        case "td", "th":
            guard inDataTable else { return lineBreak() }
            endCell()
            if tables[tables.count - 1].row == nil { tables[tables.count - 1].row = ([], line) }
            let columnSpan = min(max(Int(attributes["colspan"]?.trimmed() ?? "") ?? 1, 1), ReaderLimits.maxColumns)
            let rowSpan = min(max(Int(attributes["rowspan"]?.trimmed() ?? "") ?? 1, 1), Self.maxRowSpan)
            try budget.spend(columnSpan)
            tables[tables.count - 1].cell = HTMLCell(columnSpan: columnSpan, rowSpan: rowSpan)
        default:
            if Self.blockTags.contains(name) { lineBreak() }
        }
    }

    private mutating func close(_ name: String, line: Int) throws {
        switch name {
        case "table":
            guard let last = tables.last else { return }
            if last.isLayout {
                tables.removeLast()
                endParagraph()
            } else {
                endTable()
            }
        case "tr":
            if inDataTable { endRow() } else { lineBreak() }
        case "td", "th":
            if inDataTable { endCell() } else { lineBreak() }
        default:
            if Self.blockTags.contains(name) { lineBreak() }
        }
    }

    /// A block boundary: a new paragraph outside tables, a new line inside a cell.
    private mutating func lineBreak() {
        guard inDataTable else { return endParagraph() }
        let t = tables.count - 1
        if tables[t].cell != nil, tables[t].cell!.lines.last?.isEmpty == false { tables[t].cell!.lines.append("") }
    }

    private mutating func endCell() {
        let t = tables.count - 1
        guard let cell = tables[t].cell else { return }
        if tables[t].row == nil { tables[t].row = ([], 0) }
        tables[t].row!.cells.append(cell)
        tables[t].cell = nil
    }

    private mutating func endRow() {
        endCell()
        let t = tables.count - 1
        if let row = tables[t].row, !row.cells.isEmpty { tables[t].rows.append(row) }
        tables[t].row = nil
    }

    private mutating func endTable() {
        endRow()
        let table = tables.removeLast()
        let rows = Self.layOut(table.rows)
        if !rows.isEmpty { document.blocks.append(.table(PlanDocument.Table(rows: rows))) }
    }

    /// The innermost table holds a table: it is layout, and what it has read so far becomes paragraphs.
    private mutating func becomeLayout(line: Int) {
        endCell()
        let t = tables.count - 1
        var table = tables[t]
        if let row = table.row { table.rows.append(row) }
        for row in table.rows {
            for cell in row.cells {
                for text in cell.lines where !text.trimmed().isEmpty {
                    document.blocks.append(.paragraph(PlanDocument.Paragraph(text: text.trimmed(), line: row.line)))
                }
            }
        }
        tables[t] = HTMLTable(isLayout: true)
    }

    /// Places each row's cells on the column grid: a column still covered by a `rowspan` from above gets a
    /// cell continuing it, of the same width.
    private static func layOut(_ rows: [(cells: [HTMLCell], line: Int)]) -> [PlanDocument.Row] {
        var covered: [Int: (remaining: Int, span: Int)] = [:]
        var result: [PlanDocument.Row] = []
        for row in rows {
            var cells: [PlanDocument.Cell] = []
            var column = 0
            var next = row.cells.makeIterator()
            var pendingCell = next.next()
            while true {
                if let cover = covered[column], cover.remaining > 0 {
                    cells.append(PlanDocument.Cell("", columnSpan: cover.span, continuesAbove: true))
                    covered[column] = cover.remaining > 1 ? (cover.remaining - 1, cover.span) : nil
                    column += cover.span
                    continue
                }
                guard let cell = pendingCell else {
                    // Columns further right still covered from above: fill the gap up to them.
                    guard let later = covered.keys.filter({ $0 > column }).min() else { break }
                    cells += Array(repeating: PlanDocument.Cell(""), count: later - column)
                    column = later
                    continue
                }
                cells.append(PlanDocument.Cell(lines: cell.lines, columnSpan: cell.columnSpan))
                if cell.rowSpan > 1 { covered[column] = (cell.rowSpan - 1, cell.columnSpan) }
                column += cell.columnSpan
                pendingCell = next.next()
            }
            result.append(PlanDocument.Row(cells: cells, line: row.line))
        }
        return result
    }
}

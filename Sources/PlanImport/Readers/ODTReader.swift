import Foundation

/// Reads an OpenDocument text file (.odt, what LibreOffice and WPS save): `content.xml`'s headings,
/// paragraphs and tables in order, through the same bounded package and XML scanner as .docx.
///
/// ```swift
/// let document = try ODTReader.read(Data(contentsOf: url), source: url.lastPathComponent)
/// ```
enum ODTReader {
    static func read(_ data: Data, source: String) throws(ImportError) -> PlanDocument {
        let package = try OfficePackage(data, source: source, format: "odt")
        let part = "content.xml"
        var body = ODTBody(source: source)
        try XMLPart.parse(package.requiredPart(part), part: part, package: package, into: &body)
        return PlanDocument(source: source, blocks: body.blocks)
    }
}

/// Builds blocks from the events of an .odt's `content.xml`.
///
/// - `text:p` and `text:h` outside tables are paragraphs; `text:s` is spaces, `text:tab` and
///   `text:line-break` a space; footnotes (`text:note`) are left out.
/// - `table:table-cell` with `number-columns-spanned` is one cell with that `columnSpan`, and the
///   `covered-table-cell`s after it in its row are skipped; with `number-rows-spanned`, the covered cells
///   under it in the next rows become cells continuing the one above. `number-columns-repeated` repeats a
///   cell (within `ReaderLimits.maxColumns`). A table nested in a cell adds its paragraphs to that cell.
struct ODTBody: XMLPartHandler {
    enum Element: String, CaseIterable {
        case p, h, s, tab, note
        case lineBreak = "line-break"
        case table
        case tableRow = "table-row"
        case tableCell = "table-cell"
        case coveredCell = "covered-table-cell"
    }

    private(set) var blocks: [PlanDocument.Block] = []
    private let source: String
    private var line = 0

    private var paragraphDepth = 0
    private var noteDepth = 0
    private var paragraph = ""

    private var tableDepth = 0
    private var rows: [PlanDocument.Row] = []
    private var cells: [PlanDocument.Cell] = []
    private var column = 0
    private var cellParagraphs: [String] = []
    private var cellSpan = 1
    private var cellRepeat = 1
    /// Grid columns covered from a cell above: its remaining rows and width, by its first column.
    private var coveredBelow: [Int: (rows: Int, span: Int)] = [:]
    /// Covered cells still to skip in this row: the rest of a cell spanning columns.
    private var horizontalCover = 0

    private var budget: TextBudget

    init(source: String) {
        self.source = source
        self.budget = TextBudget(source: source)
    }

    private var inOuterTable: Bool { tableDepth == 1 }

    mutating func didStart(_ element: Element?, attributes: XMLAttributes) throws(ImportError) {
        guard let element else { return }
        if element == .note { noteDepth += 1 }
        guard noteDepth == 0 else { return }
        switch element {
        case .p, .h:
            paragraphDepth += 1
            if paragraphDepth == 1 { paragraph = "" }
        case .s:
            if paragraphDepth > 0 { paragraph += String(repeating: " ", count: min(max(Int(attributes["c"] ?? "") ?? 1, 1), 100)) }
        case .tab, .lineBreak:
            if paragraphDepth > 0 { paragraph += " " }
        case .table where paragraphDepth == 0:
            tableDepth += 1
            if tableDepth == 1 { coveredBelow = [:] }
        case .tableRow where inOuterTable:
            cells = []
            column = 0
            horizontalCover = 0
        case .tableCell where inOuterTable:
            cellParagraphs.removeAll(keepingCapacity: true)
            cellSpan = min(max(Int(attributes["number-columns-spanned"] ?? "") ?? 1, 1), ReaderLimits.maxColumns)
            cellRepeat = min(max(Int(attributes["number-columns-repeated"] ?? "") ?? 1, 1), ReaderLimits.maxColumns)
            let rowSpan = min(max(Int(attributes["number-rows-spanned"] ?? "") ?? 1, 1), 100_000)
            if rowSpan > 1 { coveredBelow[column] = (rowSpan - 1, cellSpan) }
            horizontalCover = cellSpan - 1
        case .coveredCell where inOuterTable:
            let repeated = min(max(Int(attributes["number-columns-repeated"] ?? "") ?? 1, 1), ReaderLimits.maxColumns)
            for _ in 0..<repeated { try cover() }
        default: break
        }
    }

    /// One covered cell: the rest of a cell spanning columns to its left, or a column merged from above.
    private mutating func cover() throws(ImportError) {
        if horizontalCover > 0 {
            horizontalCover -= 1
            return
        }
        if let above = coveredBelow[column] {
            coveredBelow[column] = above.rows > 1 ? (above.rows - 1, above.span) : nil
            horizontalCover = above.span - 1
            try append(PlanDocument.Cell("", columnSpan: above.span, continuesAbove: true))
            return
        }
        // A covered cell with nothing to continue (a damaged file): an empty cell keeps the grid.
        try append(PlanDocument.Cell(""))
    }

    mutating func didEnd(_ element: Element?) throws(ImportError) {
        guard let element else { return }
        if element == .note {
            noteDepth -= 1
            return
        }
        guard noteDepth == 0 else { return }
        switch element {
        case .p, .h:
            paragraphDepth -= 1
            if paragraphDepth == 0 { endParagraph() }
        case .tableCell where inOuterTable:
            let cell = PlanDocument.Cell(lines: cellParagraphs, columnSpan: cellSpan)
            for _ in 0..<cellRepeat { try append(cell) }
        case .tableRow where inOuterTable:
            line += 1
            rows.append(PlanDocument.Row(cells: cells, line: line))
        case .table where paragraphDepth == 0 && tableDepth > 0:
            tableDepth -= 1
            if tableDepth == 0 {
                // Repeated empty rows and columns (a spreadsheet-like tail) are not content.
                let kept = rows.filter { row in row.cells.contains { !$0.text.isEmpty || $0.continuesAbove } }
                blocks.append(.table(PlanDocument.Table(rows: kept)))
                rows = []
            }
        default: break
        }
    }

    var wantsText: Bool { paragraphDepth > 0 && noteDepth == 0 }

    /// Past `ReaderLimits.maxDocumentText` of text in all, the document is refused, as a .docx is.
    mutating func didFind(text: String) throws(ImportError) {
        try budget.spend(text.utf8.count)
        // Line ends inside a paragraph are only the file's layout: ODF spaces are text:s.
        paragraph += text.utf8.contains(UInt8(ascii: "\n")) ? text.replacingOccurrences(of: "\n", with: "") : text
    }

    private mutating func endParagraph() {
        if tableDepth > 0 {
            cellParagraphs.append(paragraph)
            return
        }
        line += 1
        if paragraph.unicodeScalars.contains(where: { !$0.isBlank }) {
            blocks.append(.paragraph(PlanDocument.Paragraph(text: paragraph, line: line)))
        }
    }

    private mutating func append(_ cell: PlanDocument.Cell) throws(ImportError) {
        column += cell.columnSpan
        guard column <= ReaderLimits.maxColumns else {
            throw ImportError(file: source, reason: "表格第 \(line + 1) 行超过 \(ReaderLimits.maxColumns) 列，已拒绝读取")
        }
        cells.append(cell)
    }
}

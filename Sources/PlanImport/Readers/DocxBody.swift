/// Builds blocks from the events of `word/document.xml`.
///
/// - A paragraph (`w:p`) outside tables is a `.paragraph`: its runs' `w:t` text as written, with `w:tab`,
///   `w:br` and `w:cr` as a space and `w:noBreakHyphen` as "-". Blank paragraphs are skipped but still take a
///   line number. Paragraphs inside content controls (`w:sdt`, e.g. a table of contents) are body paragraphs.
/// - A table (`w:tbl`) is a `.table` of its rows (`w:tr`) and cells (`w:tc`); a cell's text is its
///   paragraphs joined with a space. `w:gridSpan` sets `columnSpan`; `w:vMerge` without `restart` marks
///   `continuesAbove`; a row's `w:gridBefore` becomes a leading empty cell spanning the skipped columns, so
///   the cells stay over their grid columns. A table nested in a cell adds its paragraphs to that cell.
/// - `mc:Fallback` content is skipped: it repeats its `mc:Choice` for older readers.
struct DocxBody: XMLPartHandler {
    enum Element: String, CaseIterable {
        case p, r, t, tab, br, cr, noBreakHyphen, tbl, tr, tc, tcPr, gridSpan, vMerge, gridBefore, Fallback
    }

    private(set) var blocks: [PlanDocument.Block] = []
    private let source: String
    private var line = 0

    private var paragraphDepth = 0
    private var runDepth = 0
    private var textDepth = 0
    private var fallbackDepth = 0
    private var paragraph = ""
    private var budget: TextBudget

    private var tableDepth = 0
    private var rows: [PlanDocument.Row] = []
    private var cells: [PlanDocument.Cell] = []
    private var rowColumns = 0
    private var cellParagraphs: [String] = []
    private var cellSpan = 1
    private var cellContinuesAbove = false
    private var inCellProperties = false

    init(source: String) {
        self.source = source
        self.budget = TextBudget(source: source)
    }

    mutating func didStart(_ element: Element?, attributes: XMLAttributes) throws(ImportError) {
        if element == .Fallback { fallbackDepth += 1 }
        guard fallbackDepth == 0, let element else { return }
        switch element {
        case .p:
            paragraphDepth += 1
            if paragraphDepth == 1 { paragraph = "" }
        case .r: runDepth += 1
        case .t: textDepth += 1
        case .tab, .br, .cr:
            if runDepth > 0 { paragraph += " " }
        case .noBreakHyphen:
            if runDepth > 0 { paragraph += "-" }
        case .tbl where paragraphDepth == 0: tableDepth += 1
        case .tr where inOuterTable:
            cells = []
            rowColumns = 0
        case .tc where inOuterTable:
            cellParagraphs.removeAll(keepingCapacity: true)
            cellSpan = 1
            cellContinuesAbove = false
        case .tcPr where inOuterTable: inCellProperties = true
        case .gridSpan where inCellProperties:
            cellSpan = max(1, Int(attributes["val"] ?? "") ?? 1)
        case .vMerge where inCellProperties:
            cellContinuesAbove = attributes["val"].map { $0 == "continue" } ?? true
        case .gridBefore where inOuterTable:
            let skipped = Int(attributes["val"] ?? "") ?? 0
            if skipped > 0 { try append(PlanDocument.Cell("", columnSpan: skipped)) }
        default: break
        }
    }

    /// In the structure (not the text) of a body-level table. Names are matched without their namespace, so
    /// a DrawingML table (`a:tbl`) in a picture inside a paragraph must not count: Word tables are never
    /// inside a paragraph.
    private var inOuterTable: Bool { tableDepth == 1 && paragraphDepth == 0 }

    mutating func didEnd(_ element: Element?) throws(ImportError) {
        if element == .Fallback {
            fallbackDepth -= 1
            return
        }
        guard fallbackDepth == 0, let element else { return }
        switch element {
        case .p:
            paragraphDepth -= 1
            if paragraphDepth == 0 { endParagraph() }
        case .r: runDepth -= 1
        case .t: textDepth -= 1
        case .tcPr: inCellProperties = false
        case .tc where inOuterTable:
            try append(
                PlanDocument.Cell(lines: cellParagraphs, columnSpan: cellSpan, continuesAbove: cellContinuesAbove))
        case .tr where inOuterTable:
            line += 1
            rows.append(PlanDocument.Row(cells: cells, line: line))
        case .tbl where paragraphDepth == 0:
            tableDepth -= 1
            if tableDepth == 0 {
                blocks.append(.table(PlanDocument.Table(rows: rows)))
                rows = []
            }
        default: break
        }
    }

    var wantsText: Bool { textDepth > 0 && runDepth > 0 && fallbackDepth == 0 }

    /// Past `ReaderLimits.maxDocumentText` of text in all, the document is refused.
    mutating func didFind(text: String) throws(ImportError) {
        try budget.spend(text.utf8.count)
        paragraph += text
    }

    private mutating func endParagraph() {
        if tableDepth > 0 {
            cellParagraphs.append(paragraph)
            return
        }
        line += 1
        // Blank as `trimmed()` sees it, by scalars: Characters would cost grapheme breaking.
        if paragraph.unicodeScalars.contains(where: { !$0.isBlank }) {
            blocks.append(.paragraph(PlanDocument.Paragraph(text: paragraph, line: line)))
        }
    }

    private mutating func append(_ cell: PlanDocument.Cell) throws(ImportError) {
        rowColumns += cell.columnSpan
        guard rowColumns <= ReaderLimits.maxColumns else {
            throw ImportError(
                file: source, reason: "表格第 \(line + 1) 行超过 \(ReaderLimits.maxColumns) 列，已拒绝读取")
        }
        cells.append(cell)
    }
}

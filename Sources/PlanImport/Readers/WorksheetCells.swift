import Foundation

/// Reads a worksheet part's `sheetData` and `mergeCells` into a `SheetGrid`.
///
/// A cell's value is its shared string (`t="s"`), inline string (`t="inlineStr"`), boolean (`t="b"`: TRUE or
/// FALSE, as Excel shows it), or else the text of its `v` kept as written — "80.77" stays "80.77", a date stays
/// Excel's serial number. Rows and cells without an `r` follow the one before, as the format allows.
struct WorksheetCells: XMLPartHandler {
    enum Element: String, CaseIterable { case row, c, v, t, rPh, mergeCell }

    private(set) var grid: SheetGrid
    private let sharedStrings: [String]
    private let source: String

    private var row = 0
    private var column = 0
    private var type: String?
    private var value = ""
    private var valueLength = 0
    private var hasValue = false
    private var valueDepth = 0
    private var phoneticDepth = 0

    init(sheet: String, source: String, sharedStrings: [String]) {
        grid = SheetGrid(sheet: sheet, source: source)
        self.sharedStrings = sharedStrings
        self.source = source
    }

    mutating func didStart(_ element: Element?, attributes: XMLAttributes) throws(ImportError) {
        switch element {
        case .row:
            if let text = attributes["r"] { row = try number(row: text) } else { row += 1 }
            column = 0
        case .c:
            if let text = attributes["r"] {
                let reference = try cell(text)
                (row, column) = (reference.row, reference.column)
            } else {
                column += 1
            }
            type = attributes["t"]
            (value, valueLength) = ("", 0)
            hasValue = false
        case .v, .t:
            valueDepth += 1
            hasValue = true
        case .rPh: phoneticDepth += 1
        case .mergeCell:
            guard let text = attributes["ref"] else { return }
            guard let range = CellRange(text) else { throw invalid(text) }
            try grid.merge(range)
        case nil: break
        }
    }

    mutating func didEnd(_ element: Element?) throws(ImportError) {
        switch element {
        case .v, .t: valueDepth -= 1
        case .rPh: phoneticDepth -= 1
        case .c where hasValue:
            let text = try resolvedValue()
            if !text.isEmpty { try grid.set(text, at: CellReference(row: row, column: column)) }
        default: break
        }
    }

    var wantsText: Bool { valueDepth > 0 && phoneticDepth == 0 }

    /// A value longer than Excel allows in a cell (`ReaderLimits.maxCellText`) is refused.
    mutating func didFind(text: String) throws(ImportError) {
        valueLength += text.utf16.count
        guard valueLength <= ReaderLimits.maxCellText else {
            let cell = CellReference(row: row, column: column).name
            throw ImportError(
                file: source,
                reason: "工作表“\(grid.sheet)”的 \(cell) 超过 Excel 单元格上限 \(ReaderLimits.maxCellText) 个字符，已拒绝读取")
        }
        value += text
    }

    private func resolvedValue() throws(ImportError) -> String {
        switch type {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index)
            else {
                let cell = CellReference(row: row, column: column).name
                throw ImportError(
                    file: source, reason: "文件不是有效的 .xlsx 文档：工作表“\(grid.sheet)”的 \(cell) 引用了不存在的共享字符串“\(value)”")
            }
            return sharedStrings[index]
        case "b": return value == "1" ? "TRUE" : "FALSE"
        default: return value
        }
    }

    private func number(row text: String) throws(ImportError) -> Int {
        guard let row = Int(text), (1...1_048_576).contains(row) else { throw invalid(text) }
        return row
    }

    private func cell(_ text: String) throws(ImportError) -> CellReference {
        guard let reference = CellReference(text) else { throw invalid(text) }
        return reference
    }

    private func invalid(_ reference: String) -> ImportError {
        ImportError(file: source, reason: "文件不是有效的 .xlsx 文档：工作表“\(grid.sheet)”中的单元格引用“\(reference)”无效")
    }
}

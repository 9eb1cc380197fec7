/// Counts the cells a spreadsheet or CSV file lays out against `ReaderLimits.maxCells`, and the text of a
/// spreadsheet's laid-out cells against `ReaderLimits.maxDocumentText`.
struct CellBudget {
    let source: String
    private(set) var spent = 0
    private(set) var textSpent = 0

    init(source: String) {
        self.source = source
    }

    mutating func spend(_ cells: Int = 1) throws(ImportError) {
        spent += cells
        guard spent <= ReaderLimits.maxCells else {
            throw ImportError(file: source, reason: "表格单元格总数超过 \(ReaderLimits.maxCells) 个，已拒绝读取")
        }
    }

    /// Counts `bytes` of laid-out text: a shared string costs again in every cell that shows it.
    mutating func spend(textBytes bytes: Int) throws(ImportError) {
        textSpent += bytes
        guard textSpent <= ReaderLimits.maxDocumentText else {
            let limit = ReaderLimits.describe(bytes: ReaderLimits.maxDocumentText)
            throw ImportError(file: source, reason: "表格中的文字合计超过 \(limit)，已拒绝读取")
        }
    }
}

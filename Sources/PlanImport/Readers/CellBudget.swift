/// Counts the cells a spreadsheet or CSV file lays out against `ReaderLimits.maxCells`, and the text of a
/// spreadsheet's laid-out cells against `ReaderLimits.maxDocumentText`.
struct CellBudget {
    let source: String
    private(set) var spent = 0
    private var text: TextBudget

    init(source: String) {
        self.source = source
        self.text = TextBudget(source: source, what: "表格")
    }

    mutating func spend(_ cells: Int = 1) throws(ImportError) {
        spent += cells
        guard spent <= ReaderLimits.maxCells else {
            throw ImportError(file: source, reason: "表格单元格总数超过 \(ReaderLimits.maxCells) 个，已拒绝读取")
        }
    }

    /// Counts `bytes` of laid-out text: a shared string costs again in every cell that shows it.
    mutating func spend(textBytes bytes: Int) throws(ImportError) {
        try text.spend(bytes)
    }
}

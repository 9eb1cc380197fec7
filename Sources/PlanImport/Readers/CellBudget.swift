/// Counts the cells a spreadsheet or CSV file lays out against `ReaderLimits.maxCells`.
struct CellBudget {
    let source: String
    private(set) var spent = 0

    init(source: String) {
        self.source = source
    }

    mutating func spend(_ cells: Int = 1) throws(ImportError) {
        spent += cells
        guard spent <= ReaderLimits.maxCells else {
            throw ImportError(file: source, reason: "表格单元格总数超过 \(ReaderLimits.maxCells) 个，已拒绝读取")
        }
    }
}

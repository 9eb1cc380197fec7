/// A worksheet's values by position, laid out as table rows once the sheet is read.
///
/// Only cells with a value are stored, so a stray value far from the rest costs one entry; the gaps are
/// filled with empty cells only when rows are laid out, within a `CellBudget`. Merged ranges follow Word's
/// model: the top-left cell spans the range's columns, the first cell of each row below it `continuesAbove`
/// (spanning the same columns), and values Excel hides under a merge are dropped with a warning.
struct SheetGrid {
    let sheet: String
    private var values: [Int: [Int: String]] = [:]
    private var merges: [CellRange] = []
    /// Counts stored values and merged ranges, which the sheet's XML could otherwise pile up unchecked.
    private var stored: CellBudget

    init(sheet: String, source: String) {
        self.sheet = sheet
        stored = CellBudget(source: source)
    }

    /// Stores a value; a value right of `ReaderLimits.maxColumns` is refused.
    mutating func set(_ text: String, at cell: CellReference) throws(ImportError) {
        guard cell.column <= ReaderLimits.maxColumns else {
            throw ImportError(
                file: stored.source,
                reason: "工作表“\(sheet)”第 \(cell.row) 行超过 \(ReaderLimits.maxColumns) 列（\(cell.name)），已拒绝读取")
        }
        try stored.spend()
        values[cell.row, default: [:]][cell.column] = text
    }

    /// Records a merged range; the part right of `ReaderLimits.maxColumns` is ignored, as it holds no values.
    mutating func merge(_ range: CellRange) throws(ImportError) {
        guard range.first.column <= ReaderLimits.maxColumns else { return }
        try stored.spend()
        var clipped = range
        clipped.last.column = min(range.last.column, ReaderLimits.maxColumns)
        merges.append(clipped)
    }

    /// The rows holding a value or the top of a merged range, in order; `line` is the row number.
    func rows(budget: inout CellBudget) throws(ImportError) -> (rows: [PlanDocument.Row], warnings: [DocumentWarning]) {
        let (cells, warnings) = try mergedCells(budget: &budget)
        var rows: [PlanDocument.Row] = []
        for (row, rowCells) in cells.sorted(by: { $0.key < $1.key }) {
            guard let width = rowCells.keys.max() else { continue }
            var laidOut: [PlanDocument.Cell] = []
            var column = 1
            while column <= width {
                try budget.spend()
                let cell = rowCells[column] ?? PlanDocument.Cell("")
                try budget.spend(textBytes: cell.text.utf8.count)
                laidOut.append(cell)
                column += cell.columnSpan
            }
            rows.append(PlanDocument.Row(cells: laidOut, line: row))
        }
        return (rows, warnings)
    }

    /// The cells by row and column with the merged ranges applied. A range reaches only rows that hold a value
    /// (or its own top row), so a range over the whole sheet costs what the sheet holds.
    private func mergedCells(
        budget: inout CellBudget
    ) throws(ImportError) -> (cells: [Int: [Int: PlanDocument.Cell]], warnings: [DocumentWarning]) {
        var cells = values.mapValues { $0.mapValues { PlanDocument.Cell(multiline: $0) } }
        for range in merges where cells[range.first.row]?[range.first.column] == nil {
            cells[range.first.row, default: [:]][range.first.column] = PlanDocument.Cell("")
        }
        let rowNumbers = cells.keys.sorted()
        var warnings: [DocumentWarning] = []
        for range in merges {
            let columns = range.first.column...range.last.column
            let start = rowNumbers.partitioningIndex { $0 >= range.first.row }
            for row in rowNumbers[start...].prefix(while: { $0 <= range.last.row }) {
                try budget.spend(columns.count)
                var rowCells = cells[row, default: [:]]
                for column in columns.dropFirst() {
                    if let hidden = rowCells.removeValue(forKey: column), !hidden.text.isEmpty {
                        let cell = CellReference(row: row, column: column).name
                        warnings.append(
                            DocumentWarning(
                                line: row, message: "工作表“\(sheet)”的 \(cell) 被合并单元格覆盖，其内容“\(hidden.text)”未读入"))
                    }
                }
                var first = rowCells[columns.lowerBound, default: PlanDocument.Cell("")]
                first.columnSpan = columns.count
                first.continuesAbove = row != range.first.row
                rowCells[columns.lowerBound] = first
                cells[row] = rowCells
            }
        }
        return (cells, warnings)
    }
}

extension Array {
    /// The index of the first element for which `belongs` holds, `belongs` being false then true along the
    /// array (a binary search).
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

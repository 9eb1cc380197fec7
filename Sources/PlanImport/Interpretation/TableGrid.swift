import Foundation

/// A table laid out on its column grid: a cell spanning columns appears in each, a vertically merged cell
/// shows the text above it. What was copied is marked, so readers can tell a merge from a repeated value.
struct TableGrid {
    struct Cell {
        var text: String
        /// Filled from a merge (a span to the left, or the cell above), not written in this position.
        var isMergeCopy = false
    }

    struct Row {
        var cells: [Cell]
        var line: Int

        subscript(_ column: Int) -> String { column < cells.count ? cells[column].text : "" }

        func isCopy(_ column: Int) -> Bool { column < cells.count && cells[column].isMergeCopy }

        var isEmpty: Bool { cells.allSatisfy { $0.text.isEmpty } }
    }

    var rows: [Row]
    /// The widest row's width.
    var width: Int
    /// The width most rows have: header rows are placed against it, not against a stray overlong row.
    var commonWidth: Int

    init(_ table: PlanDocument.Table) {
        var rows: [Row] = []
        for source in table.rows {
            var cells: [Cell] = []
            for cell in source.cells {
                let column = cells.count
                var first = Cell(text: cell.text)
                if cell.continuesAbove, let above = rows.last, column < above.cells.count {
                    first = Cell(text: above.cells[column].text, isMergeCopy: true)
                }
                cells.append(first)
                for _ in 1..<max(cell.columnSpan, 1) {
                    cells.append(Cell(text: first.text, isMergeCopy: true))
                }
            }
            rows.append(Row(cells: cells, line: source.line))
        }
        self.rows = rows
        width = rows.map(\.cells.count).max() ?? 0
        var counts: [Int: Int] = [:]
        for row in rows { counts[row.cells.count, default: 0] += 1 }
        commonWidth = counts.max { a, b in a.value == b.value ? a.key < b.key : a.value < b.value }?.key ?? width
    }
}

/// Turns a text table's blocks into rows of the table's width: a row the export broke over several
/// blank-separated blocks is joined, and rows glued into one block are split.
enum TextRowAssembler {
    static func rows(from blocks: [TextTableScanner.Block], warnings: inout [DocumentWarning]) -> [PlanDocument.Row] {
        let headerCount = blocks.prefix { HeaderVocabulary.isHeaderRow($0.cells) }.count
        let width = commonWidth(blocks.dropFirst(headerCount))
        var rows = blocks.prefix(headerCount).map { row($0.cells, line: $0.line) }
        var k = headerCount
        while k < blocks.count {
            let block = blocks[k]
            if block.cells.count < width, let joined = join(blocks, from: k, width: width) {
                warnings.append(
                    DocumentWarning(line: block.line, message: "表格的一行被空行拆成 \(joined.count) 段，已合并为一行"))
                rows.append(row(joined.cells, line: block.line))
                k += joined.count
                continue
            }
            if width > 1, block.cells.count > width, block.cells.count % width == 0 {
                warnings.append(
                    DocumentWarning(
                        line: block.line,
                        message: "\(block.cells.count / width) 行表格之间缺少空行，已按每行 \(width) 格拆开"))
                for start in stride(from: 0, to: block.cells.count, by: width) {
                    rows.append(row(Array(block.cells[start..<start + width]), line: block.line))
                }
            } else {
                rows.append(row(block.cells, line: block.line))
            }
            k += 1
        }
        return rows
    }

    /// The number of cells most data rows have (single-cell fragments of broken rows don't count).
    private static func commonWidth(_ blocks: ArraySlice<TextTableScanner.Block>) -> Int {
        var counts: [Int: Int] = [:]
        for block in blocks where block.cells.count > 1 { counts[block.cells.count, default: 0] += 1 }
        return counts.max { a, b in a.value == b.value ? a.key < b.key : a.value < b.value }?.key ?? 0
    }

    /// Consecutive short blocks that together fill exactly one row.
    private static func join(_ blocks: [TextTableScanner.Block], from start: Int, width: Int) -> (cells: [String], count: Int)? {
        var cells: [String] = []
        var k = start
        while k < blocks.count, blocks[k].cells.count < width, cells.count + blocks[k].cells.count <= width {
            cells += blocks[k].cells
            k += 1
            if cells.count == width { return k - start > 1 ? (cells, k - start) : nil }
        }
        return nil
    }

    private static func row(_ cells: [String], line: Int) -> PlanDocument.Row {
        PlanDocument.Row(cells: cells.map { PlanDocument.Cell($0) }, line: line)
    }
}

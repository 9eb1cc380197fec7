import Foundation
import PlanCore

/// Collects the cells of one table of Word-exported text into blank-line-separated blocks.
struct TextTableScanner {
    struct Block {
        var cells: [String]
        var line: Int
    }

    let lines: [String]
    /// The first line after the table, once `scan()` has run.
    private(set) var end: Int
    private(set) var warnings: [DocumentWarning] = []

    init(lines: [String], start: Int) {
        self.lines = lines
        self.end = start
    }

    /// A line led by a tab, perhaps after spaces (" \t2018年").
    static func isCellLine(_ line: String) -> Bool {
        line.unicodeScalars.first { $0 != " " && $0 != "\u{3000}" } == "\t"
    }

    static func cells(of line: String) -> [String] {
        let scalars = line.unicodeScalars
        guard let tab = scalars.firstIndex(of: "\t") else { return [] }
        // Byte-wise split on the tab: splitting by Character compares grapheme clusters.
        return line[scalars.index(after: tab)...].utf8
            .split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            .map { Substring($0).trimmed() }
    }

    mutating func scan() -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        var j = end
        var previousWasCell = false
        while j < lines.count {
            let line = lines[j]
            let trimmed = Self.isBlank(line) ? "" : line.trimmed()
            if Self.isCellLine(line) {
                if line.first != "\t", let block = current, !block.cells.isEmpty {
                    // " \t加强健康保障": a row glued to the one before it, its first (empty) cell left as a space.
                    blocks.append(block)
                    current = Block(cells: [""], line: j + 1)
                    warnings.append(DocumentWarning(line: j + 1, message: "表格两行之间缺少空行（行首为空格），已从此处拆为新的一行"))
                }
                if current == nil { current = Block(cells: [], line: j + 1) }
                current!.cells += Self.cells(of: line)
                previousWasCell = true
                j += 1
                continue
            }
            if !trimmed.isEmpty, previousWasCell, current != nil {
                // A cell's second line: the cell went on without a tab.
                appendContinuation(trimmed, to: &current!, line: j + 1, afterBlank: false)
                j += 1
                continue
            }
            // A blank line, or a text line after one: a row ends here unless the next text repairs the row.
            let next = nextNonBlank(from: j)
            guard next < lines.count else { break }
            if Self.isCellLine(lines[next]) {
                if let block = current { blocks.append(block) }
                current = nil
                previousWasCell = false
                j = next
                continue
            }
            let text = lines[next].trimmed()
            if let block = current, let last = block.cells.last(where: { !$0.isEmpty }), last == text {
                warnings.append(DocumentWarning(line: next + 1, message: "导出时重复的单元格文字“\(text)”已忽略"))
                previousWasCell = false
                j = next + 1
                continue
            }
            // One blank line inside a row is the export breaking a cell; two or more end the table.
            if current != nil, next - j == 1, !Self.looksLikeProse(text) {
                appendContinuation(text, to: &current!, line: next + 1, afterBlank: true)
                previousWasCell = false
                j = next + 1
                continue
            }
            break
        }
        if let block = current { blocks.append(block) }
        end = j
        return blocks
    }

    private func nextNonBlank(from j: Int) -> Int {
        var k = j
        while k < lines.count, Self.isBlank(lines[k]) { k += 1 }
        return k
    }

    /// An empty line; a line holding only a tab is an empty cell, not a blank.
    static func isBlank(_ line: String) -> Bool {
        !isCellLine(line) && line.trimmed().isEmpty
    }

    private mutating func appendContinuation(_ text: String, to block: inout Block, line: Int, afterBlank: Bool) {
        guard let last = block.cells.indices.last else { return }
        if block.cells[last] == text { return }
        if afterBlank, !block.cells[last].isEmpty {
            warnings.append(
                DocumentWarning(line: line, message: "单元格“\(block.cells[last])”被空行断开，已与下一行“\(text)”合并"))
        }
        block.cells[last] = block.cells[last].isEmpty ? text : block.cells[last] + " " + text
    }

    /// Text that ends a table rather than continuing a cell: a caption, a heading or a sentence.
    static func looksLikeProse(_ text: String) -> Bool {
        text.count > 30 || text.includes("表") || text.includes("附件") || SectionHeading(text) != nil
    }
}

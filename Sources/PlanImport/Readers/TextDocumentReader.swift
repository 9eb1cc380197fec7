import Foundation

/// Reads a plan exported from Word as plain text, the seeds' format: a table cell is a line led by a tab,
/// rows are separated by blank lines, a merged cell is an empty cell, and the export's slips are repaired:
/// a cell broken by a blank line is joined again, a duplicated cell text is dropped, a row split over
/// several blank-separated blocks is rejoined and rows glued together are split, each with a warning.
/// Tables laid out otherwise (cells separated by "|" or tabs, one cell per line, space-aligned columns) are
/// read by `TextTableLayouts`.
public enum TextDocumentReader {
    public static func read(_ text: String, source: String) -> PlanDocument {
        // Split on the newline byte: splitting a String by Character walks grapheme clusters, ten times slower.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { bytes in
            let line = Substring(bytes)
            return line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        var document = PlanDocument(source: source)
        var i = 0
        while i < lines.count {
            if TextTableScanner.isCellLine(lines[i]) {
                var scanner = TextTableScanner(lines: lines, start: i)
                let blocks = scanner.scan()
                document.warnings += scanner.warnings
                let rows = TextRowAssembler.rows(from: blocks, warnings: &document.warnings)
                document.blocks.append(.table(PlanDocument.Table(rows: rows)))
                i = scanner.end
            } else if let table = TextTableLayouts.table(in: lines, at: i) {
                document.blocks.append(.table(PlanDocument.Table(rows: table.rows)))
                i = table.end
            } else {
                let paragraph = lines[i].trimmed()
                if !paragraph.isEmpty {
                    document.blocks.append(.paragraph(PlanDocument.Paragraph(text: paragraph, line: i + 1)))
                }
                i += 1
            }
        }
        return document
    }
}

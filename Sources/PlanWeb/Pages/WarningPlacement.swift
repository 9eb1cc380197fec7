import PlanCore
import PlanStore

/// Where the import review shows each of the importer's warnings: on the indicator row it concerns (its own
/// line, or a line folded into it, such as a row of targets without a name merged into the indicator above),
/// above the table when it concerns the table's header, otherwise only in the list at the top.
struct WarningPlacement {
    private(set) var byRow: [Int64: [ImportWarning]] = [:]
    private(set) var byTable: [Int: [ImportWarning]] = [:]
    private var anchors: [Int: String] = [:]

    /// `tableRows` are the lines of the source document that are table rows (empty without the document).
    init(_ warnings: [ImportWarning], tables: [[StoredIndicator]], tableRows: Set<Int>) {
        // Each table's rows by line. A warning belongs to the last row at or before its line while it lies
        // within the table (up to one row's height after the last row); on a table row before a table's
        // first indicator it concerns that table's header.
        let spans = tables.map { rows in rows.compactMap { row in row.indicator.sourceLine.map { ($0, row) } }.sorted { $0.0 < $1.0 } }
        for (index, warning) in warnings.enumerated() {
            guard let line = warning.sourceLine else { continue }
            var previousEnd = 0
            for (t, span) in spans.enumerated() {
                guard let first = span.first, let last = span.last else { continue }
                if line < first.0 {
                    // Only a row of the document's table is its header; a paragraph above (the title, a
                    // caption) is prose.
                    if line > previousEnd, tableRows.contains(line) {
                        byTable[t, default: []].append(warning)
                        anchors[index] = "table-\(t)"
                    }
                    break
                }
                if line <= last.0 + Self.rowHeight(span), let row = span.last(where: { $0.0 <= line })?.1 {
                    byRow[row.id, default: []].append(warning)
                    anchors[index] = Self.anchor(of: row)
                    break
                }
                previousEnd = last.0 + Self.rowHeight(span)
            }
        }
        self.warnings = warnings
    }

    private let warnings: [ImportWarning]

    /// The element id the warning list links to, when the warning is shown in the tables.
    func anchor(of warning: ImportWarning) -> String? {
        warnings.firstIndex(of: warning).flatMap { anchors[$0] }
    }

    static func anchor(of row: StoredIndicator) -> String {
        row.indicator.sourceLine.map { "line-\($0)" } ?? "indicator-\(row.id)"
    }

    /// How many lines a row of the table takes (the widest gap between consecutive rows), so a line just
    /// after the last row still counts as part of it.
    private static func rowHeight(_ span: [(Int, StoredIndicator)]) -> Int {
        zip(span, span.dropFirst()).map { $1.0 - $0.0 }.max() ?? 0
    }
}

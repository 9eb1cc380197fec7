import PlanImport

/// The source document's text by line number, as the importer numbered it (text lines; paragraph and row
/// ordinals for .docx), so the import review can show each parsed row beside what the document says.
struct SourceLines {
    private var lines: [Int: String] = [:]
    /// The lines that are rows of a table (the others are paragraphs).
    private(set) var tableRows: Set<Int> = []

    init(_ document: PlanDocument) {
        for block in document.blocks {
            switch block {
            case .paragraph(let paragraph):
                lines[paragraph.line] = paragraph.text
            case .table(let table):
                for row in table.rows {
                    lines[row.line] = row.cells.map(\.text).joined(separator: " │ ")
                    tableRows.insert(row.line)
                }
            }
        }
    }

    subscript(_ line: Int?) -> String? { line.flatMap { lines[$0] } }
}

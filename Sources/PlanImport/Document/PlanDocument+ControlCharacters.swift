extension PlanDocument {
    /// The document with control characters (U+0000–U+001F but tab, U+007F) taken out of every paragraph and cell:
    /// a plan's text never means anything by them, they come from damaged or hand-edited files, and PostgreSQL
    /// can store no text with U+0000 in it.
    func withoutControlCharacters() -> PlanDocument {
        var document = self
        document.blocks = blocks.map { block in
            switch block {
            case .paragraph(var paragraph):
                paragraph.text = paragraph.text.withoutControlCharacters
                return .paragraph(paragraph)
            case .table(var table):
                for r in table.rows.indices {
                    for c in table.rows[r].cells.indices {
                        table.rows[r].cells[c].text = table.rows[r].cells[c].text.withoutControlCharacters
                    }
                }
                return .table(table)
            }
        }
        return document
    }
}

extension String {
    var withoutControlCharacters: String {
        // Almost every text has none: the bytes are checked before anything is copied.
        func isControl(_ value: UInt32) -> Bool { (value < 0x20 && value != 0x09) || value == 0x7F }
        guard utf8.contains(where: { isControl(UInt32($0)) }) else { return self }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: unicodeScalars.filter { !isControl($0.value) })
        return String(kept)
    }
}

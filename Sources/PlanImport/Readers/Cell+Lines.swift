import Foundation

extension PlanDocument.Cell {
    /// A cell whose text comes in lines — Word paragraphs, line breaks typed in an Excel or CSV cell: the
    /// lines trimmed, the empty ones dropped, the rest joined with one space ("牵头\n部门" → "牵头 部门").
    init(lines: some Sequence<some StringProtocol>, columnSpan: Int = 1, continuesAbove: Bool = false) {
        // Plain loops and scalar trimming: Foundation's trimming bridges through NSString, and every cell of
        // a document comes through here.
        var text = ""
        for line in lines {
            let trimmed = line.trimmed()
            guard !trimmed.isEmpty else { continue }
            if !text.isEmpty { text += " " }
            text += trimmed
        }
        self.init(text, columnSpan: columnSpan, continuesAbove: continuesAbove)
    }

    /// A cell holding `text`, its line breaks joined as `init(lines:)` joins lines.
    init(multiline text: String) {
        self.init(lines: text.split(whereSeparator: \.isNewline))
    }
}

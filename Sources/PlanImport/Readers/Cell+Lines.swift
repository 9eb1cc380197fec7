import Foundation

extension PlanDocument.Cell {
    /// A cell whose text comes in lines — Word paragraphs, line breaks typed in an Excel or CSV cell: the
    /// lines trimmed, the empty ones dropped, the rest joined with one space ("牵头\n部门" → "牵头 部门").
    init(lines: some Sequence<some StringProtocol>, columnSpan: Int = 1, continuesAbove: Bool = false) {
        let text = lines.lazy
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        self.init(text, columnSpan: columnSpan, continuesAbove: continuesAbove)
    }

    /// A cell holding `text`, its line breaks joined as `init(lines:)` joins lines.
    init(multiline text: String) {
        self.init(lines: text.split(whereSeparator: \.isNewline))
    }
}

/// Rows of a table copied one cell a line when the page left out its empty and merged cells, so the cells
/// cannot be counted off by the header's width: a row starts at its sequence number (1, 2, 3 …), ends at the
/// table's last column when that column's kind of value is seen (约束性/预期性/倡导性 under 指标性质), and is
/// laid under the header by meaning — missing values are the baseline's, one value left for several year
/// columns is merged across them. Lines between rows are group rows ("(一)" and "健康知识普及行动" joined)
/// and note rows ("说明：…").
struct CellPerLineRows {
    let header: [String]
    let roles: [ColumnRole?]
    let sequenceColumn: Int
    let nameColumn: Int

    private static let natureWords: Set<String> = ["约束性", "预期性", "倡导性", "指导性"]

    init?(header: [String]) {
        self.header = header
        roles = header.map(HeaderVocabulary.role(of:))
        guard let sequence = roles.firstIndex(of: .sequence), let name = roles.firstIndex(of: .name), sequence < name else {
            return nil
        }
        sequenceColumn = sequence
        nameColumn = name
    }

    func rows(_ cells: [(text: String, line: Int)]) -> [PlanDocument.Row]? {
        var rows: [PlanDocument.Row] = []
        var current: (cells: [String], line: Int)?
        var nextNumber: Int?
        var numbering: String?
        func close() {
            if let row = current { rows.append(TextTableLayouts.row(layOut(row.cells), line: row.line)) }
            current = nil
        }
        for cell in cells {
            let text = cell.text
            if let number = Int(text), nextNumber == nil || number == nextNumber {
                close()
                current = ([text], cell.line)
                nextNumber = number + 1
                continue
            }
            if Self.isNote(text) {
                close()
                rows.append(TextTableLayouts.row([text], line: cell.line))
                continue
            }
            if var row = current {
                row.cells.append(text)
                current = row
                if roles.last == .nature, Self.natureWords.contains(text) || row.cells.count == header.count - sequenceColumn {
                    close()
                }
                continue
            }
            if IndicatorTableReader.isBareNumbering(text) {
                numbering = text
                continue
            }
            // "(一)" + "健康知识普及行动" → "(一)健康知识普及行动"; "一" + "…" → "一、…".
            let number = numbering.map { $0.hasSuffix(")") || $0.hasSuffix("）") ? $0 : $0 + "、" } ?? ""
            rows.append(TextTableLayouts.row([number + text], line: cell.line))
            numbering = nil
        }
        close()
        return rows.isEmpty ? nil : rows
    }

    static func isNote(_ text: String) -> Bool {
        ["说明", "计算方法", "计算公式", "指标定义", "口径"].contains { word in
            text.hasPrefix(word + "：") || text.hasPrefix(word + ":")
        }
    }

    /// A row's cells (sequence number first) placed under the header's columns.
    private func layOut(_ cells: [String]) -> [String] {
        var laid = Array(repeating: "", count: header.count)
        var rest = cells[...]
        for column in sequenceColumn...nameColumn where !rest.isEmpty {
            laid[column] = rest.removeFirst()
        }
        if roles.last == .nature, let last = rest.last, Self.natureWords.contains(last) {
            laid[header.count - 1] = last
            rest = rest.dropLast()
        }
        let valueColumns = header.indices.filter { column in
            guard column > nameColumn, laid[column].isEmpty else { return false }
            switch roles[column] {
            case .baseline, .year, .target: return true
            default: return false
            }
        }
        let yearColumns = valueColumns.filter { if case .baseline = roles[$0] { false } else { true } }
        let values = Array(rest)
        if values.count == 1, yearColumns.count > 1 {
            // One value where there are several years: merged across them.
            for column in yearColumns { laid[column] = values[0] }
        } else if values.count <= valueColumns.count {
            // Missing values are the leading ones (the baseline, then the earlier years).
            for (column, value) in zip(valueColumns.suffix(values.count), values) { laid[column] = value }
        } else {
            for (column, value) in zip(valueColumns, values) { laid[column] = value }
        }
        return laid
    }
}

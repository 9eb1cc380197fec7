/// Splits CSV text into rows as RFC 4180 describes: fields separated by commas, records by CRLF, LF or CR;
/// a field starting with a double quote runs to the closing quote, may hold commas and line breaks, and
/// writes a quote as two. Like Excel, it keeps a quote inside an unquoted field, and text after a closing
/// quote, as written. Blank lines are skipped.
enum CSVRecords {
    static func rows(of text: String, source: String) throws(ImportError) -> [PlanDocument.Row] {
        var parser = Parser(source: source)
        for byte in text.utf8 { try parser.consume(byte) }
        return try parser.finish()
    }

    /// A byte-at-a-time state machine; the bytes it splits on are ASCII, so each field's bytes stay UTF-8.
    private struct Parser {
        enum State {
            case fieldStart, unquoted, quoted
            /// A quote inside a quoted field: the closing one, or the first of a doubled pair.
            case quoteInQuoted
        }

        let source: String
        var rows: [PlanDocument.Row] = []
        var budget: CellBudget
        var record: [PlanDocument.Cell] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var afterCR = false
        var line = 1
        var recordLine = 1

        init(source: String) {
            self.source = source
            budget = CellBudget(source: source)
        }

        mutating func consume(_ byte: UInt8) throws(ImportError) {
            defer { afterCR = byte == cr }
            if byte == lf, afterCR {
                if state == .quoted { field.append(byte) }
                return
            }
            if byte == cr || byte == lf { line += 1 }
            switch (state, byte) {
            case (.quoted, quote): state = .quoteInQuoted
            case (.quoted, _): field.append(byte)
            case (.quoteInQuoted, quote):
                field.append(byte)
                state = .quoted
            case (.fieldStart, quote): state = .quoted
            case (_, comma): try endField()
            case (_, cr), (_, lf): try endRecord()
            default:
                field.append(byte)
                state = .unquoted
            }
        }

        mutating func finish() throws(ImportError) -> [PlanDocument.Row] {
            guard state != .quoted else {
                throw ImportError(file: source, reason: "CSV 格式错误：第 \(recordLine) 行开始的记录中有未闭合的引号")
            }
            try endRecord()
            return rows
        }

        private mutating func endField() throws(ImportError) {
            guard record.count < ReaderLimits.maxColumns else {
                throw ImportError(
                    file: source, reason: "第 \(recordLine) 行超过 \(ReaderLimits.maxColumns) 列，已拒绝读取")
            }
            try budget.spend()
            record.append(PlanDocument.Cell(multiline: String(decoding: field, as: UTF8.self)))
            field = []
            state = .fieldStart
        }

        private mutating func endRecord() throws(ImportError) {
            if record.isEmpty, field.isEmpty, state == .fieldStart {
                recordLine = line
                return
            }
            try endField()
            rows.append(PlanDocument.Row(cells: record, line: recordLine))
            record = []
            recordLine = line
        }
    }
}

private let quote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let cr = UInt8(ascii: "\r")
private let lf = UInt8(ascii: "\n")

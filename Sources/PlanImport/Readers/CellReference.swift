/// An A1-style cell reference ("B12": row 12, column 2), 1-based, as in a worksheet's `r` and `ref`
/// attributes. Columns run to XFD (16,384) and rows to 1,048,576, Excel's grid.
struct CellReference {
    var row: Int
    var column: Int

    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    init?(_ text: some StringProtocol) {
        var column = 0
        var letters = 0
        var digits = Substring(text)
        while let first = digits.first, let ascii = first.asciiValue, (65...90).contains(ascii) {
            column = column * 26 + Int(ascii - 64)
            letters += 1
            digits = digits.dropFirst()
        }
        guard (1...3).contains(letters), column <= 16_384, (1...7).contains(digits.count),
            digits.allSatisfy({ ("0"..."9").contains($0) }), let row = Int(digits), (1...1_048_576).contains(row)
        else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters, for messages: 28 → "AB".
    var columnName: String {
        var name = ""
        var rest = column
        while rest > 0 {
            let letter = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + letter))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    var name: String { "\(columnName)\(row)" }
}

/// A rectangle of cells, as in `<mergeCell ref="A1:C2"/>`.
struct CellRange {
    var first: CellReference
    var last: CellReference

    init?(_ text: String) {
        let ends = text.split(separator: ":")
        guard ends.count == 2, let a = CellReference(ends[0]), let b = CellReference(ends[1]) else { return nil }
        first = CellReference(row: min(a.row, b.row), column: min(a.column, b.column))
        last = CellReference(row: max(a.row, b.row), column: max(a.column, b.column))
    }
}

/// The distinct cell formats a workbook uses (number format, bold, fill, editable), numbered in the order
/// first met, and the styles.xml that defines them. Index 0 is the default format.
struct CellStyles {
    private struct Key: Hashable {
        var numberFormat: String?
        var bold: Bool
        var fill: String?
        var editable: Bool
    }

    private var keys: [Key] = [Key(numberFormat: nil, bold: false, fill: nil, editable: false)]
    private var indices: [Key: Int] = [Key(numberFormat: nil, bold: false, fill: nil, editable: false): 0]

    mutating func index(of cell: Workbook.Cell) -> Int {
        let key = Key(numberFormat: cell.numberFormat, bold: cell.isBold, fill: cell.fill, editable: cell.isEditable)
        if let index = indices[key] { return index }
        keys.append(key)
        indices[key] = keys.count - 1
        return keys.count - 1
    }

    var xml: String {
        // Custom number formats are numbered from 164 (below are Excel's built-in ones).
        let formats = Array(Set(keys.compactMap(\.numberFormat))).sorted()
        let formatID = Dictionary(uniqueKeysWithValues: formats.enumerated().map { ($1, 164 + $0) })
        let fills = Array(Set(keys.compactMap(\.fill))).sorted()
        // Fills 0 and 1 are reserved by Excel (none and gray125).
        let fillID = Dictionary(uniqueKeysWithValues: fills.enumerated().map { ($1, 2 + $0) })
        var out = OfficeParts.xmlDeclaration + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if !formats.isEmpty {
            out += #"<numFmts count="\#(formats.count)">"#
            out += formats.map { #"<numFmt numFmtId="\#(formatID[$0]!)" formatCode="\#($0.xmlEscaped)"/>"# }.joined()
            out += "</numFmts>"
        }
        out += #"<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>"#
        out += #"<font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>"#
        out += #"<fills count="\#(2 + fills.count)"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        out += fills.map { #"<fill><patternFill patternType="solid"><fgColor rgb="FF\#($0)"/><bgColor indexed="64"/></patternFill></fill>"# }.joined()
        out += "</fills>"
        out += #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        out += #"<border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right>"#
        out += #"<top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border></borders>"#
        out += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        out += #"<cellXfs count="\#(keys.count)">"#
        for (index, key) in keys.enumerated() {
            let numFmt = key.numberFormat.flatMap { formatID[$0] } ?? 0
            let fill = key.fill.flatMap { fillID[$0] } ?? 0
            let border = index == 0 ? 0 : 1
            var xf = #"<xf numFmtId="\#(numFmt)" fontId="\#(key.bold ? 1 : 0)" fillId="\#(fill)" borderId="\#(border)" xfId="0""#
            if numFmt != 0 { xf += #" applyNumberFormat="1""# }
            if key.bold { xf += #" applyFont="1""# }
            if fill != 0 { xf += #" applyFill="1""# }
            if border != 0 { xf += #" applyBorder="1""# }
            xf += key.editable ? #" applyProtection="1"><protection locked="0"/></xf>"# : "/>"
            out += xf
        }
        out += "</cellXfs>"
        out += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
        return out
    }
}

import Foundation

extension Workbook {
    /// The workbook as an .xlsx file (Office Open XML), readable by Excel, WPS, LibreOffice and openpyxl.
    public func xlsx(created: Date = Date()) throws -> Data {
        var styles = CellStyles()
        var parts = OfficeParts()
        let names = sheets.reduce(into: [String]()) { $0.append(Self.sheetName($1.name, avoiding: $0)) }
        parts.add("[Content_Types].xml", contentTypes)
        parts.add("_rels/.rels", OfficeParts.xmlDeclaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            </Relationships>
            """)
        parts.add("docProps/core.xml", OfficeParts.coreProperties(title: title, created: created))
        parts.add("xl/workbook.xml", workbookXML(names: names))
        parts.add("xl/_rels/workbook.xml.rels", OfficeParts.xmlDeclaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheets.indices.map { #"<Relationship Id="rId\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined())\
            <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        for (index, sheet) in sheets.enumerated() {
            parts.add("xl/worksheets/sheet\(index + 1).xml", sheet.xml(styles: &styles))
        }
        parts.add("xl/styles.xml", styles.xml)
        return try parts.zipped()
    }

    private var contentTypes: String {
        OfficeParts.xmlDeclaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            \(sheets.indices.map { #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }.joined())\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            </Types>
            """
    }

    private func workbookXML(names: [String]) -> String {
        // Excel keeps a sheet's filter range as the hidden name _xlnm._FilterDatabase as well.
        let filters = sheets.enumerated().compactMap { index, sheet in
            sheet.filterRange.map {
                #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">'\#(names[index].replacingOccurrences(of: "'", with: "''").xmlEscaped)'!\#($0.absolute)</definedName>"#
            }
        }
        return OfficeParts.xmlDeclaration + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            \(names.enumerated().map { #"<sheet name="\#($1.xmlEscaped)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined())\
            </sheets>\(filters.isEmpty ? "" : "<definedNames>\(filters.joined())</definedNames>")</workbook>
            """
    }
}

extension Workbook.Sheet {
    /// The header row's range, when the sheet has a filter and a header.
    var filterRange: (relative: String, absolute: String)? {
        guard autoFilter, frozenRows > 0, let width = rows.first?.count, width > 0 else { return nil }
        let last = Workbook.columnLetters(width - 1)
        let lastRow = max(rows.count, frozenRows)
        return ("A\(frozenRows):\(last)\(lastRow)", "$A$\(frozenRows):$\(last)$\(lastRow)")
    }

    func xml(styles: inout CellStyles) -> String {
        var out = OfficeParts.xmlDeclaration
        out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        if frozenRows > 0 {
            out += #"<pane ySplit="\#(frozenRows)" topLeftCell="A\#(frozenRows + 1)" activePane="bottomLeft" state="frozen"/>"#
        }
        out += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !columns.isEmpty {
            out += "<cols>"
            for (index, column) in columns.enumerated() {
                out += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"\#(column.isHidden ? #" hidden="1""# : "")/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        for (r, row) in rows.enumerated() {
            out += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let style = styles.index(of: cell)
                let reference = "\(Workbook.columnLetters(c))\(r + 1)"
                let s = style == 0 ? "" : #" s="\#(style)""#
                switch cell.value {
                case .text(let text):
                    out += #"<c r="\#(reference)"\#(s) t="inlineStr"><is><t xml:space="preserve">\#(text.xmlEscaped)</t></is></c>"#
                case .number(let number) where number.isFinite:
                    out += #"<c r="\#(reference)"\#(s)><v>\#(Self.text(of: number))</v></c>"#
                case .number, .empty:
                    if style != 0 { out += #"<c r="\#(reference)"\#(s)/>"# }
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        if isProtected {
            // Filtering and sorting stay allowed; formatting and structure do not.
            out += #"<sheetProtection sheet="1" objects="1" scenarios="1" autoFilter="0" sort="0"/>"#
        }
        if let range = filterRange { out += #"<autoFilter ref="\#(range.relative)"/>"# }
        out += "</worksheet>"
        return out
    }
}

extension Workbook.Sheet {
    /// A number as the cell's value: whole numbers without a fraction (2019, not 2019.0), others in Swift's
    /// shortest exact form.
    static func text(of number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
    }
}

extension Workbook {
    /// Column letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA.
    public static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}

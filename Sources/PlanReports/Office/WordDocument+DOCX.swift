import Foundation

extension WordDocument {
    /// The document as a .docx file (Office Open XML, WordprocessingML).
    public func docx(created: Date = Date()) throws -> Data {
        var parts = OfficeParts()
        let pictures = blocks.compactMap { if case .picture(let picture) = $0 { picture } else { nil } }
        parts.add("[Content_Types].xml", OfficeParts.xmlDeclaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Default Extension="png" ContentType="image/png"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
            <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
            </Types>
            """)
        parts.add("_rels/.rels", OfficeParts.xmlDeclaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            </Relationships>
            """)
        parts.add("docProps/core.xml", OfficeParts.coreProperties(title: title, created: created))
        parts.add("word/_rels/document.xml.rels", OfficeParts.xmlDeclaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            \(pictures.indices.map { #"<Relationship Id="rIdPicture\#($0 + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/picture\#($0 + 1).png"/>"# }.joined())\
            </Relationships>
            """)
        parts.add("word/styles.xml", WordStyles.xml)
        parts.add("word/document.xml", documentXML)
        for (index, picture) in pictures.enumerated() {
            parts.add("word/media/picture\(index + 1).png", data: picture.png)
        }
        return try parts.zipped()
    }

    private var documentXML: String {
        var body = ""
        var pictureNumber = 0
        for block in blocks {
            switch block {
            case .title(let text):
                body += Self.paragraph(style: "Title", [Run(text)])
            case .heading(let text, let level):
                body += Self.paragraph(style: "Heading\(min(max(level, 1), 3))", [Run(text)])
            case .paragraph(let runs):
                body += Self.paragraph(style: nil, runs)
            case .bullet(let text):
                body += Self.paragraph(style: "ListBullet", [Run("• " + text)])
            case .table(let table):
                body += Self.table(table)
            case .picture(let picture):
                pictureNumber += 1
                body += Self.picture(picture, number: pictureNumber)
            case .pageBreak:
                body += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            }
        }
        // A4 portrait, 2.54 cm margins (twentieths of a point).
        body += #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#
        return OfficeParts.xmlDeclaration + """
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
            xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
            xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
            xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>\(body)</w:body></w:document>
            """
    }

    private static func paragraph(style: String?, _ runs: [Run], alignment: String? = nil) -> String {
        var properties = style.map { #"<w:pStyle w:val="\#($0)"/>"# } ?? ""
        if let alignment { properties += #"<w:jc w:val="\#(alignment)"/>"# }
        let content = runs.map { run in
            (run.bold ? "<w:r><w:rPr><w:b/></w:rPr>" : "<w:r>") + #"<w:t xml:space="preserve">\#(run.text.xmlEscaped)</w:t></w:r>"#
        }.joined()
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + content + "</w:p>"
    }

    private static func twips(_ centimetres: Double) -> Int { Int((centimetres * 567).rounded()) }

    private static func table(_ table: Table) -> String {
        var out = #"<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
        out += table.widths.map { #"<w:gridCol w:w="\#(twips($0))"/>"# }.joined() + "</w:tblGrid>"
        func row(_ cells: [Cell], header: Bool) -> String {
            var row = header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>"
            for (index, cell) in cells.enumerated() {
                let width = index < table.widths.count ? twips(table.widths[index]) : 1000
                row += #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
                if let shading = cell.shading ?? (header ? "DCE6F1" : nil) {
                    row += #"<w:shd w:val="clear" w:color="auto" w:fill="\#(shading)"/>"#
                }
                row += "</w:tcPr>"
                row += paragraph(style: "TableText", [Run(cell.text, bold: header)], alignment: cell.isNumber ? "right" : nil)
                row += "</w:tc>"
            }
            return row + "</w:tr>"
        }
        out += row(table.header.map { Cell($0) }, header: true)
        out += table.rows.map { row($0, header: false) }.joined()
        // Word needs a paragraph between two tables, and after a table at the end of the body.
        return out + "</w:tbl><w:p/>"
    }

    private static func picture(_ picture: Picture, number: Int) -> String {
        let cx = Int(picture.widthCM * 360_000), cy = Int(picture.heightCM * 360_000)
        let description = picture.description.xmlEscaped
        return #"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#
            + #"<wp:extent cx="\#(cx)" cy="\#(cy)"/><wp:docPr id="\#(number)" name="图 \#(number)" descr="\#(description)"/>"#
            + #"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>"#
            + #"<pic:nvPicPr><pic:cNvPr id="\#(number)" name="picture\#(number).png" descr="\#(description)"/><pic:cNvPicPr/></pic:nvPicPr>"#
            + #"<pic:blipFill><a:blip r:embed="rIdPicture\#(number)"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#
            + #"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(cx)" cy="\#(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>"#
            + "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    }
}

/// word/styles.xml: body text in 宋体 (Times New Roman for Latin), headings in 黑体, a bordered table style.
enum WordStyles {
    static let xml = OfficeParts.xmlDeclaration + """
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>\
        <w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="360"/></w:pPr>\
        <w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
        \((1...3).map { level in
            let size = [36, 32, 28][level - 1]
            return #"<w:style w:type="paragraph" w:styleId="Heading\#(level)"><w:name w:val="heading \#(level)"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#
                + #"<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="\#(level - 1)"/></w:pPr>"#
                + #"<w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/></w:rPr></w:style>"#
        }.joined())\
        <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>\
        <w:pPr><w:ind w:left="420" w:hanging="210"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>\
        <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>\
        <w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr><w:tblBorders>\
        <w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
        </w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """
}

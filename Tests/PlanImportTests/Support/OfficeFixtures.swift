import Foundation
import Testing
import ZIPFoundation

/// Small .docx and .xlsx files built in the test: the XML parts written out, zipped with ZIPFoundation.
enum OfficeFixtures {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let sheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    /// A .docx whose `w:body` holds `body`.
    static func docx(body: String) throws -> Data {
        try zip([
            ("[Content_Types].xml", contentTypes(main: "word/document.xml", type: "wordprocessingml.document.main")),
            ("_rels/.rels", packageRelationships(main: "word/document.xml")),
            ("word/document.xml", wordDocument(body: body)),
        ])
    }

    static func wordDocument(body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="\(wordNamespace)" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)</w:body></w:document>
        """
    }

    /// A .xlsx with `sheets` (name, `sheetData` and anything after it) in workbook order, stored as
    /// sheet files numbered in reverse so that workbook order, not file order, must decide.
    static func xlsx(sheets: [(name: String, content: String)], sharedStrings: [String]? = nil) throws -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(main: "xl/workbook.xml", type: "spreadsheetml.sheet.main")),
            ("_rels/.rels", packageRelationships(main: "xl/workbook.xml")),
        ]
        var sheetList = ""
        var relationships = ""
        for (index, sheet) in sheets.enumerated() {
            let file = "sheet\(sheets.count - index).xml"
            sheetList += #"<sheet name="\#(sheet.name)" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            relationships +=
                #"<Relationship Id="rId\#(index + 1)" Type="\#(relationshipType)/worksheet" Target="worksheets/\#(file)"/>"#
            parts.append(
                ("xl/worksheets/\(file)", #"<worksheet xmlns="\#(sheetNamespace)">\#(sheet.content)</worksheet>"#))
        }
        parts.append(
            (
                "xl/workbook.xml",
                #"<workbook xmlns="\#(sheetNamespace)" xmlns:r="\#(relationshipType)"><sheets>\#(sheetList)</sheets></workbook>"#
            ))
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(relationships)</Relationships>"#
            ))
        if let sharedStrings {
            let items = sharedStrings.map { "<si><t>\($0)</t></si>" }.joined()
            parts.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(sheetNamespace)">\#(items)</sst>"#))
        }
        return try zip(parts)
    }

    static func zip(_ parts: [(path: String, text: String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            let data = Data(part.text.utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return archive.data!
    }

    /// A fixture written by `Fixtures/readers/make_fixtures.py`.
    static func fixture(_ name: String, _ ext: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/readers"))
        return try Data(contentsOf: url)
    }

    private static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private static func contentTypes(main: String, type: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/\(main)" ContentType="application/vnd.openxmlformats-officedocument.\(type)+xml"/>\
        </Types>
        """
    }

    private static func packageRelationships(main: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationshipType)/officeDocument" Target="\(main)"/></Relationships>
        """
    }
}

import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
import ZIPFoundation

@testable import PlanReports

/// The Office writers' output, unzipped and parsed: the parts Office needs, escaping, the spreadsheet
/// features templates rely on, CSV quoting, and PNG bytes decoded by hand.
@Suite struct OfficeWritersTests {
    static func parts(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = data
        }
        return parts
    }

    static func xml(_ data: Data?) throws -> XMLElement {
        let data = try #require(data)
        return try #require(try XMLDocument(data: data).rootElement())
    }

    @Test func aWorkbookHasItsPartsAndEscapesWhatItHolds() throws {
        let hostile = "<script>&\"\u{07}"
        let workbook = Workbook(title: "测试 <工作簿>", sheets: [
            Workbook.Sheet(
                name: "健康水平[1]/2", columns: [.init(width: 20), .init(width: 8, isHidden: true)],
                rows: [[.text("指标", bold: true), .text("id", bold: true)],
                       [.text(hostile), .number(0.456, format: "0.0%")],
                       [Workbook.Cell(.empty, editable: true), .number(2019, format: "0")]],
                isProtected: true),
            Workbook.Sheet(name: "健康水平[1]/2", rows: [[.text("重名")]]),
        ])
        let parts = try Self.parts(try workbook.xlsx())
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "docProps/core.xml"] {
            #expect(parts[part] != nil, "\(part)")
        }
        let book = try Self.xml(parts["xl/workbook.xml"])
        let names = try book.nodes(forXPath: "//*[local-name()='sheet']/@name").map { $0.stringValue ?? "" }
        #expect(names == ["健康水平_1__2", "健康水平_1__2(2)"])
        let sheet = try Self.xml(parts["xl/worksheets/sheet1.xml"])
        #expect(try sheet.nodes(forXPath: "//*[local-name()='t']").map(\.stringValue) == ["指标", "id", "<script>&\""])
        #expect(try sheet.nodes(forXPath: "//*[local-name()='pane']/@state").first?.stringValue == "frozen")
        #expect(try sheet.nodes(forXPath: "//*[local-name()='c'][@r='B3']/*[local-name()='v']").first?.stringValue == "2019")
        #expect(try sheet.nodes(forXPath: "//*[local-name()='sheetProtection']/@sheet").first?.stringValue == "1")
        #expect(try sheet.nodes(forXPath: "//*[local-name()='col'][@hidden='1']/@min").first?.stringValue == "2")
        // The editable cell's style unlocks it; the percent format is registered.
        let styles = try Self.xml(parts["xl/styles.xml"])
        let a3Style = try #require(Int(try sheet.nodes(forXPath: "//*[local-name()='c'][@r='A3']/@s").first?.stringValue ?? ""))
        let xfs = try styles.nodes(forXPath: "//*[local-name()='cellXfs']/*[local-name()='xf']")
        #expect(try xfs[a3Style].nodes(forXPath: "*[local-name()='protection']/@locked").first?.stringValue == "0")
        #expect(try styles.nodes(forXPath: "//*[local-name()='numFmt']/@formatCode").map(\.stringValue).contains("0.0%"))
        let core = try Self.xml(parts["docProps/core.xml"])
        #expect(try core.nodes(forXPath: "//*[local-name()='title']").first?.stringValue == "测试 <工作簿>")
    }

    @Test func sheetNamesFollowExcelsRules() {
        #expect(Workbook.sheetName(String(repeating: "长", count: 40), avoiding: []).count == 31)
        #expect(Workbook.sheetName("Sheet", avoiding: ["sheet"]) == "Sheet(2)")
        #expect(Workbook.sheetName("  ", avoiding: []) == "Sheet")
        #expect(Workbook.columnLetters(0) == "A")
        #expect(Workbook.columnLetters(25) == "Z")
        #expect(Workbook.columnLetters(26) == "AA")
        #expect(Workbook.columnLetters(701) == "ZZ")
    }

    @Test func csvIsQuotedDefusedAndMarkedAsUTF8() {
        let csv = CSVTable(header: ["指标", "值"], rows: [["a,b", "say \"hi\""], ["=cmd|'/C calc'!A0", "-3.5"], ["+1", "@x"]]).data
        let text = String(decoding: csv, as: UTF8.self)
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(text == "\u{FEFF}指标,值\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n'=cmd|'/C calc'!A0,-3.5\r\n+1,'@x\r\n")
    }

    @Test func aWordDocumentHasItsPartsStylesAndPictures() throws {
        var image = PNGImage(width: 4, height: 3)
        image.fill(x: 1, y: 1, width: 2, height: 1, PNGImage.Color(hex: "1F7A3A"))
        let document = WordDocument(title: "报告", blocks: [
            .title("报告 <一>"), .heading("一、总体", level: 1), .paragraph([.init("正文 & 说明", bold: true)]),
            .table(.init(widths: [3, 2], header: ["指标", "值"], rows: [[.init("甲"), .init("1.5", number: true, shading: "E3F3E7")]])),
            .picture(.init(png: image.png, widthCM: 4, heightCM: 3, description: "图")), .pageBreak,
        ])
        let parts = try Self.parts(try document.docx())
        #expect(parts["word/media/picture1.png"] == image.png)
        let body = try Self.xml(parts["word/document.xml"])
        #expect(try body.nodes(forXPath: "//*[local-name()='pStyle']/@*[local-name()='val']").map(\.stringValue) == ["Title", "Heading1"] + Array(repeating: "TableText", count: 4))
        #expect(try body.nodes(forXPath: "//*[local-name()='t']").map(\.stringValue) == ["报告 <一>", "一、总体", "正文 & 说明", "指标", "值", "甲", "1.5"])
        #expect(try body.nodes(forXPath: "//*[local-name()='tblHeader']").count == 1)
        #expect(try body.nodes(forXPath: "//*[local-name()='shd']/@*[local-name()='fill']").map(\.stringValue).contains("E3F3E7"))
        #expect(try body.nodes(forXPath: "//*[local-name()='blip']/@*[local-name()='embed']").first?.stringValue == "rIdPicture1")
        let relationships = try Self.xml(parts["word/_rels/document.xml.rels"])
        #expect(try relationships.nodes(forXPath: "//*[@Id='rIdPicture1']/@Target").first?.stringValue == "media/picture1.png")
        let styles = try Self.xml(parts["word/styles.xml"])
        #expect(try styles.nodes(forXPath: "//*[local-name()='style']/@*[local-name()='styleId']").map(\.stringValue).contains("Heading2"))
    }

    /// The PNG's chunks check out and its stored blocks hold exactly the pixels drawn.
    @Test func aPNGDecodesToThePixelsDrawn() throws {
        var image = PNGImage(width: 3, height: 2)
        image.fill(x: 1, y: 0, width: 1, height: 2, PNGImage.Color(10, 20, 30))
        let png = [UInt8](image.png)
        #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func uint32(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        #expect(uint32(16) == 3 && uint32(20) == 2)
        #expect(UInt32(uint32(29)) == PNGCRC.checksum(Data(png[12..<29])))
        let idatLength = uint32(33)
        #expect(String(decoding: png[37..<41], as: UTF8.self) == "IDAT")
        let zlib = Array(png[41..<(41 + idatLength)])
        #expect(zlib[0] == 0x78 && zlib[2] == 1, "one final stored block")
        let length = Int(zlib[3]) | Int(zlib[4]) << 8
        let raw = Array(zlib[7..<(7 + length)])
        #expect(raw == [0, 255, 255, 255, 10, 20, 30, 255, 255, 255, 0, 255, 255, 255, 10, 20, 30, 255, 255, 255])
        #expect(PNGCRC.checksum(Data("IEND".utf8)) == 0xAE42_6082)
    }
}

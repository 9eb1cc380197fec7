import Foundation
import PlanCore
import PlanImport
import Testing

/// The crafted workbooks of issue 17: small files whose references make one big part or one long shared string
/// count many times. Each used to cost 22–31 s of CPU per upload; each is now read once, or refused, within
/// the `ReaderLimits`. Smaller than issue 17's (which `Tests/Security/hostile_uploads.py` uploads) and one at a
/// time: building them is most of the cost, and other suites' time limits share the machine.
@Suite(.serialized) struct SharedReferenceAttackTests {
    /// XML that packs at about 170:1 — under the zip-bomb ratio the reader refuses — made of runs of a repeated
    /// element, each after an element with a random attribute: what a crafted part is padded with. `plain`
    /// writes the same with parentheses for angle brackets: text, packing as well.
    static func padding(bytes: Int, plain: Bool = false, seed: UInt64 = 17) -> String {
        var generator = SplitMix64(seed: seed)
        let (open, close) = plain ? ("(", ")") : ("<", ">")
        let filler = Array(String(repeating: "\(open)x/\(close)", count: 500).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes + 2_100)
        while text.count < bytes {
            text += Array("\(open)x a=\"".utf8)
            text += Array(String(UInt32.random(in: 0...UInt32.max, using: &generator), radix: 16).utf8)
            text += Array("\"/\(close)".utf8)
            text += filler
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A 10 MB worksheet part (issue 17's was 60 MB, now over the package limit), packed to about 60 KB,
    /// that all 100 sheets of the workbook point at.
    static func hundredSheetsOnOnePart() throws -> Data {
        let table = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c></row></sheetData>"#
        let part = #"<worksheet xmlns="\#(OfficeFixtures.sheetNamespace)">\#(table)\#(padding(bytes: 10_000_000))</worksheet>"#
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let sheets = (1...100).map { #"<sheet name="表\#($0)" sheetId="\#($0)" r:id="rId1"/>"# }.joined()
        return try OfficeFixtures.zip([
            (
                "xl/workbook.xml",
                #"<workbook xmlns="\#(OfficeFixtures.sheetNamespace)" xmlns:r="\#(relationships)"><sheets>\#(sheets)</sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
            ("xl/worksheets/sheet1.xml", part),
        ])
    }

    @Test(.timeLimit(.minutes(3))) func aPartThatEverySheetPointsAtIsReadOnce() throws {
        let data = try Self.hundredSheetsOnOnePart()
        #expect(data.count < 100_000)
        let document = try SpreadsheetReader.readXLSX(data, source: "hostile.xlsx")
        let tables = document.blocks.compactMap { block -> PlanDocument.Table? in
            if case .table(let table) = block { table } else { nil }
        }
        #expect(tables.count == 1)
        #expect(tables.first?.rows.first?.cells.map(\.text) == ["指标"])
        #expect(document.warnings.count == 99)
        #expect(document.warnings.first?.message == "工作表“表2”与“表1”指向同一部件 xl/worksheets/sheet1.xml，只读入了“表1”")
    }

    /// 40 cells pointing at one 2 MB shared string (issue 17's was 20 MB): no spreadsheet program writes a
    /// cell that long.
    @Test(.timeLimit(.minutes(3))) func aSharedStringLongerThanExcelAllowsIsRefused() throws {
        let long = Self.padding(bytes: 2_000_000, plain: true)
        let cells = (1...40).map { #"<row r="\#($0)"><c r="A\#($0)" t="s"><v>0</v></c></row>"# }.joined()
        let data = try OfficeFixtures.xlsx(sheets: [("表", "<sheetData>\(cells)</sheetData>")], sharedStrings: [long])
        #expect(data.count < 100_000)
        HostileInputTests.expectError(
            HostileInputTests.xlsxError(data), file: "hostile.xlsx",
            saying: "xl/sharedStrings.xml 的第 1 个共享字符串超过 Excel 单元格上限 32767 个字符")
    }

    @Test func anInlineStringLongerThanExcelAllowsIsRefused() throws {
        let long = String(repeating: "健", count: 32_768)
        let sheet = #"<sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>\#(long)</t></is></c></row></sheetData>"#
        HostileInputTests.expectError(
            HostileInputTests.xlsxError(try OfficeFixtures.xlsx(sheets: [("表", sheet)])), file: "hostile.xlsx",
            saying: "工作表“表”的 B1 超过 Excel 单元格上限 32767 个字符")
        let longest = String(repeating: "健", count: 32_767)
        let fits = #"<sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>\#(longest)</t></is></c></row></sheetData>"#
        #expect(HostileInputTests.xlsxError(try OfficeFixtures.xlsx(sheets: [("表", fits)])) == nil)
    }

    /// Each reference to a shared string is text the interpretation reads again: 300 cells showing one
    /// 30,000-character string lay out 9 MB, over the 8 MiB a spreadsheet may lay out in all.
    @Test func cellsShowingOneLongStringCountAgainstTheTextBudget() throws {
        let text = String(repeating: "a", count: 30_000)
        let cells = (1...300).map { #"<row r="\#($0)"><c r="A\#($0)" t="s"><v>0</v></c></row>"# }.joined()
        let data = try OfficeFixtures.xlsx(sheets: [("表", "<sheetData>\(cells)</sheetData>")], sharedStrings: [text])
        HostileInputTests.expectError(HostileInputTests.xlsxError(data), file: "hostile.xlsx", saying: "表格中的文字合计超过 8 MiB")
        let fewer = (1...250).map { #"<row r="\#($0)"><c r="A\#($0)" t="s"><v>0</v></c></row>"# }.joined()
        let fits = try OfficeFixtures.xlsx(sheets: [("表", "<sheetData>\(fewer)</sheetData>")], sharedStrings: [text])
        #expect(HostileInputTests.xlsxError(fits) == nil)
    }

    /// Two sheets of their own 17 MB parts: each part is within the limit, the two together are not.
    @Test(.timeLimit(.minutes(3))) func partsTogetherBeyondThePackageLimitAreRefused() throws {
        let part = "<sheetData/>" + Self.padding(bytes: 17_000_000)
        let data = try OfficeFixtures.xlsx(sheets: [("甲", part), ("乙", part)])
        HostileInputTests.expectError(
            HostileInputTests.xlsxError(data), file: "hostile.xlsx", saying: "后各部件合计超过上限 32 MiB")
    }

    /// A Word body with more text than any plan: refused before the interpretation reads it.
    @Test func aDocumentWithMoreTextThanTheLimitIsRefused() throws {
        let text = Self.padding(bytes: 9_000_000, plain: true)
        let body = stride(from: 0, to: text.utf8.count, by: 9_000).map { start in
            let utf8 = Array(text.utf8)[start..<min(start + 9_000, text.utf8.count)]
            return "<w:p><w:r><w:t>\(String(decoding: utf8, as: UTF8.self))</w:t></w:r></w:p>"
        }.joined()
        HostileInputTests.expectError(HostileInputTests.docxError(try OfficeFixtures.docx(body: body)), saying: "文档中的文字合计超过 8 MiB")
    }

    /// The same limit for an OpenDocument text: its reader counts what it finds as the Word reader does.
    @Test func anOpenDocumentWithMoreTextThanTheLimitIsRefused() throws {
        let text = Array(Self.padding(bytes: 9_000_000, plain: true).utf8)
        let body = stride(from: 0, to: text.count, by: 9_000).map { start in
            "<text:p>\(String(decoding: text[start..<min(start + 9_000, text.count)], as: UTF8.self))</text:p>"
        }.joined()
        let content = """
            <?xml version="1.0" encoding="UTF-8"?><office:document-content \
            xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
            """ + body + "</office:text></office:body></office:document-content>"
        let data = try OfficeFixtures.zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content)])
        HostileInputTests.expectError(Self.odtError(data), file: "hostile.odt", saying: "文档中的文字合计超过 8 MiB")
    }

    static func odtError(_ data: Data) -> ImportError? {
        do {
            _ = try PlanImporter.readDocument(data, named: "hostile.odt")
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            Issue.record("not an ImportError: \(error)")
            return nil
        }
    }
}

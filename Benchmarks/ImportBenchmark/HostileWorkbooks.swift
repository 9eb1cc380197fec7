import Foundation
import PlanCore
import PlanImport
import ZIPFoundation

/// Crafted workbooks at the readers' limits, each read and interpreted as an upload is: the CPU time one costs.
/// Issue 17's two (100 sheets on one 60 MB part; 40 cells on one 20 MB shared string) cost 22–31 s each before
/// parts were read once and cells bounded by Excel's length.
enum HostileWorkbooks {
    static func measure() throws {
        print("crafted document                                   packed     result                      CPU")
        for (name, data) in try cases() + documents() {
            let start = clock()
            let outcome: String
            let file = name.hasSuffix(".txt") ? "hostile.txt" : name.hasSuffix(".docx") ? "hostile.docx" : "hostile.xlsx"
            do {
                let plan = PlanInterpreter.interpret(try PlanImporter.readDocument(data, named: file))
                outcome = "read, \(plan.warnings.count) warnings"
            } catch {
                outcome = "refused: " + String(((error as? ImportError)?.reason ?? "\(error)").prefix(24))
            }
            let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
            print(String(format: "%@  %7.0f KB  %@  %6.2f s", name.padding(toLength: 48, withPad: " ", startingAt: 0),
                         Double(data.count) / 1024, outcome.padding(toLength: 30, withPad: " ", startingAt: 0), seconds))
        }
    }

    static func cases() throws -> [(String, Data)] {
        let cells = (1...40).map { #"<row r="\#($0)"><c r="A\#($0)" t="s"><v>0</v></c></row>"# }.joined()
        let budget = (1...85).map { #"<row r="\#($0)"><c r="A\#($0)" t="s"><v>0</v></c></row>"# }.joined()
        // 500,000 cells, the most a workbook may lay out: 500 rows of 1,000 columns (the widest row allowed).
        // Random values: a sheet of one repeated value would pack past the zip-bomb ratio.
        var generator = SplitMix64(seed: 3)
        var dense = "<sheetData>"
        for row in 1...500 {
            dense += "<row r=\"\(row)\">"
            for _ in 1...1_000 { dense += "<c><v>\(Int.random(in: 0...99_999, using: &generator))</v></c>" }
            dense += "</row>"
        }
        dense += "</sheetData>"
        return [
            ("100 sheets on one 60 MB part", try workbook(sheetCount: 100, part: oneCell + padding(bytes: 60_000_000))),
            ("100 sheets on one 30 MB part", try workbook(sheetCount: 100, part: oneCell + padding(bytes: 30_000_000))),
            ("40 cells on one 20 MB shared string",
             try workbook(sheetCount: 1, part: "<sheetData>\(cells)</sheetData>",
                          sharedString: padding(bytes: 20_000_000).replacingOccurrences(of: "<", with: "&lt;"))),
            ("85 cells on one 32,767-character string (8 MiB)",
             try workbook(sheetCount: 1, part: "<sheetData>\(budget)</sheetData>", sharedString: String(repeating: "健", count: 32_767))),
            ("500,000 cells in one sheet", try workbook(sheetCount: 1, part: dense)),
        ]
    }

    /// The Wenzhou plan's text repeated: as a 16 MB .txt (the upload limit), and as Word paragraphs filling a
    /// 20 MB document part (7.6 MiB of text, under the 8 MiB limit).
    static func documents() throws -> [(String, Data)] {
        let seed = try String(contentsOfFile: "Tests/PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt", encoding: .utf8)
        var text = ""
        while text.utf8.count < 16_000_000 { text += seed }
        let paragraph = seed.split(separator: "\n").map { "<w:p><w:r><w:t>\($0.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;"))</w:t></w:r></w:p>" }.joined()
        var body = ""
        while body.utf8.count < 20_000_000 { body += paragraph }
        let document = #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\#(body)</w:body></w:document>"#
        return [("the Wenzhou plan repeated to 16 MB, .txt", Data(text.utf8)),
                ("the Wenzhou plan repeated to 20 MB of XML, .docx", try zip([("word/document.xml", document)]))]
    }

    static let oneCell = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>指标</t></is></c></row></sheetData>"#
    static let sheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// XML packing at about 170:1, under the zip-bomb ratio the reader refuses.
    static func padding(bytes: Int) -> String {
        var generator = SplitMix64(seed: 17)
        let filler = String(repeating: "<x/>", count: 500)
        var text = ""
        while text.utf8.count < bytes {
            text += #"<x a=""# + String(UInt32.random(in: 0...UInt32.max, using: &generator), radix: 16) + #""/>"# + filler
        }
        return text
    }

    /// A workbook whose `sheetCount` sheets all point at one worksheet part.
    static func workbook(sheetCount: Int, part: String, sharedString: String? = nil) throws -> Data {
        let sheets = (1...sheetCount).map { #"<sheet name="表\#($0)" sheetId="\#($0)" r:id="rId1"/>"# }.joined()
        var parts = [
            ("xl/workbook.xml", #"<workbook xmlns="\#(sheetNamespace)" xmlns:r="\#(relationships)"><sheets>\#(sheets)</sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels",
             #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet xmlns="\#(sheetNamespace)">\#(part)</worksheet>"#),
        ]
        if let sharedString { parts.append(("xl/sharedStrings.xml", #"<sst xmlns="\#(sheetNamespace)"><si><t>\#(sharedString)</t></si></sst>"#)) }
        return try zip(parts)
    }

    static func zip(_ parts: [(String, String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return archive.data!
    }
}

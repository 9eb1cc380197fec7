import Foundation
import PlanCore
import PlanImport
import Testing
import ZIPFoundation

/// A bounded, structure-aware fuzz run over the .docx and .xlsx importers: the main XML part of a real plan
/// document (seed 000 as Word wrote it) and of the openpyxl workbook fixture is cut, repeated and spliced
/// with table, cell, merge and entity fragments, then packed again with correct checksums — so that the
/// damage reaches the XML scanner, the table model and the interpreter rather than stopping at the ZIP
/// checksum. Every outcome must be a plan or an `ImportError` naming the file: never a crash, a trap or a
/// hang. `HCM_FUZZ_ITERATIONS` runs more cases than the default (e.g. overnight); the seed is fixed, so a
/// failure is reproduced by the same run.
@Suite struct OfficeFuzzTests {
    static let iterations = ProcessInfo.processInfo.environment["HCM_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 150

    static let fragments = [
        "<w:tc>", "</w:tc>", "<w:tr>", "</w:tr>", "<w:tbl>", "</w:tbl>", "<w:p/>", "<w:t>", "</w:t>", "<w:t xml:space=\"preserve\"> 1.4 </w:t>",
        "<w:gridSpan w:val=\"4000\"/>", "<w:gridSpan w:val=\"-1\"/>", "<w:gridSpan w:val=\"x\"/>", "<w:vMerge/>",
        "<w:vMerge w:val=\"restart\"/>", "<w:tab/>", "<w:br/>", "&amp;", "&#0;", "&#x110000;", "&#xD800;", "&bogus;", "&",
        "<![CDATA[≥95%]]>", "<!--", "-->", "<?xml version=\"1.0\"?>", "\u{0}", "<", ">", "\"", "牵头单位：", "≥", "2020年",
        "<c r=\"XFD1048576\"><v>1</v></c>", "<c r=\"A0\"/>", "<c r=\"ZZZZ9\" t=\"s\"><v>99999</v></c>", "<c t=\"inlineStr\"><is><t>x</t></is></c>",
        "<row r=\"-5\">", "<row>", "</row>", "<mergeCell ref=\"A1:XFD1048576\"/>", "<v>1e308</v>", "<v>NaN</v>",
    ]

    @Test(.timeLimit(.minutes(3))) func damagedWordDocumentsImportOrFailCleanly() throws {
        let url = try #require(Bundle.module.url(forResource: "000_43dbf30d6d3ada74", withExtension: "docx", subdirectory: "Fixtures/docx"))
        try Self.fuzz(try Data(contentsOf: url), part: "word/document.xml", named: "mutated.docx", seed: 4242)
    }

    @Test(.timeLimit(.minutes(3))) func damagedWorkbooksImportOrFailCleanly() throws {
        let original = try OfficeFixtures.fixture("plan", "xlsx")
        try Self.fuzz(original, part: "xl/worksheets/sheet1.xml", named: "mutated.xlsx", seed: 4343)
        try Self.fuzz(original, part: "xl/workbook.xml", named: "mutated.xlsx", seed: 4444)
    }

    static func fuzz(_ original: Data, part: String, named name: String, seed: UInt64) throws {
        let parts = try unpack(original)
        let xml = try #require(parts.first { $0.path == part }?.data, "\(part) in the fixture")
        var generator = SplitMix64(seed: seed)
        var imported = 0
        for _ in 0..<iterations {
            var bytes = [UInt8](xml)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                mutate(&bytes, using: &generator)
            }
            let packed = try pack(parts.map { $0.path == part ? ($0.path, Data(bytes)) : $0 })
            do {
                let plan = PlanInterpreter.interpret(try PlanImporter.readDocument(packed, named: name))
                #expect(plan.indicatorTables.allSatisfy { $0.indicators.allSatisfy { !$0.name.isEmpty && !$0.name.hasControlCharacters } })
                imported += 1
            } catch let error as ImportError {
                #expect(error.file == name, "\(error)")
            }
        }
        // Both outcomes must occur, or the run is not reaching past the first check.
        #expect(imported > 0 && imported < iterations, "\(imported) of \(iterations) imported")
    }

    static func mutate(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
        guard bytes.count > 1 else { return }
        let at = Int.random(in: 0..<bytes.count, using: &generator)
        let length = min(Int.random(in: 1...400, using: &generator), bytes.count - at)
        switch Int.random(in: 0..<10, using: &generator) {
        case 0, 1: bytes.removeSubrange(at..<at + length)
        case 2, 3: bytes.insert(contentsOf: bytes[at..<at + length], at: Int.random(in: 0...bytes.count, using: &generator))
        case 4: bytes[at] = UInt8.random(in: 0...255, using: &generator)
        case 5: bytes.removeSubrange(at...)
        default:
            let fragment = fragments[Int.random(in: 0..<fragments.count, using: &generator)]
            bytes.insert(contentsOf: Array(fragment.utf8), at: at)
        }
    }

    static func unpack(_ data: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        return try archive.map { entry in
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            return (entry.path, content)
        }
    }

    static func pack(_ parts: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return archive.data!
    }
}

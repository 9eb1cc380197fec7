import Foundation
import PlanCore
import PlanImport
import Testing
import ZIPFoundation

/// Damaged and malicious files: each must fail with an `ImportError` naming the file, quickly, without
/// holding more memory than the limits allow.
@Suite struct HostileInputTests {
    static func docxError(_ data: Data) -> ImportError? {
        do {
            _ = try DocxReader.read(data, source: "hostile.docx")
            return nil
        } catch {
            return error
        }
    }

    static func xlsxError(_ data: Data) -> ImportError? {
        do {
            _ = try SpreadsheetReader.readXLSX(data, source: "hostile.xlsx")
            return nil
        } catch {
            return error
        }
    }

    static func expectError(_ error: ImportError?, file: String = "hostile.docx", saying words: String...) {
        guard let error else {
            Issue.record("expected an ImportError")
            return
        }
        #expect(error.file == file)
        #expect(error.description.hasPrefix("\(file): "))
        for word in words { #expect(error.reason.contains(word), "\(error.reason)") }
    }

    @Test func randomBytesAreNotADocx() {
        var generator = SplitMix64(seed: 7)
        let bytes = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        Self.expectError(Self.docxError(bytes), saying: "文件不是有效的 .docx 文档", "ZIP")
        Self.expectError(Self.docxError(Data()), saying: "文件不是有效的 .docx 文档")
    }

    @Test func aTruncatedDocxIsNotADocx() throws {
        let whole = try OfficeFixtures.fixture("plan", "docx")
        Self.expectError(Self.docxError(whole.prefix(whole.count / 2)), saying: "文件不是有效的 .docx 文档", "ZIP")
    }

    @Test func anOldWordDocumentIsNamedAsSuch() {
        let doc = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512)
        Self.expectError(Self.docxError(doc), saying: "旧版 Office 格式（.doc/.xls）", "另存为 .docx")
    }

    @Test func aZipWithoutTheDocumentPartIsNotADocx() throws {
        let data = try OfficeFixtures.zip([("word/styles.xml", "<w:styles/>")])
        Self.expectError(Self.docxError(data), saying: "缺少 word/document.xml")
    }

    /// 200 MiB of zeros, written through a streaming provider, packs to about 200 KiB: refused from its
    /// declared size before any of it is unpacked.
    @Test(.timeLimit(.minutes(1))) func aZipBombIsRefusedBeforeUnpacking() throws {
        let size = 200 << 20
        let archive = try Archive(accessMode: .create)
        try archive.addEntry(
            with: "word/document.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
            bufferSize: 1 << 20, provider: { _, chunk in Data(count: chunk) })
        let bomb = try #require(archive.data)
        #expect(bomb.count < 1 << 20)
        Self.expectError(Self.docxError(bomb), saying: "word/document.xml", "200 MiB", "超过上限 64 MiB")
    }

    @Test func aPartPackedBeyondTheRatioIsRefused() throws {
        let zeros = String(repeating: " ", count: 8 << 20)
        let data = try OfficeFixtures.zip([("word/document.xml", "<w:document>\(zeros)</w:document>")])
        Self.expectError(Self.docxError(data), saying: "word/document.xml", "压缩比", "疑似压缩炸弹")
    }

    @Test func workbookPartsHaveTheSameLimits() throws {
        let sheet = "<sheetData>\(String(repeating: " ", count: 8 << 20))</sheetData>"
        Self.expectError(
            Self.xlsxError(try OfficeFixtures.xlsx(sheets: [("表", sheet)])), file: "hostile.xlsx",
            saying: "xl/worksheets/sheet1.xml", "疑似压缩炸弹")
        Self.expectError(Self.xlsxError(Data("领域,指标".utf8)), file: "hostile.xlsx", saying: "文件不是有效的 .xlsx 文档")
    }

    /// The declared size is small, so the ratio check passes; the bytes unpacked are counted and the part
    /// stops as soon as they pass it.
    @Test func aPartUnpackingToMoreThanItDeclaresIsStopped() throws {
        let packed = try CraftedZip.deflate(Data(count: 16 << 20))
        let data = CraftedZip.archive(
            path: "word/document.xml", packed: packed, deflated: true, crc32: 0, uncompressedSize: 1_000)
        Self.expectError(Self.docxError(data), saying: "word/document.xml", "实际大小超过声明的 1000 字节")
    }

    /// A deflate stream that does not end within its entry makes ZIPFoundation 0.9.20's `Archive.extract`
    /// spin forever on Linux; the reader's own bounded provider fails instead.
    @Test(.timeLimit(.minutes(1))) func aDeflateStreamRunningPastItsEntryFails() {
        // A stored deflate block announcing 65,535 bytes, followed by 13.
        let packed = Data([0x00, 0xFF, 0xFF, 0x00, 0x00]) + Data("<w:document/>".utf8)
        let data = CraftedZip.archive(
            path: "word/document.xml", packed: packed, deflated: true, crc32: 0, uncompressedSize: 70_000)
        Self.expectError(Self.docxError(data), saying: "word/document.xml", "压缩数据已损坏或不完整")
    }

    /// Offsets past the end, and ZIP64 values near 2^63, crash ZIPFoundation 0.9.20's `Archive`; the
    /// reader's own directory checks them.
    @Test func offsetsAndSizesOutsideTheArchiveAreDamage() {
        let xml = Data(OfficeFixtures.wordDocument(body: "<w:p/>").utf8)
        let pastTheEnd = CraftedZip.archive(
            path: "word/document.xml", packed: xml, deflated: false, crc32: xml.crc32(checksum: 0),
            uncompressedSize: UInt32(xml.count), localHeaderOffset: 0x7FFF_0000)
        Self.expectError(Self.docxError(pastTheEnd), saying: "word/document.xml 的压缩数据不完整")
        var zip64 = Data()
        zip64.append(le: UInt16(1), UInt16(24))
        zip64.append(le: UInt64(xml.count), UInt64(0x7FFF_FFFF_FFFF_FFF0), UInt64(0xFFFF_FFFF_FFFF_FFFF))
        let hugeZIP64 = CraftedZip.archive(
            path: "word/document.xml", packed: xml, deflated: false, crc32: xml.crc32(checksum: 0),
            uncompressedSize: UInt32(xml.count), directorySizes: (0xFFFF_FFFF, 0xFFFF_FFFF), directoryExtra: zip64,
            localHeaderOffset: 0xFFFF_FFFF)
        Self.expectError(Self.docxError(hugeZIP64), saying: "ZIP")
    }

    @Test func aChecksumMismatchIsReported() {
        let xml = Data(OfficeFixtures.wordDocument(body: "<w:p/>").utf8)
        let data = CraftedZip.archive(
            path: "word/document.xml", packed: xml, deflated: false, crc32: 0xDEAD_BEEF,
            uncompressedSize: UInt32(xml.count))
        Self.expectError(Self.docxError(data), saying: "word/document.xml", "校验和不符")
    }

    @Test(.timeLimit(.minutes(1))) func deeplyNestedXMLIsRefused() throws {
        let depth = 10_000
        let body = String(repeating: "<w:sdt>", count: depth) + String(repeating: "</w:sdt>", count: depth)
        Self.expectError(Self.docxError(try OfficeFixtures.docx(body: body)), saying: "嵌套超过 256 层")
        let sheet = String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: depth)
        Self.expectError(
            Self.xlsxError(try OfficeFixtures.xlsx(sheets: [("表", sheet)])), file: "hostile.xlsx",
            saying: "xl/worksheets/sheet1.xml", "嵌套超过 256 层")
    }

    @Test func malformedXMLReportsWhereItBroke() throws {
        let data = try OfficeFixtures.zip([
            ("word/document.xml", "<w:document xmlns:w=\"w\">\n<w:body>\n  <w:p></w:body>\n</w:document>")
        ])
        #expect(Self.docxError(data)?.reason == "文件不是有效的 .docx 文档：word/document.xml 的 XML 格式错误（第 3 行第 17 列）")
        let entities = """
            <?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\
            <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">\
            <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>\
            <w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;</w:t></w:r></w:p>\
            </w:body></w:document>
            """
        Self.expectError(Self.docxError(try OfficeFixtures.zip([("word/document.xml", entities)])), saying: "XML 格式错误")
    }

    @Test func aRowWiderThanTheLimitIsRefused() throws {
        let body = #"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1001"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#
        Self.expectError(Self.docxError(try OfficeFixtures.docx(body: body)), saying: "第 1 行超过 1000 列")
    }

    /// The seed plan's text cut, shuffled and sprinkled with tabs, blank lines, numbers and stray bytes at
    /// random: importing it always ends in a plan (with warnings) or an `ImportError`, never a crash or a hang.
    @Test(.timeLimit(.minutes(2))) func mutatedTextPlansImportOrFailCleanly() throws {
        var generator = SplitMix64(seed: 2025)
        let original = try String(contentsOf: SeedAcceptanceTests.seedURL("000_43dbf30d6d3ada74.txt"), encoding: .utf8)
            .components(separatedBy: "\n")
        let debris = ["\t", "", "\t\t", "1.4", "（一）", "牵头单位：", "≥", "2020年", "\u{FEFF}", "\t5岁以下\t", "%", "\u{0}"]
        for _ in 0..<200 {
            var lines = original
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                let at = Int.random(in: 0..<lines.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: lines.remove(at: at)
                case 1: lines.insert(debris[Int.random(in: 0..<debris.count, using: &generator)], at: at)
                case 2: lines.swapAt(at, Int.random(in: 0..<lines.count, using: &generator))
                default: lines[at] = String(lines[at].prefix(Int.random(in: 0...8, using: &generator)))
                }
            }
            var bytes = Array(lines.joined(separator: "\n").utf8)
            for _ in 0..<Int.random(in: 0...4, using: &generator) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            do {
                let plan = PlanInterpreter.interpret(try PlanImporter.readDocument(Data(bytes), named: "mutated.txt"))
                #expect(plan.indicatorTables.allSatisfy { $0.indicators.allSatisfy { !$0.name.isEmpty && !$0.name.hasControlCharacters } })
            } catch let error as ImportError {
                #expect(error.file == "mutated.txt")
            }
        }
    }

    /// Bytes of the python-docx and openpyxl fixtures flipped at random: every result is a document or an
    /// `ImportError`, never a crash or a hang.
    @Test(.timeLimit(.minutes(2))) func mutatedFixturesReadOrFailCleanly() throws {
        var generator = SplitMix64(seed: 2018)
        for (name, ext) in [("plan", "docx"), ("plan", "xlsx")] {
            let original = try OfficeFixtures.fixture(name, ext)
            for _ in 0..<150 {
                var bytes = [UInt8](original)
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
                let data = Data(bytes)
                do {
                    _ =
                        ext == "docx"
                        ? try DocxReader.read(data, source: "mutated.\(ext)")
                        : try SpreadsheetReader.readXLSX(data, source: "mutated.\(ext)")
                } catch {
                    #expect(error.file == "mutated.\(ext)")
                }
            }
        }
    }
}

extension String {
    /// Whether the text has a C0 control character other than tab, or DEL: imported text must have none.
    var hasControlCharacters: Bool {
        unicodeScalars.contains { ($0.value < 0x20 && $0.value != 0x09) || $0.value == 0x7F }
    }
}

import Foundation
import PropertyBased
import Testing

@testable import PlanImport

/// The XML scanner on its own: what it reads, and where it says a part broke (1-based lines; columns count
/// characters, and an end tag or reference that does not match is reported just past it).
@Suite struct XMLScannerTests {
    enum Event: Equatable {
        case start(String, [String: String])
        case end(String)
        case text(String)
    }

    /// Records every event; adjacent texts are joined (a CDATA section is an event of its own).
    struct Recorder: XMLPartHandler {
        enum Element: String, CaseIterable { case document, body, p, r, t, a, b }
        static let attributeNames = ["val", "id", "x", "y"]

        var events: [Event] = []
        var wantsText: Bool { true }

        mutating func didStart(_ element: Element?, attributes: XMLAttributes) {
            var found: [String: String] = [:]
            for name in Self.attributeNames { found[name] = attributes[name] }
            events.append(.start(element?.rawValue ?? "?", found))
        }

        mutating func didEnd(_ element: Element?) {
            events.append(.end(element?.rawValue ?? "?"))
        }

        mutating func didFind(text: String) {
            if case .text(let before) = events.last {
                events[events.count - 1] = .text(before + text)
            } else {
                events.append(.text(text))
            }
        }
    }

    static func events(_ xml: String) throws(XMLScanner.Failure) -> [Event] {
        try events(Array(xml.utf8))
    }

    static func events(_ bytes: [UInt8]) throws(XMLScanner.Failure) -> [Event] {
        var recorder = Recorder()
        try XMLScanner.scan(XMLScanner.utf8(bytes), into: &recorder)
        return recorder.events
    }

    /// Where a malformed part broke, or nil when it did not.
    static func malformed(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        do {
            _ = try events(bytes)
            return nil
        } catch {
            guard case .malformed(let offset) = error else {
                Issue.record("expected malformed XML, got \(error)")
                return nil
            }
            return XMLScanner.location(of: offset, in: bytes)
        }
    }

    static func malformed(_ xml: String) -> (line: Int, column: Int)? {
        malformed(Array(xml.utf8))
    }

    @Test func entitiesAndCharacterReferencesInTextAndAttributes() throws {
        let xml = #"<a x="&lt;&amp;&#x4E2D;&#25991;&quot;&apos;&gt;">&lt;b&gt; &amp; &#x6C49;&#23383;&#x1F600;</a>"#
        #expect(try Self.events(xml) == [.start("a", ["x": "<&中文\"'>"]), .text("<b> & 汉字😀"), .end("a")])
    }

    @Test func cdataIsTextAsWritten() throws {
        #expect(
            try Self.events("<a>x<![CDATA[<not & markup>]]>y</a>") == [
                .start("a", [:]), .text("x<not & markup>y"), .end("a"),
            ])
    }

    @Test func commentsProcessingInstructionsAndTheDeclarationAreSkipped() throws {
        let xml = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- before --><?pi data?>
            <a><!-- inside <b> & --><?pi?>t<!---->u</a>
            <!-- after -->
            """
        #expect(try Self.events(xml) == [.start("a", [:]), .text("tu"), .end("a")])
    }

    @Test func namespacePrefixesAreStripped() throws {
        let xml = #"<w:document xmlns:w="urn:w"><w:p w:val="1" r:id="rId1"><v:shape/></w:p></w:document>"#
        #expect(
            try Self.events(xml) == [
                .start("document", [:]), .start("p", ["val": "1", "id": "rId1"]), .start("?", [:]), .end("?"),
                .end("p"), .end("document"),
            ])
    }

    @Test func attributesTakeEitherQuote() throws {
        #expect(
            try Self.events(#"<a x='say "hi"' y = "it's" ></a>"#) == [
                .start("a", ["x": #"say "hi""#, "y": "it's"]), .end("a"),
            ])
    }

    @Test func lineEndsAreNormalized() throws {
        #expect(
            try Self.events("<a x=\"1\t2\r\n3\n4\">a\r\nb\rc&#13;</a>") == [
                .start("a", ["x": "1 2 3 4"]), .text("a\nb\nc\r"), .end("a"),
            ])
    }

    @Test func aUTF16PartIsTranscoded() throws {
        let xml = "<a x=\"健康\">温州</a>"
        let littleEndian: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian: [UInt8] = [0xFE, 0xFF] + xml.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let expected: [Event] = [.start("a", ["x": "健康"]), .text("温州"), .end("a")]
        #expect(try Self.events(littleEndian) == expected)
        #expect(try Self.events(bigEndian) == expected)
    }

    @Test func malformedXMLIsPlaced() {
        let cases: [(xml: String, line: Int, column: Int, what: String)] = [
            ("<a>\n  <b></a>", 2, 10, "mismatched end tag, past it"),
            ("<a>健康</b>", 1, 10, "columns count characters, not bytes"),
            ("<a/></a>", 1, 9, "end tag with nothing open"),
            ("<a>\n<b", 2, 3, "unterminated tag"),
            ("<a x=\"1>", 1, 9, "unterminated attribute value"),
            ("<a x=\"<\"/>", 1, 7, "< in an attribute value"),
            ("<a x=1/>", 1, 6, "unquoted attribute value"),
            ("<a x=\"1\"y=\"2\"/>", 1, 9, "attributes not separated"),
            ("<a>1 < 2</a>", 1, 7, "stray <"),
            ("<a>&bogus;</a>", 1, 11, "unknown entity, past it"),
            ("<a>&amp</a>", 1, 8, "unterminated reference"),
            ("<a>&#xD800;</a>", 1, 12, "character reference to a surrogate"),
            ("<a>&#0;</a>", 1, 8, "character reference to NUL"),
            ("<a>\u{1}</a>", 1, 4, "control character"),
            ("<a>]]></a>", 1, 4, "]]> in text"),
            ("<a><b></b>", 1, 11, "end of input inside an element"),
            ("", 1, 1, "no root element"),
            ("<a/>x", 1, 5, "text after the root element"),
            ("<a/>\r\n<b/>", 2, 1, "a second root element"),
            ("<a><!-- x </a>", 1, 15, "unterminated comment"),
            ("<![CDATA[x]]><a/>", 1, 3, "CDATA outside the root element"),
        ]
        for (xml, line, column, what) in cases {
            let found = Self.malformed(xml)
            #expect(found?.line == line && found?.column == column, "\(what): \(String(describing: found))")
        }
    }

    @Test func invalidUTF8IsMalformed() {
        let prefix = Array("<a>中".utf8)
        let end = Array("</a>".utf8)
        for bad: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xE4, 0xB8], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]] {
            let found = Self.malformed(prefix + bad + end)
            #expect(found?.line == 1 && found?.column == 5, "\(bad): \(String(describing: found))")
        }
        let truncated = Self.malformed(prefix + [0xE4, 0xB8])
        #expect(truncated?.line == 1 && truncated?.column == 5)
    }

    @Test func nestingDeeperThanTheLimitIsRefused() throws {
        let depth = ReaderLimits.maxXMLDepth
        let allowed = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(try Self.events(allowed).count == 2 * depth)
        let tooDeep = "\n" + String(repeating: "<a>", count: depth + 1) + String(repeating: "</a>", count: depth + 1)
        let error = #expect(throws: XMLScanner.Failure.self) { try Self.events(tooDeep) }
        guard case .tooDeep(let offset) = error else {
            Issue.record("expected tooDeep, got \(String(describing: error))")
            return
        }
        #expect(offset == 1 + 3 * depth)  // the start tag one level too deep
    }

    @Test func aDOCTYPEIsRefused() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>
            """
        let error = #expect(throws: XMLScanner.Failure.self) { try Self.events(xml) }
        guard case .doctype(let offset) = error else {
            Issue.record("expected doctype, got \(String(describing: error))")
            return
        }
        #expect(XMLScanner.location(of: offset, in: Array(xml.utf8)) == (2, 1))
        let docx = try OfficeFixtures.zip([("word/document.xml", xml)])
        let importError = #expect(throws: ImportError.self) { try DocxReader.read(docx, source: "plan.docx") }
        #expect(
            importError?.reason
                == "文件不是有效的 .docx 文档：word/document.xml 的 XML 格式错误（第 2 行第 1 列）：含有 DOCTYPE 声明，Office 文档不使用它，已拒绝读取")
    }

    @Test func aMalformedDocumentNamesItsPartLineAndColumn() throws {
        let body = "<w:p><w:r><w:t>健康 & 温州</w:t></w:r></w:p>"
        let xml = OfficeFixtures.wordDocument(body: body)
        // The document element is on line 2; the error is at the space after "&".
        let lineStart = try #require(xml.range(of: "\n")).upperBound
        let column = xml[lineStart...].prefix { $0 != "&" }.unicodeScalars.count + 2
        let docx = try OfficeFixtures.docx(body: body)
        let error = #expect(throws: ImportError.self) { try DocxReader.read(docx, source: "plan.docx") }
        #expect(error?.reason == "文件不是有效的 .docx 文档：word/document.xml 的 XML 格式错误（第 2 行第 \(column) 列）")
    }

    struct Refuser: XMLPartHandler {
        enum Element: String, CaseIterable { case b }
        var wantsText: Bool { false }
        func didStart(_ element: Element?, attributes: XMLAttributes) throws(ImportError) {
            if element == .b { throw ImportError(file: "f", reason: "no b") }
        }
        func didEnd(_ element: Element?) {}
        func didFind(text: String) {}
    }

    @Test func aHandlerErrorStopsTheScan() {
        var refuser = Refuser()
        let error = #expect(throws: XMLScanner.Failure.self) {
            try XMLScanner.scan(Array("<a><b/></a>".utf8), into: &refuser)
        }
        guard case .handler(let error) = error else {
            Issue.record("expected the handler's error, got \(String(describing: error))")
            return
        }
        #expect(error.reason == "no b")
    }

    /// The python-docx document of seed 004 (a table and paragraphs), its bytes overwritten and cut at random:
    /// every result is events or a failure at an offset within the part, never a trap.
    @Test func mutatedDocumentsScanOrFailCleanly() async throws {
        let url = try #require(
            Bundle.module.url(
                forResource: "004_c2b086509075f3da", withExtension: "docx", subdirectory: "Fixtures/docx"))
        let package = try OfficePackage(Data(contentsOf: url), source: "004.docx", format: "docx")
        let document = try package.requiredPart("word/document.xml")
        var intact = DocxBody(source: "004.docx")
        try XMLScanner.scan(document, into: &intact)
        #expect(!intact.blocks.isEmpty)

        // Half the new bytes are any byte, half markup characters; half the documents keep their whole length.
        let markup = Array("<>/?!&#;=\"'-[]: x".utf8)
        let byte = Gen.int(in: 0...511).map { $0 < 256 ? UInt8($0) : markup[$0 % markup.count] }
        let mutations = zip(Gen.int(in: 0...(document.count - 1)), byte).array(of: 1...8)
        let length = Gen.int(in: 1...(2 * document.count)).map { min($0, document.count) }
        await propertyCheck(count: 300, input: mutations, length) { mutations, length in
            var bytes = document
            for (position, byte) in mutations { bytes[position] = byte }
            bytes.removeLast(bytes.count - length)
            var body = DocxBody(source: "mutated.docx")
            do throws(XMLScanner.Failure) {
                try XMLScanner.scan(bytes, into: &body)
            } catch {
                switch error {
                case .malformed(let offset), .doctype(let offset), .tooDeep(let offset):
                    #expect((0...bytes.count).contains(offset))
                    _ = XMLScanner.location(of: offset, in: bytes)
                case .handler(let error):
                    #expect(error.file == "mutated.docx")
                }
            }
        }
    }
}

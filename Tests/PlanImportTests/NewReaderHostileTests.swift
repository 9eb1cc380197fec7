import Foundation
import PlanCore
import PlanImport
import Testing

/// The readers added for web pages, OpenDocument, PDF and text copied from pages keep the importer's promise on
/// hostile and broken input: a plan or an `ImportError` naming the file and what is wrong, never a crash, a
/// trap or unbounded work. The fuzz runs are bounded and seeded, like `OfficeFuzzTests`.
@Suite struct NewReaderHostileTests {
    static func corpus(_ name: String) throws -> Data {
        try Data(contentsOf: CorpusAcceptanceTests.url(name))
    }

    static func outcome(_ data: Data, named name: String) -> Result<Plan, ImportError>? {
        do {
            return .success(PlanInterpreter.interpret(try PlanImporter.readDocument(data, named: name)))
        } catch let error as ImportError {
            return .failure(error)
        } catch {
            Issue.record("\(name): not an ImportError: \(error)")
            return nil
        }
    }

    static let htmlFragments = [
        "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=\"99999999\">", "<td rowspan=100000>",
        "<td colspan=-3>", "<td rowspan=x>", "<br>", "<p>", "</p>", "<!--", "-->", "<script>", "</script>", "&#0;",
        "&#x110000;", "&#xD800;", "&bogus;", "&", "<", ">", "\"", "'", "<meta charset=gbk>", "\u{0}", "到2025年，达到",
        "2020年", "牵头单位", "<table><table><table>",
    ]

    @Test(.timeLimit(.minutes(3))) func damagedWebPagesImportOrFailCleanly() throws {
        var generator = SplitMix64(seed: 5151)
        for name in ["c03_html_gb2312.html", "c15_three_row_header.html", "c19_loose_html.html"] {
            let original = [UInt8](try Self.corpus(name))
            for _ in 0..<OfficeFuzzTests.iterations {
                var bytes = original
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let at = Int.random(in: 0..<max(bytes.count, 1), using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: bytes.removeSubrange(at..<min(at + Int.random(in: 1...200, using: &generator), bytes.count))
                    case 1: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: at)
                    default:
                        let fragment = Self.htmlFragments[Int.random(in: 0..<Self.htmlFragments.count, using: &generator)]
                        bytes.insert(contentsOf: Array(fragment.utf8), at: at)
                    }
                }
                if case .failure(let error) = Self.outcome(Data(bytes), named: "mutated.html") {
                    #expect(error.file == "mutated.html", "\(error)")
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(3))) func damagedOpenDocumentsImportOrFailCleanly() throws {
        try OfficeFuzzTests.fuzz(try Self.corpus("c13_odt_spans.odt"), part: "content.xml", named: "mutated.odt", seed: 5252)
    }

    /// Text copied from pages and PDFs, its lines dropped, repeated, swapped and cut, with "|", tabs and blank
    /// lines thrown in: every layout reader meets rows of every length.
    @Test(.timeLimit(.minutes(3))) func damagedTextLayoutsImportOrFailCleanly() throws {
        var generator = SplitMix64(seed: 5353)
        let names = [
            "c04_pipe_columns.txt", "c05_tab_separated.txt", "c06_cell_per_line_rows.txt", "c07_cell_per_line_national.txt",
            "c08_space_aligned_pdf.txt", "c09_prose_only.txt", "c16_pipe_led_cells.txt",
        ]
        let inserts = ["", "|", "| ", "\t", "\t\t", "1", "说明：", "一", "(一)", "2025年", "序号", "   ", "约束性"]
        for name in names {
            let original = String(decoding: try Self.corpus(name), as: UTF8.self).components(separatedBy: "\n")
            for _ in 0..<OfficeFuzzTests.iterations / 2 {
                var lines = original
                for _ in 0..<Int.random(in: 1...8, using: &generator) where !lines.isEmpty {
                    let at = Int.random(in: 0..<lines.count, using: &generator)
                    switch Int.random(in: 0..<5, using: &generator) {
                    case 0: lines.remove(at: at)
                    case 1: lines.insert(lines[at], at: Int.random(in: 0...lines.count, using: &generator))
                    case 2: lines.swapAt(at, Int.random(in: 0..<lines.count, using: &generator))
                    case 3: lines[at] = String(lines[at].prefix(Int.random(in: 0...10, using: &generator)))
                    default: lines.insert(inserts[Int.random(in: 0..<inserts.count, using: &generator)], at: at)
                    }
                }
                guard case .success(let plan) = Self.outcome(Data(lines.joined(separator: "\n").utf8), named: "mutated.txt") else {
                    continue
                }
                #expect(plan.indicatorTables.allSatisfy { $0.indicators.allSatisfy { !$0.name.isEmpty } })
            }
        }
    }

    @Test func tablesNestedBeyondTheLimitAreRefused() {
        let page = String(repeating: "<table><tr><td>", count: 40) + "x"
        guard case .failure(let error) = Self.outcome(Data(page.utf8), named: "deep.html") else {
            Issue.record("a page nesting 40 tables was read")
            return
        }
        #expect(error.file == "deep.html")
        #expect(error.reason.contains("嵌套超过"))
    }

    @Test func hugeSpansAreBounded() throws {
        // A span is clamped to the column limit and every cell counts against the cell budget: the page is read
        // or refused, in bounded time and memory.
        let row = "<tr><td colspan=99999999>指标</td><td rowspan=99999999>2025年</td></tr>"
        let page = "<table>" + String(repeating: row, count: 3_000) + "</table>"
        switch Self.outcome(Data(page.utf8), named: "spans.html") {
        case .failure(let error): #expect(error.reason.contains("单元格总数超过"), "\(error)")
        case .success, nil: break
        }
    }

    @Test func aPDFWithoutTextNeedsOCR() throws {
        let url = try #require(Bundle.module.url(forResource: "scan-without-text", withExtension: "pdf", subdirectory: "Fixtures/readers"))
        do {
            _ = try PlanImporter.importPlan(at: url)
            Issue.record("a PDF without a text layer was read")
        } catch let error as ImportError {
            #expect(error.file == "scan-without-text.pdf")
            // Without poppler-utils the message names the package instead.
            #expect(error.reason.contains("OCR") || error.reason.contains("poppler-utils"), "\(error)")
        }
    }

    @Test func aFileNamedPDFThatIsNotOneIsRefused() {
        guard case .failure(let error) = Self.outcome(Data("<html>not a pdf</html>".utf8), named: "plan.pdf") else {
            Issue.record("a non-PDF was read as a PDF")
            return
        }
        #expect(error.file == "plan.pdf")
        #expect(error.reason.contains("不是有效的 PDF"))
    }

    @Test func textInNoKnownEncodingIsRefusedByName() {
        // 0x80 and 0xFF lead no GB18030 character and are not UTF-8.
        guard case .failure(let error) = Self.outcome(Data([0x80, 0xFF, 0x80, 0xFF, 0x41]), named: "odd.txt") else {
            Issue.record("bytes in no encoding were read")
            return
        }
        #expect(error.file == "odd.txt")
        #expect(error.reason.contains("GB18030"))
    }

    @Test func utf16TextWithItsByteOrderMarkReads() throws {
        let text = "健康某县行动计划（2021—2022年）\n"
        let utf16 = Self.outcome(try #require(text.data(using: .utf16LittleEndian)).prefixedBOM(), named: "u.txt")
        guard case .success(let plan) = utf16 else {
            Issue.record("UTF-16 text was refused")
            return
        }
        #expect(plan.title == "健康某县行动计划（2021—2022年）")
    }
}

extension Data {
    /// UTF-16 LE bytes with Notepad's byte order mark in front.
    fileprivate func prefixedBOM() -> Data { Data([0xFF, 0xFE]) + self }
}

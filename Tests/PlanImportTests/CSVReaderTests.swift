import Foundation
import PlanImport
import Testing

@Suite struct CSVReaderTests {
    typealias Cell = PlanDocument.Cell

    static func rows(_ document: PlanDocument) -> [PlanDocument.Row] {
        guard case .table(let table) = document.blocks.last else { return [] }
        return table.rows
    }

    static func error(_ data: Data) -> ImportError? {
        do {
            _ = try SpreadsheetReader.readCSV(data, source: "指标.csv")
            return nil
        } catch {
            return error
        }
    }

    @Test func recordsFieldsAndLines() throws {
        let text = [
            "领域,指标,2020年\r\n",
            "健康水平,\"人均预期寿命\n（岁）\",\"≥81.5\"\r\n",
            "\r\n",
            "\"孕产妇\"\"死亡率\"\"\",,\"＜9.5, 年度\"\n",
            "x\"y,\"ab\"c,\"\"\n",
        ].joined()
        let document = try SpreadsheetReader.readCSV(Data(text.utf8), source: "data/健康指标.csv")
        #expect(
            document
                == PlanDocument(
                    source: "data/健康指标.csv",
                    blocks: [
                        .paragraph(PlanDocument.Paragraph(text: "健康指标", line: 1)),
                        .table(
                            PlanDocument.Table(rows: [
                                PlanDocument.Row(cells: [Cell("领域"), Cell("指标"), Cell("2020年")], line: 1),
                                PlanDocument.Row(cells: [Cell("健康水平"), Cell("人均预期寿命 （岁）"), Cell("≥81.5")], line: 2),
                                PlanDocument.Row(cells: [Cell("孕产妇\"死亡率\""), Cell(""), Cell("＜9.5, 年度")], line: 5),
                                PlanDocument.Row(cells: [Cell("x\"y"), Cell("abc"), Cell("")], line: 6),
                            ])),
                    ]))
    }

    @Test func utf8WithAByteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("领域,指标\n".utf8)
        #expect(
            try Self.rows(SpreadsheetReader.readCSV(data, source: "a.csv")) == [
                PlanDocument.Row(cells: [Cell("领域"), Cell("指标")], line: 1)
            ])
    }

    /// "领域,指标,2020年\r\n健康水平,人均预期寿命（岁）,≥81.5\r\n" as Chinese Excel saves it, in GB18030.
    @Test func gb18030AsChineseExcelSavesIt() throws {
        let bytes: [UInt8] = [
            0xC1, 0xEC, 0xD3, 0xF2, 0x2C, 0xD6, 0xB8, 0xB1, 0xEA, 0x2C, 0x32, 0x30, 0x32, 0x30, 0xC4, 0xEA, 0x0D, 0x0A,
            0xBD, 0xA1, 0xBF, 0xB5, 0xCB, 0xAE, 0xC6, 0xBD, 0x2C, 0xC8, 0xCB, 0xBE, 0xF9, 0xD4, 0xA4, 0xC6, 0xDA, 0xCA,
            0xD9, 0xC3, 0xFC, 0xA3, 0xA8, 0xCB, 0xEA, 0xA3, 0xA9, 0x2C, 0xA1, 0xDD, 0x38, 0x31, 0x2E, 0x35, 0x0D, 0x0A,
        ]
        #expect(
            try Self.rows(SpreadsheetReader.readCSV(Data(bytes), source: "a.csv")) == [
                PlanDocument.Row(cells: [Cell("领域"), Cell("指标"), Cell("2020年")], line: 1),
                PlanDocument.Row(cells: [Cell("健康水平"), Cell("人均预期寿命（岁）"), Cell("≥81.5")], line: 2),
            ])
    }

    @Test func anUnterminatedQuoteNamesItsLine() throws {
        let error = try #require(Self.error(Data("a,b\n\"c,d\ne,f\n".utf8)))
        #expect(error.description == "指标.csv: CSV 格式错误：第 2 行开始的记录中有未闭合的引号")
    }

    @Test func limitsAndUnreadableBytes() throws {
        let cases: [(Data, String)] = [
            (Data(String(repeating: ",", count: 1_000).utf8), "第 1 行超过 1000 列，已拒绝读取"),
            (Data(count: (32 << 20) + 1), "文件大小为 32 MiB，超过 CSV 上限 32 MiB，已拒绝读取"),
            (Data([0x81, 0x30, 0xFF, 0x2C, 0x80]), "无法识别文件编码（既不是 UTF-8 也不是 GB18030）"),
        ]
        for (data, reason) in cases {
            let error = try #require(Self.error(data))
            #expect(error.file == "指标.csv")
            #expect(error.reason.hasPrefix(reason), "\(error.reason)")
        }
    }
}

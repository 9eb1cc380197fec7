import Foundation
import PlanImport
import Testing

@Suite struct SpreadsheetReaderTests {
    typealias Cell = PlanDocument.Cell

    static func paragraph(_ text: String, _ line: Int) -> PlanDocument.Block {
        .paragraph(PlanDocument.Paragraph(text: text, line: line))
    }

    static func table(_ rows: [(line: Int, cells: [Cell])]) -> PlanDocument.Block {
        .table(PlanDocument.Table(rows: rows.map { PlanDocument.Row(cells: $0.cells, line: $0.line) }))
    }

    static func inline(_ reference: String, _ text: String) -> String {
        #"<c r="\#(reference)" t="inlineStr"><is><t>\#(text)</t></is></c>"#
    }

    @Test func sheetsInWorkbookOrderWithValuesAsWritten() throws {
        let strings = ["领域", "指标", "2020年", "健康水平", "人均预期寿命（岁）", "牵头\n部门", "孕产妇死亡率"]
        let indicators = """
            <sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="E1" t="s"><v>5</v></c></row>
            <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>80.77</v></c>\
            <c r="D2" t="b"><v>1</v></c><c r="E2" t="inlineStr"><is><r><t>市卫生</t></r><r><t>健康委</t></r>\
            <rPh><t>シ</t></rPh></is></c><c r="F2" s="3"/></row>
            <row r="4"><c t="s"><v>6</v></c><c><v>1.50</v></c><c t="str"><f>A1</f><v>9.5</v></c>\
            <c r="E4" t="e"><v>#DIV/0!</v></c></row>
            </sheetData>
            """
        let data = try OfficeFixtures.xlsx(
            sheets: [("指标", indicators), ("空表", "<sheetData/>")], sharedStrings: strings)
        let document = try SpreadsheetReader.readXLSX(data, source: "plan.xlsx")
        #expect(document.warnings.isEmpty)
        #expect(
            document.blocks == [
                Self.paragraph("指标", 1),
                Self.table([
                    (1, [Cell("领域"), Cell("指标"), Cell("2020年"), Cell(""), Cell("牵头 部门")]),
                    (2, [Cell("健康水平"), Cell("人均预期寿命（岁）"), Cell("80.77"), Cell("TRUE"), Cell("市卫生健康委")]),
                    (4, [Cell("孕产妇死亡率"), Cell("1.50"), Cell("9.5"), Cell(""), Cell("#DIV/0!")]),
                ]),
                Self.paragraph("空表", 1),
                Self.table([]),
            ])
    }

    @Test func mergedRangesSpanAndContinue() throws {
        let sheet = """
            <sheetData>
            <row r="1">\(Self.inline("A1", "健康温岭建设主要指标"))\(Self.inline("B1", "被覆盖"))</row>
            <row r="2">\(Self.inline("A2", "健康水平"))<c r="B2"><v>1</v></c><c r="C2"><v>2</v></c></row>
            <row r="3"><c r="B3"><v>3</v></c><c r="C3"><v>4</v></c></row>
            <row r="5"><c r="B5"><v>5</v></c></row>
            </sheetData>
            <mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="A2:A3"/><mergeCell ref="D5:E6"/></mergeCells>
            """
        let document = try SpreadsheetReader.readXLSX(
            OfficeFixtures.xlsx(sheets: [("说明", sheet)]), source: "plan.xlsx")
        #expect(
            document.blocks == [
                Self.paragraph("说明", 1),
                Self.table([
                    (1, [Cell("健康温岭建设主要指标", columnSpan: 3)]),
                    (2, [Cell("健康水平"), Cell("1"), Cell("2")]),
                    (3, [Cell("", continuesAbove: true), Cell("3"), Cell("4")]),
                    (5, [Cell(""), Cell("5"), Cell(""), Cell("", columnSpan: 2)]),
                ]),
            ])
        #expect(document.warnings == [DocumentWarning(line: 1, message: "工作表“说明”的 B1 被合并单元格覆盖，其内容“被覆盖”未读入")])
    }

    @Test func aMergeOverTheWholeSheetStaysWithinTheColumnLimit() throws {
        let sheet = """
            <sheetData><row r="1">\(Self.inline("A1", "标题"))</row><row r="2">\(Self.inline("A2", "正文"))</row>\
            </sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>
            """
        let document = try SpreadsheetReader.readXLSX(OfficeFixtures.xlsx(sheets: [("表", sheet)]), source: "plan.xlsx")
        #expect(
            document.blocks.last
                == Self.table([
                    (1, [Cell("标题", columnSpan: 1_000)]), (2, [Cell("正文", columnSpan: 1_000, continuesAbove: true)]),
                ]))
    }

    /// plan.xlsx is written by openpyxl (make_fixtures.py): inline strings, absolute relationship targets,
    /// merged ranges without placeholder cells.
    @Test func openpyxlFixture() throws {
        let document = try SpreadsheetReader.readXLSX(OfficeFixtures.fixture("plan", "xlsx"), source: "plan.xlsx")
        #expect(
            document
                == PlanDocument(
                    source: "plan.xlsx",
                    blocks: [
                        Self.paragraph("主要指标", 1),
                        Self.table([
                            (1, [Cell("健康温岭建设主要指标", columnSpan: 4)]),
                            (2, [Cell("领域"), Cell("指标"), Cell("2018年"), Cell("2020年")]),
                            (3, [Cell("健康水平"), Cell("人均预期寿命（岁）"), Cell("80.77"), Cell("≥81.5")]),
                            (4, [Cell("", continuesAbove: true), Cell("孕产妇死亡率（1/10万）"), Cell("＜9.5"), Cell("＜9.5")]),
                            (6, [Cell("健康环境"), Cell("空气质量优良天数比率"), Cell(""), Cell("达到省级目标")]),
                        ]),
                        Self.paragraph("说明", 1),
                        Self.table([
                            (1, [Cell("数据来源：市卫生健康委")]), (2, [Cell(""), Cell("TRUE")]), (3, [Cell("牵头 部门")]),
                        ]),
                    ]))
    }

    static func error(_ data: Data) -> ImportError? {
        do {
            _ = try SpreadsheetReader.readXLSX(data, source: "bad.xlsx")
            return nil
        } catch {
            return error
        }
    }

    @Test func damagedWorkbooksNameTheFileAndTheProblem() throws {
        let cases: [(Data, String)] = [
            (try OfficeFixtures.zip([("[Content_Types].xml", "<Types/>")]), "缺少 xl/workbook.xml"),
            (
                try OfficeFixtures.zip([
                    (
                        "xl/workbook.xml",
                        #"<workbook xmlns:r="r"><sheets><sheet name="表" r:id="rId9"/></sheets></workbook>"#
                    ),
                    ("xl/_rels/workbook.xml.rels", "<Relationships/>"),
                ]),
                "工作表“表”在 xl/_rels/workbook.xml.rels 中没有对应的部件"
            ),
            (
                try OfficeFixtures.zip([
                    (
                        "xl/workbook.xml",
                        #"<workbook xmlns:r="r"><sheets><sheet name="表" r:id="rId1"/></sheets></workbook>"#
                    ),
                    (
                        "xl/_rels/workbook.xml.rels",
                        #"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet9.xml"/></Relationships>"#
                    ),
                ]),
                "缺少 xl/worksheets/sheet9.xml"
            ),
            (
                try OfficeFixtures.xlsx(
                    sheets: [("表", #"<sheetData><row r="1"><c r="A1" t="s"><v>3</v></c></row></sheetData>"#)],
                    sharedStrings: ["甲"]),
                "工作表“表”的 A1 引用了不存在的共享字符串“3”"
            ),
            (
                try OfficeFixtures.xlsx(sheets: [
                    ("表", #"<sheetData><row r="1"><c r="1A"><v>3</v></c></row></sheetData>"#)
                ]),
                "工作表“表”中的单元格引用“1A”无效"
            ),
            (
                try OfficeFixtures.xlsx(sheets: [
                    ("表", #"<sheetData><row r="1"><c r="ALM1"><v>3</v></c></row></sheetData>"#)
                ]),
                "工作表“表”第 1 行超过 1000 列（ALM1）"
            ),
        ]
        for (data, reason) in cases {
            let error = try #require(Self.error(data))
            #expect(error.file == "bad.xlsx")
            #expect(error.reason.contains(reason), "\(error.reason)")
        }
    }

    /// 600 rows with a value in column 1,000 lay out 600,000 cells: refused, not filled.
    @Test(.timeLimit(.minutes(1))) func layingOutTooManyCellsIsRefused() throws {
        let rows = (1...600).map { #"<row r="\#($0)"><c r="ALL\#($0)"><v>1</v></c></row>"# }.joined()
        let error = try #require(Self.error(OfficeFixtures.xlsx(sheets: [("表", "<sheetData>\(rows)</sheetData>")])))
        #expect(error.reason == "表格单元格总数超过 500000 个，已拒绝读取")
    }
}

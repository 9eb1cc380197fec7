import Foundation
import PlanImport
import Testing

@Suite struct DocxReaderTests {
    typealias Cell = PlanDocument.Cell

    static func paragraph(_ text: String, _ line: Int) -> PlanDocument.Block {
        .paragraph(PlanDocument.Paragraph(text: text, line: line))
    }

    static func table(_ rows: [(line: Int, cells: [Cell])]) -> PlanDocument.Block {
        .table(PlanDocument.Table(rows: rows.map { PlanDocument.Row(cells: $0.cells, line: $0.line) }))
    }

    static func cell(_ text: String, properties: String = "") -> String {
        "<w:tc><w:tcPr>\(properties)</w:tcPr><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
    }

    static func read(body: String) throws -> PlanDocument {
        try DocxReader.read(OfficeFixtures.docx(body: body), source: "plan.docx")
    }

    @Test func paragraphsAndTablesInDocumentOrder() throws {
        let body = """
            <w:p><w:r><w:t>健康温州</w:t></w:r><w:r><w:t xml:space="preserve">行动 </w:t></w:r>\
            <w:r><w:tab/><w:t>2018</w:t><w:br/><w:t>—2020</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>
            <w:tbl>
              <w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
              <w:tr>\(Self.cell("领域", properties: #"<w:vMerge w:val="restart"/>"#))\
            \(Self.cell("目标值", properties: #"<w:gridSpan w:val="2"/>"#))</w:tr>
              <w:tr>\(Self.cell("", properties: "<w:vMerge/>"))\(Self.cell("2018年"))\(Self.cell("2020年"))</w:tr>
              <w:tr><w:tc><w:tcPr><w:vMerge w:val="continue"/></w:tcPr><w:p/></w:tc>\
            <w:tc><w:p><w:r><w:t>完成省级</w:t></w:r></w:p><w:p/><w:p><w:r><w:t> 下达任务 </w:t></w:r></w:p></w:tc>\
            <w:tc><w:p><w:r><w:t>高血压57.6</w:t></w:r></w:p><w:tbl><w:tr>\(Self.cell("糖尿病"))\(Self.cell("63.8"))</w:tr>\
            </w:tbl><w:p/></w:tc></w:tr>
            </w:tbl>
            <w:p><w:r><w:t>注：</w:t></w:r></w:p>
            <w:sectPr/>
            """
        let document = try Self.read(body: body)
        #expect(document.source == "plan.docx")
        #expect(document.warnings.isEmpty)
        #expect(
            document.blocks == [
                Self.paragraph("健康温州行动  2018 —2020", 1),
                Self.table([
                    (4, [Cell("领域"), Cell("目标值", columnSpan: 2)]),
                    (5, [Cell("", continuesAbove: true), Cell("2018年"), Cell("2020年")]),
                    (6, [Cell("", continuesAbove: true), Cell("完成省级 下达任务"), Cell("高血压57.6 糖尿病 63.8")]),
                ]),
                Self.paragraph("注：", 7),
            ])
    }

    @Test func markupThatIsNotTextAddsNone() throws {
        // Tab stops in paragraph properties, deleted text, field codes and the fallback copy of alternate
        // content are not text; a content control's paragraphs are body paragraphs.
        let body = """
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>\
            <w:r><w:t>一、</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>\
            <w:r><w:instrText> PAGEREF _Toc1 </w:instrText></w:r>\
            <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>文本框</w:t></mc:Choice>\
            <mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r>\
            <w:r><w:t>主要指标</w:t><w:noBreakHyphen/><w:t>2</w:t></w:r></w:p>
            <w:sdt><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>
            """
        #expect(try Self.read(body: body).blocks == [Self.paragraph("一、文本框主要指标-2", 1), Self.paragraph("目录", 2)])
    }

    @Test func gridBeforeKeepsCellsOverTheirColumns() throws {
        let body = """
            <w:tbl><w:tr>\(Self.cell("a"))\(Self.cell("b"))\(Self.cell("c"))</w:tr>\
            <w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>\(Self.cell("c2"))</w:tr></w:tbl>
            """
        #expect(
            try Self.read(body: body).blocks == [
                Self.table([(1, [Cell("a"), Cell("b"), Cell("c")]), (2, [Cell("", columnSpan: 2), Cell("c2")])])
            ])
    }

    @Test func aDrawingTableInsideAParagraphIsNotAWordTable() throws {
        // Names are matched without namespaces; DrawingML's a:tbl/a:tr/a:tc sit inside a run.
        let body = """
            <w:p><w:r><w:t>图</w:t><w:drawing><a:tbl xmlns:a="urn:a"><a:tr><a:tc><a:txBody><a:p><a:r>\
            <a:t>表内</a:t></a:r></a:p></a:txBody></a:tc></a:tr></a:tbl></w:drawing></w:r></w:p>
            """
        #expect(try Self.read(body: body).blocks == [Self.paragraph("图表内", 1)])
    }

    /// plan.docx is written by python-docx (make_fixtures.py): real gridSpan and vMerge markup.
    @Test func pythonDocxFixture() throws {
        let document = try DocxReader.read(OfficeFixtures.fixture("plan", "docx"), source: "plan.docx")
        #expect(
            document
                == PlanDocument(
                    source: "plan.docx",
                    blocks: [
                        Self.paragraph("健康温岭行动主要指标", 1),
                        Self.table([
                            (3, [Cell("领域"), Cell("指标"), Cell("目标值", columnSpan: 2)]),
                            (4, [Cell("健康水平"), Cell("人均预期寿命（岁）"), Cell("80.77"), Cell("81.5")]),
                            (5, [Cell("", continuesAbove: true), Cell("孕产妇死亡率（1/10万）"), Cell("＜9.5"), Cell("＜9.5")]),
                            (6, [Cell("健康环境"), Cell("空气质量优良天数比率"), Cell("完成省级 下达任务"), Cell("—")]),
                            (7, [Cell("健康服务"), Cell("每千人口执业（助理）医师数（人）"), Cell("2.5"), Cell("2.8")]),
                        ]),
                        Self.paragraph("注：目标值为年度目标。", 8),
                    ]))
    }
}

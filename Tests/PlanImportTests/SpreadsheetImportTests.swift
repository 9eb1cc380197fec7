import Foundation
import PlanCore
import PlanImport
import Testing

/// Indicator tables kept in Excel or exported as CSV import like the document's own tables.
@Suite struct SpreadsheetImportTests {
    static let csv = """
        领域,指标,2015年,2020年,牵头部门
        健康水平,人均预期寿命（岁）,80.76,81,市卫健局
        ,婴儿死亡率（‰）,≤4.5,≤4.3,
        健康服务,重大慢性病过早死亡率（%）,13.7,比2015年降低10%,"市卫健局、市体育局"
        健康保障,个人卫生支出占卫生总费用的比重（%）,31.02,28左右,市医保局

        """

    @Test func aCSVIndicatorTable() throws {
        let document = try SpreadsheetReader.readCSV(Data(Self.csv.utf8), source: "瓦房店指标.csv")
        let plan = PlanInterpreter.interpret(document)
        let table = try #require(plan.indicatorTables.first)
        #expect(table.caption == "瓦房店指标")
        #expect(table.indicators.map(\.name) == ["人均预期寿命", "婴儿死亡率", "重大慢性病过早死亡率", "个人卫生支出占卫生总费用的比重"])
        #expect(table.groups.map(\.name) == ["健康水平", "健康服务", "健康保障"])
        #expect(table.indicators[1].lead == ["市卫健局"])
        #expect(table.indicators[2].lead == ["市卫健局", "市体育局"])
        #expect(table.indicators[2].baseline == Baseline(year: 2015, text: "13.7"))
        #expect(table.indicators[2].targets.map(\.text) == ["比2015年降低10%"])
        #expect(table.indicators[3].direction == .lower)
    }

    @Test func theCSVReadsTheSameFromAFileByItsExtension() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-\(UUID().uuidString).csv")
        try Data(Self.csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let plan = try PlanImporter.importPlan(at: url)
        #expect(plan.indicatorTables.first?.indicators.count == 4)
    }

    /// The python-docx/openpyxl fixture workbook goes through the whole importer without error.
    @Test func theFixtureWorkbookImports() throws {
        let url = try #require(Bundle.module.url(forResource: "plan", withExtension: "xlsx", subdirectory: "Fixtures/readers"))
        let plan = try PlanImporter.importPlan(at: url)
        #expect(plan.indicatorTables.count + plan.warnings.count > 0)
    }
}

import Foundation
import PlanCore
@testable import PlanImport
import Testing

@Suite struct TextImportTests {
    @Test func aSmallPlanReadsWholly() {
        let text = """
            健康示范县行动计划（2021-2023年）
            一、主要目标
            到2023年，人均预期寿命逐步提高，达到80岁以上。
            主要指标
            \t领域
            \t指标名称
            \t2020年
            \t2021年
            \t2023年
            \t牵头部门

            \t健康水平
            \t人均预期寿命（岁）
            \t78.5
            \t79
            \t≥80
            \t县卫健局

            \t
            \t婴儿死亡率（‰）
            \t5.1
            \t≤5
            \t≤4.5
            \t

            二、主要任务
            （一）健康环境行动。
            1.改善空气质量。
            （牵头单位：县生态环境局。责任单位：县发改局、县住建局）
            每年3月31日前完成上一年度数据填报。
            """
        let plan = PlanInterpreter.interpret(TextDocumentReader.read(text, source: "示范.txt"))
        #expect(plan.title == "健康示范县行动计划（2021-2023年）")
        #expect(plan.period == Period(start: 2021, end: 2023))
        #expect(plan.baseYear == 2020)
        #expect(plan.reportingDeadline == "03-31")
        let indicators = plan.indicatorTables.first?.indicators ?? []
        #expect(indicators.map(\.name) == ["人均预期寿命", "婴儿死亡率"])
        #expect(indicators.map(\.unit) == ["岁", "‰"])
        #expect(indicators.map(\.domain) == [["健康水平"], ["健康水平"]])
        #expect(indicators[1].baseline == Baseline(year: 2020, text: "5.1"))
        #expect(indicators[1].targets.map(\.text) == ["≤5", "≤4.5"])
        #expect(indicators[1].direction == .lower)
        // The empty lead cell under a filled one is a merged cell, and the carry is reported.
        #expect(indicators[1].lead == ["县卫健局"])
        #expect(plan.warnings.contains { $0.message.contains("沿用上一行") })
        #expect(plan.actions.map(\.title) == ["健康环境行动"])
        #expect(plan.actions[0].tasks[0].lead == ["县生态环境局"])
        #expect(plan.actions[0].tasks[0].responsible == ["县发改局", "县住建局"])
        #expect(plan.proseTargets.map(\.subject) == ["人均预期寿命"])
        #expect(plan.proseTargets.first?.year == 2023)
    }

    @Test func aRowBrokenOverBlankLinesIsJoinedWithAWarning() {
        let text = "表\n\t类别\n\t指标名称\n\t单位\n\t2020年\n\n\t资源配置\n\n\t每千人床位数\n\n\t张\n\t6\n\n\t\n\t每千人护士数\n\t人\n\t3.6\n"
        let document = TextDocumentReader.read(text, source: "t.txt")
        guard case .table(let table)? = document.blocks.last else {
            Issue.record("no table")
            return
        }
        #expect(table.rows.map { $0.cells.map(\.text) }[1] == ["资源配置", "每千人床位数", "张", "6"])
        #expect(document.warnings.contains { $0.line == 7 && $0.message.contains("拆成 3 段") })
    }

    @Test func aCellBrokenByABlankLineIsJoined() {
        let text = "表\n\t序号\n\t指标名称\n\t2015年\n\n\t11\n\t主要慢病社区规范管理率\n\t高血压57.6\n\n糖尿病63.8\n\n\t12\n\t总和生育率\n\t1.6\n"
        let document = TextDocumentReader.read(text, source: "t.txt")
        guard case .table(let table)? = document.blocks.last else {
            Issue.record("no table")
            return
        }
        #expect(table.rows[1].cells.map(\.text) == ["11", "主要慢病社区规范管理率", "高血压57.6 糖尿病63.8"])
        #expect(table.rows.count == 3)
    }

    @Test func unreadableFilesAreRefusedByName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let gbk = directory.appendingPathComponent("plan.txt")
        try Data([0xBD, 0xA1, 0xBF, 0xB5, 0xFF, 0xFE]).write(to: gbk)
        #expect(throws: ImportError.self) { try PlanImporter.importPlan(at: gbk) }
        do {
            _ = try PlanImporter.importPlan(at: gbk)
        } catch let error as ImportError {
            #expect(error.file == "plan.txt")
            #expect(error.reason.contains("UTF-8"))
        }
        let missing = directory.appendingPathComponent("missing.txt")
        #expect(throws: ImportError.self) { try PlanImporter.importPlan(at: missing) }
        let odd = directory.appendingPathComponent("plan.pdf")
        try Data("%PDF".utf8).write(to: odd)
        #expect(throws: ImportError.self) { try PlanImporter.importPlan(at: odd) }
    }

    /// Cut and shuffled seeds never trap the text importer.
    @Test(arguments: SeedAcceptanceTests.seeds)
    func damagedTextNeverTraps(seed: String) throws {
        let text = try String(contentsOf: SeedAcceptanceTests.seedURL(seed), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let cut = Int.random(in: 0..<max(lines.count, 1), using: &generator)
            var damaged = Array(lines.prefix(cut))
            damaged.shuffle(using: &generator)
            damaged += lines.suffix(Int.random(in: 0..<20, using: &generator))
            let plan = PlanInterpreter.interpret(TextDocumentReader.read(damaged.joined(separator: "\n"), source: seed))
            _ = plan.indicatorTables.count
        }
        // Every prefix of a table row boundary region, too.
        for length in stride(from: 0, to: min(text.count, 6000), by: 331) {
            _ = PlanInterpreter.interpret(TextDocumentReader.read(String(text.prefix(length)), source: seed))
        }
    }
}

@Suite struct HeaderVocabularyTests {
    @Test(arguments: [
        ("指 标 名 称", "name"), ("指标名称（单位）", "name"), ("2018年", "year 2018"), ("2020年目标值", "year 2020"),
        ("目标值（2020年）", "year 2020"), ("现状值（2015年）", "baseline 2015"), ("2015年基线", "baseline 2015"),
        ("基线值", "baseline"), ("牵头部门", "lead"), ("责任单位", "cooperating"), ("“十三五”规划投资", "planned"),
        ("一级指标", "domain 1"), ("二级指标", "domain 2"), ("单位", "unit"), ("人均预期寿命", "—"),
        // Roles from the words a header contains, not from a list of whole headers.
        ("基期水平", "baseline"), ("现状（截至2011年底）", "baseline 2011"), ("目前水平", "baseline"), ("协作部门", "cooperating"),
        ("牵头责任单位", "lead"), ("主责部门", "lead"), ("指标属性", "nature"), ("指标性质", "nature"), ("指标定义", "definition"),
        ("计算方法", "definition"), ("数据来源", "source"), ("分值", "weight"), ("权重", "weight"), ("“十四五”末", "target"),
        ("规划期末", "target"), ("工作进度2021年", "year 2021"), ("2022年目标值", "year 2022"), ("计量单位", "unit"),
        ("考核内容", "name"), ("健康水平", "—"), ("主要食品", "—"),
    ])
    func headersNameTheirColumns(header: String, expected: String) {
        let described: String =
            switch HeaderVocabulary.role(of: header) {
            case .name: "name"
            case .year(let y): "year \(y)"
            case .baseline(let y?): "baseline \(y)"
            case .baseline(nil): "baseline"
            case .lead: "lead"
            case .cooperating: "cooperating"
            case .plannedInvestment: "planned"
            case .domain(let level): "domain \(level)"
            case .unit: "unit"
            case .nature: "nature"
            case .definition: "definition"
            case .source: "source"
            case .weight: "weight"
            case .target: "target"
            case nil: "—"
            default: "other"
            }
        #expect(described == expected, "\(header)")
    }
}

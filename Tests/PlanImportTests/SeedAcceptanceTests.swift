import Foundation
import PlanCore
import PlanImport
import Testing

/// The acceptance facts of every seed, on the Word-exported text.
@Suite struct SeedAcceptanceTests {
    static let seeds = GoldFacts.all.keys.sorted()

    static func seedURL(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/seeds")!
    }

    @Test(arguments: seeds)
    func textImportReproducesTheFacts(seed: String) throws {
        let plan = try PlanImporter.importPlan(at: Self.seedURL(seed))
        let misses = GoldFacts.all[seed]!.misses(in: plan)
        #expect(misses.isEmpty, "\(misses)")
    }

    /// Seed 003's text has lost its title line; its preface cites the plan ("编制了《…》"), which is taken with a
    /// warning to confirm.
    @Test func citedTitleIsTakenWithAWarning() throws {
        let plan = try PlanImporter.importPlan(at: Self.seedURL("003_3a1667128172d8df.txt"))
        #expect(plan.title == "温州市鹿城区卫计事业“十三五”发展规划")
        #expect(plan.warnings.contains { $0.message.contains("取自文中引用的《…》") })
    }

    /// Seed 001 states its targets only in sentences: they become the indicators of a table "文中目标", each to
    /// be confirmed, with "A和B分别控制在a和b以下" read as two indicators.
    @Test func proseOnlyPlanGetsATableOfItsSentences() throws {
        let plan = try PlanImporter.importPlan(at: Self.seedURL("001_f18f6f04fe395455.txt"))
        let table = try #require(plan.indicatorTables.first { $0.caption == "文中目标" })
        let names = table.indicators.map(\.name)
        #expect(table.indicators.count >= 9, "\(names)")
        let life = try #require(table.indicators.first { $0.name == "人均预期寿命" })
        #expect(life.target(for: 2025)?.text == "达到82岁以上")
        #expect(life.unit == "岁")
        let maternal = try #require(table.indicators.first { $0.name == "孕产妇死亡率" })
        #expect(maternal.target(for: 2025)?.text == "控制在7/10万以下")
        let infant = try #require(table.indicators.first { $0.name == "婴儿死亡率" })
        #expect(infant.target(for: 2025)?.text == "控制在5‰以下")
        #expect(infant.direction == .lower)
        #expect(plan.warnings.filter { $0.message.contains("取自文中句子") }.count == table.indicators.count)
    }
}

/// The same facts on .docx versions of the seeds, written by an independent writer (python-docx, see
/// Fixtures/docx/make_docx.py) with real merged cells (gridSpan, vMerge).
@Suite struct SeedDocxAcceptanceTests {
    static func docxURL(_ seed: String) -> URL {
        let name = (seed as NSString).deletingPathExtension + ".docx"
        return Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/docx")!
    }

    @Test(arguments: SeedAcceptanceTests.seeds)
    func docxImportReproducesTheFacts(seed: String) throws {
        let plan = try PlanImporter.importPlan(at: Self.docxURL(seed))
        let misses = GoldFacts.all[seed]!.misses(in: plan)
        #expect(misses.isEmpty, "\(misses)")
    }

    /// Text and docx agree on every indicator, not only on the sampled facts.
    @Test(arguments: SeedAcceptanceTests.seeds)
    func docxAndTextAgree(seed: String) throws {
        let text = try PlanImporter.importPlan(at: SeedAcceptanceTests.seedURL(seed))
        let docx = try PlanImporter.importPlan(at: Self.docxURL(seed))
        #expect(docx.indicatorTables.map(\.caption) == text.indicatorTables.map(\.caption))
        for (d, t) in zip(docx.indicatorTables, text.indicatorTables) {
            #expect(d.indicators.count == t.indicators.count, "\(t.caption)")
            for (a, b) in zip(d.indicators, t.indicators) {
                #expect(a.name == b.name && a.code == b.code && a.unit == b.unit, "\(b.name)")
                #expect(a.domain == b.domain, "\(b.name): \(a.domain) vs \(b.domain)")
                #expect(a.targets.map(\.text) == b.targets.map(\.text), "\(b.name)")
                #expect(a.baseline?.text == b.baseline?.text, "\(b.name)")
                #expect(a.lead == b.lead && a.cooperating == b.cooperating, "\(b.name): \(a.lead) vs \(b.lead)")
            }
        }
        // Source lines differ (paragraph ordinals in .docx); everything read from the lines must not.
        let outline = { (plan: Plan) in
            plan.actions.map { action in [action.title] + action.tasks.flatMap { [$0.title] + $0.lead + $0.responsible } }
        }
        #expect(outline(docx) == outline(text))
        #expect(docx.projects == text.projects)
        #expect(docx.proseTargets.map(\.text) == text.proseTargets.map(\.text))
    }
}

import Foundation
import PlanCore
import PlanImport
import Testing

/// The gold facts of every document of the corpus (Fixtures/corpus/README.md): plans written the ways the field
/// writes them — renamed and reordered columns, two- and three-row headers, group and note rows, web pages,
/// OpenDocument, text copied from web pages and PDFs, GBK and UTF-16 text, prose-only plans — none of which
/// the importer was written against row by row.
@Suite struct CorpusAcceptanceTests {
    static let gold = GoldFacts.load("corpus-gold", in: "Fixtures/corpus")
    static let documents = gold.keys.sorted()

    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/corpus")!
    }

    @Test func theCorpusHasTwentyDocumentsBeyondTheSeeds() {
        #expect(Self.documents.count >= 20, "\(Self.documents)")
    }

    @Test(arguments: documents)
    func importReproducesTheFacts(document: String) throws {
        let plan = try PlanImporter.importPlan(at: Self.url(document))
        let misses = Self.gold[document]!.misses(in: plan)
        #expect(misses.isEmpty, "\(misses)")
    }
}

/// The grammar of prose targets on sentences written for it.
@Suite struct ProseGrammarTests {
    static func plan(_ goals: String) -> Plan {
        let text = "某县健康行动方案（2021—2025年）\n\n一、主要目标\n\n\(goals)\n\n二、主要任务\n\n（一）实施行动。\n"
        return PlanInterpreter.interpret(TextDocumentReader.read(text, source: "goals.txt"))
    }

    @Test func theEndOfThePeriodIsItsLastYear() {
        let plan = Self.plan("到2023年，居民健康素养水平达到30%。到“十四五”期末，经常参加体育锻炼人数比例达到40%以上。")
        #expect(plan.proseTargets.first { $0.subject == "居民健康素养水平" }?.year == 2023)
        #expect(plan.proseTargets.first { $0.subject == "经常参加体育锻炼人数比例" }?.year == 2025)
    }

    @Test func respectivelyPairsSubjectsWithValuesAndOneQualifier() {
        let plan = Self.plan("孕产妇死亡率、婴儿死亡率分别控制在9/10万和4‰以下。")
        #expect(plan.proseTargets.map(\.subject) == ["孕产妇死亡率", "婴儿死亡率"])
        #expect(plan.proseTargets.map(\.text) == ["控制在9/10万以下", "控制在4‰以下"])
    }

    @Test func whatIsAchievedIsNotATarget() {
        let plan = Self.plan("2020年居民健康素养水平已达到25%，到2025年，居民健康素养水平提高到32%。")
        #expect(plan.proseTargets.map(\.text) == ["提高到32%"])
    }
}

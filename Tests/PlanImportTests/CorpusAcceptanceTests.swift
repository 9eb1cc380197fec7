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

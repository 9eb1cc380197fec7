import Foundation
import PlanCore
import PlanImport
import Testing

/// Closes the loop with PlanCore's seed fixture: every target and baseline cell the importer reads from the
/// five seeds has a checked reading there, so no seed cell is parsed without a person having looked at it.
@Suite struct SeedTargetCoverageTests {
    struct Case: Decodable {
        var text: String
        var parsed: TargetExpression
    }

    static let fixture: [String: TargetExpression] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../PlanCoreTests/Fixtures/seed-targets.json").standardized
        let cases = try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        return Dictionary(cases.map { ($0.text, $0.parsed) }, uniquingKeysWith: { first, _ in first })
    }()

    @Test(arguments: SeedAcceptanceTests.seeds)
    func everyImportedCellIsInTheCheckedFixture(seed: String) throws {
        let plan = try PlanImporter.importPlan(at: SeedAcceptanceTests.seedURL(seed))
        let indicators = plan.indicatorTables.flatMap(\.indicators)
        for indicator in indicators {
            for target in indicator.targets {
                #expect(Self.fixture[target.text] == target.parsed, "\(seed) line \(indicator.sourceLine ?? 0): \(target.text)")
            }
            if let baseline = indicator.baseline {
                #expect(Self.fixture[baseline.text] != nil, "\(seed) baseline \(baseline.text)")
            }
        }
    }
}

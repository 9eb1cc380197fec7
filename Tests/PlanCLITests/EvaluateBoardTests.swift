import Foundation
import PlanApp
import PlanCore
import PlanStore
import Testing

@testable import PlanCLI

/// `hcm evaluate` and the board the pages and `/board` show come from one evaluation: after a reviewer decides
/// an item, both count it the same way, region by region and domain by domain.
@Suite struct EvaluateBoardTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-cli-\(UUID().uuidString)")
    var db: String { directory.appendingPathComponent("hcm.sqlite").path }

    struct Printed: Decodable {
        struct Region: Decodable {
            var regionCode: String
            var summary: EvaluationSummary
        }

        var year: Int
        var regions: [Region]
    }

    @Test func evaluateAndTheBoardAgreeAfterADecision() async throws {
        let store = try SQLitePlanRepository(path: db)
        _ = try await DemoData(store: store, now: Date(timeIntervalSince1970: 1_700_000_000)).seedIfEmpty()
        let planID = try #require(try await store.planSummaries().first?.id)
        func printed() async throws -> Printed {
            let command = try #require(try HCM.parseAsRoot(["evaluate", "--plan", "\(planID)", "--year", "2019", "--json", "--db", db]) as? EvaluateCommand)
            let text = try command.output.render(EvaluationText(evaluation: try await command.selection.load(command.database)))
            return try JSONDecoder().decode(Printed.self, from: Data(text.utf8))
        }
        // A reviewer decides the first item awaiting one.
        let before = try await AnnualEvaluation.load(store: store, planID: planID, year: 2019)
        let region = try #require(before.regions.first { $0.indicators.contains { $0.status == .needsReview } })
        let item = try #require(region.indicators.first { $0.status == .needsReview })
        try await store.recordDecision(
            ReviewerDecision(
                indicator: item.key, regionCode: region.regionCode, year: 2019, verdict: .met, evidence: "暗访记录", author: "office",
                decidedAt: "2020-05-01T00:00:00Z", indicatorID: item.indicatorID),
            planID: planID)

        let cli = try await printed()
        let board = Board(try await AnnualEvaluation.load(store: store, planID: planID, year: 2019), departments: try await store.departments())
        #expect(cli.year == board.year)
        #expect(cli.regions.map(\.regionCode) == board.regions.map(\.code))
        for (printedRegion, boardRegion) in zip(cli.regions, board.regions) {
            let t = printedRegion.summary.total
            #expect(Board.Counts(met: t.met, notMet: t.notMet, needsReview: t.needsReview, noData: t.noData) == boardRegion.counts)
        }
        for domain in board.domains {
            let met = cli.regions.map { $0.summary.byDomain.first { $0.name == domain.name }?.counts.met ?? 0 }.reduce(0, +)
            #expect(met == domain.counts.met, "\(domain.name)")
        }
        let decided = cli.regions.first { $0.regionCode == region.regionCode }?.summary.total
        #expect(decided?.needsReview == region.summary.total.needsReview - 1)
        #expect(decided?.met == region.summary.total.met + 1)
    }
}

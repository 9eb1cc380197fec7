import Foundation
import Testing

@testable import PlanCore

/// Every distinct target and baseline cell of the five seed plans, with the reading a person checked.
@Suite struct SeedTargetFixtureTests {
    struct Case: Decodable {
        var text: String
        var parsed: TargetExpression
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "seed-targets", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    }()

    @Test func everySeedCellParsesAsChecked() {
        #expect(Self.cases.count > 300)
        for item in Self.cases {
            #expect(TargetExpression.parse(item.text) == item.parsed, "\(item.text)")
        }
    }

    @Test func theFixtureCoversEveryKindTheSeedsUse() {
        let kinds = Set(Self.cases.map(\.parsed.kind))
        #expect(
            kinds == [
                "comparison", "range", "relativeChange", "trend", "externalReference", "qualitative", "compound",
                "none",
            ])
    }

    @Test func noSeedCellIsLeftUnparsed() {
        let unparsed = Self.cases.filter { $0.parsed.kind == "unparsed" }.map(\.text)
        #expect(unparsed.isEmpty, "\(unparsed)")
    }
}

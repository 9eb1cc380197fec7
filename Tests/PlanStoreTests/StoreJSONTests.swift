import Foundation
import PlanCore
import Testing

@testable import PlanStore

/// Observations are written out by hand for the audit log (`Observation.storeJSON`); the text must be what
/// `StoreJSON` (Foundation's encoder) gives, field for field and byte for byte, on any content.
@Suite struct StoreJSONTests {
    /// Text with every kind of character an encoder treats specially, and some it must leave alone.
    static func awkwardText(_ random: inout SplitMix64) -> String {
        let pieces: [String] = [
            "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "é", "中",
            "≥81.5", "😀", "\u{FEFF}", " ", "a", "0.45；21", "<script>",
        ]
        let count = Int.random(in: 0...8, using: &random)
        return (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test func observationsAreWrittenAsFoundationWritesThem() throws {
        var random = SplitMix64(seed: 20_261_130)
        for _ in 0..<2_000 {
            func maybe<T>(_ value: T) -> T? { Bool.random(using: &random) ? value : nil }
            let observation = Observation(
                id: maybe(Int64.random(in: 1...Int64.max, using: &random)),
                indicatorID: maybe(Int64.random(in: -5...9_999_999, using: &random)),
                indicator: Self.awkwardText(&random), regionCode: Self.awkwardText(&random),
                year: Int.random(in: 1900...2100, using: &random), valueText: Self.awkwardText(&random),
                unit: maybe(Self.awkwardText(&random)), evidence: maybe(Self.awkwardText(&random)),
                status: Observation.Status.allCases.randomElement(using: &random)!,
                comment: maybe(Self.awkwardText(&random)), version: Int.random(in: 1...1_000, using: &random),
                updatedBy: maybe(Self.awkwardText(&random)), updatedAt: maybe("2021-04-15T04:00:00.000Z"))
            let text = observation.storeJSON
            #expect(text == (try StoreJSON.encode(observation)))
            #expect(try StoreJSON.decode(Observation.self, from: text) == observation)
        }
    }
}

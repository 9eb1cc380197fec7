// Parse + evaluate throughput for every seed target text, repeated to one million expressions, beside a
// baseline in the same run: `Double(String)` over the same strings (most of which are not plain numbers).
//
//     swift run -c release TargetBenchmark [path/to/seed-targets.json]
import Foundation
import PlanCore

struct Case: Decodable { var text: String }

let path = CommandLine.arguments.dropFirst().first ?? "Tests/PlanCoreTests/Fixtures/seed-targets.json"
guard let data = FileManager.default.contents(atPath: path),
    let cases = try? JSONDecoder().decode([Case].self, from: data), !cases.isEmpty
else {
    FileHandle.standardError.write(Data("cannot read seed target texts from \(path)\n".utf8))
    exit(1)
}
let texts = cases.map(\.text)
let total = 1_000_000
let rounds = 5

/// Runs `body` over `total` texts, `rounds` times, and returns the best throughput in items per second.
func measure(_ body: (String) -> Int) -> (perSecond: Double, checksum: Int) {
    var best = Duration.seconds(1_000)
    var checksum = 0
    for _ in 0..<rounds {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for i in 0..<total { checksum &+= body(texts[i % texts.count]) }
        }
        best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    return (Double(total) / seconds, checksum)
}

let baseline = measure { text in Double(text) == nil ? 0 : 1 }
let parseAndEvaluate = measure { text in
    let target = TargetExpression.parse(text)
    let evaluation = Evaluation(
        target: target, direction: .higher, baseline: 10, baselineYear: 2015, actual: 12, previous: 11)
    return evaluation.status == .met ? 1 : 0
}

let parseOnly = measure { text in TargetExpression.parse(text).kind.count }
print("parse only:              \(format(parseOnly.perSecond))")
func format(_ perSecond: Double) -> String { String(format: "%.2f M/s", perSecond / 1e6) }
print("seed target texts:      \(texts.count) distinct, \(total) per round, best of \(rounds)")
print("baseline Double(String): \(format(baseline.perSecond))")
print("parse + evaluate:        \(format(parseAndEvaluate.perSecond))")
print(String(format: "ratio (hcm / baseline):  %.3f", parseAndEvaluate.perSecond / baseline.perSecond))
print("checksums: \(baseline.checksum) \(parseAndEvaluate.checksum)")

// Parse + evaluate throughput over the target and baseline cells of the five seed plans, as they occur
// (imported from Tests/PlanImportTests/Fixtures/seeds), repeated to one million expressions, beside a
// baseline in the same run: `Double(String)` over the same strings.
//
//     swift run -c release TargetBenchmark [SEEDS_DIR]
import Foundation
import PlanCore
import PlanImport

let directory = CommandLine.arguments.dropFirst().first ?? "Tests/PlanImportTests/Fixtures/seeds"
let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
var texts: [String] = []
for file in files {
    guard let plan = try? PlanImporter.importPlan(at: URL(fileURLWithPath: directory).appendingPathComponent(file)) else {
        continue
    }
    for indicator in plan.indicatorTables.flatMap(\.indicators) {
        texts += indicator.targets.map(\.text)
        if let baseline = indicator.baseline { texts.append(baseline.text) }
    }
}
guard !texts.isEmpty else {
    FileHandle.standardError.write(Data("no seed plans found in \(directory)\n".utf8))
    exit(1)
}
let distinct = Array(Set(texts)).sorted()
let total = 1_000_000
let rounds = 5

/// Runs `body` over `total` texts cycling through `list`, `rounds` times; the best throughput per second.
func measure(_ list: [String], _ body: (String) -> Int) -> (perSecond: Double, checksum: Int) {
    var best = Duration.seconds(1_000)
    var checksum = 0
    for _ in 0..<rounds {
        let elapsed = ContinuousClock().measure {
            for i in 0..<total { checksum &+= body(list[i % list.count]) }
        }
        best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    return (Double(total) / seconds, checksum)
}

func parseAndEvaluate(_ text: String) -> Int {
    let target = TargetExpression.parse(text)
    let evaluation = Evaluation(
        target: target, direction: .higher, baseline: 10, baselineYear: 2015, actual: 12, previous: 11)
    return evaluation.status == .met ? 1 : 0
}

func format(_ perSecond: Double) -> String { String(format: "%6.2f M/s", perSecond / 1e6) }

print("seed cells: \(texts.count) as they occur in \(files.count) plans (\(distinct.count) distinct); \(total) per round, best of \(rounds)")
for (label, list) in [("as they occur", texts), ("distinct only ", distinct)] {
    let baseline = measure(list) { Double($0) == nil ? 0 : 1 }
    let hcm = measure(list, parseAndEvaluate)
    print(
        "\(label): baseline Double(String) \(format(baseline.perSecond)) | parse + evaluate \(format(hcm.perSecond)) | ratio \(String(format: "%.3f", hcm.perSecond / baseline.perSecond))"
    )
}

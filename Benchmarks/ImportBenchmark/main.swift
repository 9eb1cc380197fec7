// Import throughput for the five seed plans (Word-exported text, and .docx where present) beside a baseline in
// the same run that only reads the same bytes and splits them into lines. With `--hostile`, instead: the time
// crafted workbooks at the readers' limits cost to read and interpret (HostileWorkbooks.swift).
//
//     swift run -c release ImportBenchmark [FIXTURES_DIR]
//     swift run -c release ImportBenchmark --hostile
import Foundation
import PlanCore
import PlanImport

if CommandLine.arguments.contains("--hostile") {
    try HostileWorkbooks.measure()
    exit(0)
}

let fixtures = CommandLine.arguments.dropFirst().first ?? "Tests/PlanImportTests/Fixtures"
let rounds = 50

func files(in folder: String, ending suffix: String) -> [URL] {
    let directory = URL(fileURLWithPath: fixtures).appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0) }
}

/// The best time of `rounds` runs of `body`, in seconds.
func best(_ body: () throws -> Void) rethrows -> Double {
    var best = Duration.seconds(1_000)
    for _ in 0..<rounds {
        let elapsed = try ContinuousClock().measure(body)
        best = min(best, elapsed)
    }
    return Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
}

print("best of \(rounds) runs per file; baseline = read the bytes and split them into lines")
for (kind, urls) in [("text", files(in: "seeds", ending: ".txt")), ("docx", files(in: "docx", ending: ".docx"))] {
    for url in urls {
        let data = try Data(contentsOf: url)
        let megabytes = Double(data.count) / 1_048_576
        let baseline = best {
            let bytes = try! Data(contentsOf: url)
            _ = bytes.split(separator: UInt8(ascii: "\n")).count
        }
        let hcm: Double
        do {
            hcm = try best { _ = try PlanImporter.importPlan(at: url) }
        } catch {
            print("\(kind) \(url.lastPathComponent)  cannot import: \(error)")
            continue
        }
        print(
            String(
                format: "%@ %@  %7.1f KiB  import %7.2f ms %7.1f MB/s | baseline %6.3f ms %8.1f MB/s | ratio %.4f",
                kind, url.lastPathComponent, Double(data.count) / 1024, hcm * 1000, megabytes / hcm, baseline * 1000,
                megabytes / baseline, baseline / hcm))
    }
}

import Foundation
import PlanCore
import PlanImport
import Testing

/// Every seed fact on the seeds as LibreOffice saves them — a web page (.html), OpenDocument (.odt) and PDF
/// (read through poppler's pdftotext) — converted from the .docx fixtures by `.ci/run` into the directory
/// `HCM_TEST_CONVERTED_SEEDS` names. Without it the tests are skipped, and say so.
@Suite struct ConvertedSeedTests {
    static let directory = ProcessInfo.processInfo.environment["HCM_TEST_CONVERTED_SEEDS"]

    static let cases: [String] = ["html", "odt", "pdf"].flatMap { format in
        SeedAcceptanceTests.seeds.map { ($0 as NSString).deletingPathExtension + "." + format }
    }

    @Test(.enabled(if: directory != nil, "HCM_TEST_CONVERTED_SEEDS is not set: .ci/run converts the seeds with LibreOffice"),
        arguments: cases)
    func convertedSeedReproducesTheFacts(file: String) throws {
        let url = URL(fileURLWithPath: Self.directory!).appendingPathComponent(file)
        let plan = try PlanImporter.importPlan(at: url)
        let seed = (file as NSString).deletingPathExtension + ".txt"
        let misses = GoldFacts.all[seed]!.misses(in: plan)
        #expect(misses.isEmpty, "\(file): \(misses)")
    }
}

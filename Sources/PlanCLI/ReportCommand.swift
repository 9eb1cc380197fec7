import ArgumentParser
import Foundation
import PlanApp
import PlanReports
import PlanWeb

/// `hcm report --plan ID --year Y --format docx|html|xlsx|csv|scorecards -o FILE`: the annual monitoring and
/// evaluation report (or the departments' scorecards), from the same evaluation `hcm evaluate` prints.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the annual evaluation report (DOCX, HTML, XLSX or CSV).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case docx, html, xlsx, csv, scorecards
    }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var selection: EvaluationSelection

    @Option(help: "docx, html, xlsx, csv, or scorecards (a .docx with each lead department's scorecard on its own page).")
    var format: Format

    @Option(name: [.short, .customLong("output")], help: "The file to write.")
    var output: String

    func run() async throws {
        let report = try await selection.load(database).report
        let data = try report.file(format.rawValue)
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        say("已写入 \(output)（\(data.count) 字节）")
    }
}

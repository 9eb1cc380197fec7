import ArgumentParser
import Foundation
import PlanCore
import PlanImport

/// `hcm import FILE`: read a plan document and show what hcm understood of it.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a plan document (.txt exported from Word, .docx, .xlsx, .csv) and print the plan.",
        discussion: "Without --json: a summary with every warning. With --json: the Plan JSON of DESIGN.md."
    )

    @Argument(help: "The plan document.", completion: .file())
    var file: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let plan: Plan
        do {
            plan = try PlanImporter.importPlan(at: URL(fileURLWithPath: file))
        } catch let error as ImportError {
            throw ValidationError(error.description)
        }
        try output.write(ImportSummary(plan: plan))
    }
}

import ArgumentParser
import PlanCore

/// `hcm target …`: work with one target expression.
struct TargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Read and evaluate target expressions.",
        subcommands: [TargetExplain.self]
    )
}

extension Direction: ExpressibleByArgument {}

/// `hcm target explain TEXT`: how hcm reads a target, and, given an actual value, whether it is met.
struct TargetExplain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a target text is read and, with --actual, evaluate it.",
        discussion: """
            Example: hcm target explain "比2015年下降10%" --baseline 13.7 --baseline-year 2015 --actual 12.2
            """
    )

    @Argument(help: "The target as the plan writes it, e.g. \"≥76\", \"比2015年下降10%\", \"40左右\".")
    var text: String

    @Option(help: "Which way is better: higher or lower. Inferred from the text and baseline when omitted.")
    var direction: Direction?

    @Option(help: "The baseline value.")
    var baseline: Double?

    @Option(help: "The baseline's year.")
    var baselineYear: Int?

    @Option(help: "The actual value to evaluate.")
    var actual: Double?

    @Option(help: "Last year's actual value, for trends and changes on the previous year.")
    var previous: Double?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        for (name, value) in [("--baseline", baseline), ("--actual", actual), ("--previous", previous)] {
            if let value, !value.isFinite {
                throw ValidationError("\(name) must be a finite number, not \(value).")
            }
        }
        if let baselineYear, !(1900...2100).contains(baselineYear) {
            throw ValidationError("--baseline-year must be a year between 1900 and 2100, not \(baselineYear).")
        }
    }

    func run() async throws {
        try output.write(explanation())
    }

    func explanation() -> TargetExplanation {
        TargetExplanation(
            text: text, direction: direction, baseline: baseline, baselineYear: baselineYear, actual: actual,
            previous: previous)
    }
}

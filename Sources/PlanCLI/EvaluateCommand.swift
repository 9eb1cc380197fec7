import ArgumentParser
import Foundation
import PlanApp
import PlanCore
import PlanReports
import PlanWeb

/// `hcm evaluate --plan ID --year Y [--region R] [--scheme FILE] [--json]`: every indicator judged, the
/// trend and projection, and the scores and rankings, from the approved values in the database.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Evaluate and score a plan for a year from the approved values.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var selection: EvaluationSelection
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let evaluation = try await selection.load(database)
        try output.write(EvaluationText(evaluation: evaluation))
    }
}

/// Which plan, year and region to evaluate, and under which scoring scheme; shared by evaluate and report.
struct EvaluationSelection: ParsableArguments {
    @Option(help: "The plan's id (see hcm plans list).")
    var plan: Int64

    @Option(help: "The year to evaluate.")
    var year: Int

    @Option(help: "Only this region (its code); default: every region with approved values.")
    var region: String?

    @Option(help: "A scoring scheme as JSON (default: the plan's latest stored scheme, else equal weights, proportional marks, deductions for late and returned values).")
    var scheme: String?

    func load(_ database: DatabaseOptions) async throws -> AnnualEvaluation {
        let scheme = try self.scheme.map { path in
            do {
                return try JSONDecoder().decode(ScoringScheme.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw ValidationError("评分方案 \(path) 无法读取：\(error.localizedDescription)")
            }
        }
        return try await database.withStore { store in
            try await AnnualEvaluation.load(store: store, planID: plan, year: year, region: region, scheme: scheme)
        }
    }
}

/// The evaluation for people: the report's summary, counts by region and the rankings.
struct EvaluationText: Encodable, TextRepresentable {
    var evaluation: AnnualEvaluation

    func encode(to encoder: any Encoder) throws { try evaluation.encode(to: encoder) }

    var textLines: [String] {
        let report = evaluation.report
        var lines = [report.title, ""] + report.summaryParagraphs + ["", "地区：达标 / 未达标 / 待判定 / 无数据 / 预警"]
        for region in evaluation.regions {
            let t = region.summary.total
            lines.append("  \(report.regionNames[region.regionCode] ?? region.regionCode)（\(region.regionCode)）："
                + "\(t.met) / \(t.notMet) / \(t.needsReview) / \(t.noData) / \(t.atRisk)")
        }
        lines.append("")
        lines.append("地区得分（评分方案第 \(evaluation.assessment.schemeVersion) 版）：")
        for card in evaluation.assessment.regions {
            lines.append(String(format: "  %d. %@ %.2f", card.rank, report.regionNames[card.name] ?? card.name, card.score))
        }
        lines.append("牵头部门得分：")
        for card in evaluation.assessment.departments {
            lines.append(String(format: "  %d. %@ %.2f", card.rank, card.name, card.score))
        }
        return lines
    }
}

import ArgumentParser
import Foundation
import PlanApp
import PlanCore
import PlanImport
import PlanStore

/// `hcm plans …`: the plans in the database.
struct PlansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans", abstract: "List and add plans.", subcommands: [PlansList.self, PlansAdd.self])
}

/// `hcm plans list [--json]`: id, title, region, period, status.
struct PlansList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the plans.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try output.write(PlanList(plans: try await database.withStore { try await $0.planSummaries() }))
    }
}

/// `hcm plans add FILE`: import a plan document and keep it, with the document, as a draft.
struct PlansAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Import a plan document into the database as a draft.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The plan document.", completion: .file())
    var file: String

    @Flag(help: "Publish the plan right away.")
    var publish = false

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let plan: Plan
        do {
            plan = try PlanImporter.importPlan(at: url)
        } catch let error as ImportError {
            throw ValidationError(error.description)
        }
        let source = SourceDocument(name: url.lastPathComponent, data: try Data(contentsOf: url))
        let now = ISO8601DateFormatter().string(from: Date())
        let id = try await database.withStore { store in
            let id = try await store.createPlan(plan, source: source, actor: "cli", at: now)
            // From the command line the proposed departments are created (PublishPlan), as the office would confirm them.
            if publish { try await PublishPlan(store: store)(planID: id, by: User(username: "cli", displayName: "命令行", role: .admin), now: now) }
            return id
        }
        print("已导入规划 #\(id)：\(plan.title.isEmpty ? url.lastPathComponent : plan.title)（\(publish ? "已发布" : "草稿")，警告 \(plan.warnings.count) 条）")
    }
}

struct PlanList: Encodable, TextRepresentable {
    var plans: [PlanSummary]

    func encode(to encoder: any Encoder) throws { try plans.encode(to: encoder) }

    var textLines: [String] {
        if plans.isEmpty { return ["（没有规划）"] }
        let statuses: [PlanStatus: String] = [.draft: "草稿", .published: "已发布", .archived: "已归档"]
        return plans.map { plan in
            "#\(plan.id)  \(plan.title)  \(plan.region ?? "—")  \(plan.period.map { "\($0.start)–\($0.end)" } ?? "—")  \(statuses[plan.status]!)"
        }
    }
}

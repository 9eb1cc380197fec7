import ArgumentParser
import Foundation
import PlanApp
import PlanCore
import PlanDelivery
import PlanStore

/// `hcm reminders run`: one 督办 round as of a time, then delivery of what the outbox holds.
struct RemindersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Reminders and escalations (督办).", subcommands: [RemindersRun.self])
}

struct RemindersRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one reminder round: send what is due and was not sent before, one message per person.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The round's time, ISO 8601 with an offset (2021-05-07T09:00:00+08:00). Default: now.")
    var at: String?

    @Flag(help: "Show what would be sent; write and send nothing.")
    var dryRun = false

    @OptionGroup var delivery: DeliveryOptions

    func validate() throws {
        _ = try time()
    }

    /// `--at` as a date; a time without an offset is refused, since the quiet hours depend on it.
    func time() throws -> Date {
        guard let at else { return Date() }
        for style in [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)] {
            if let date = try? style.parse(at) { return date }
        }
        throw ValidationError("--at 须为带时区的 ISO 8601 时间，例如 2021-05-07T09:00:00+08:00，而不是“\(at)”")
    }

    func run() async throws {
        let channels = try delivery.channels()
        let date = try time()
        try await database.withStore { store in
            let report = try await ReminderRound(store: store, channels: channels).run(at: date, dryRun: dryRun)
            var delivered = OutboxSender.Outcome()
            if !dryRun {
                delivered = try await OutboxSender(store: store, transports: channels.transports).deliverAll(now: date)
            }
            try output.write(RoundSummary(report, delivered: delivered, dryRun: dryRun))
        }
    }
}

/// What `hcm reminders run` prints.
struct RoundSummary: Encodable, TextRepresentable {
    struct Message: Encodable {
        var recipient: String
        var email: String?
        var subject: String
        var keys: [String]
    }

    var at: String
    var dryRun: Bool
    var quiet: Bool
    var reminders: Int
    var escalations: [String]
    var messages: [Message]
    var outbox: Int
    var sent: Int
    var retried: Int
    var failed: Int

    init(_ report: ReminderRound.Report, delivered: OutboxSender.Outcome, dryRun: Bool) {
        at = report.at
        self.dryRun = dryRun
        quiet = report.quiet
        reminders = report.reminders.count
        escalations = report.escalations.map { "\($0.level.name) \($0.obligation.department.name)（\($0.obligation.region)）\($0.number ?? "")" }
        messages = report.notices.map { Message(recipient: $0.recipient, email: $0.email, subject: $0.subject, keys: $0.keys) }
        outbox = report.outbox.count
        sent = delivered.sent
        retried = delivered.retried
        failed = delivered.failed
    }

    var textLines: [String] {
        var lines = ["督办轮次 \(at)\(dryRun ? "（试运行，不写入、不发送）" : "")"]
        if quiet {
            lines.append("免打扰时段（22:00–07:00），本轮不发送；\(reminders) 条提醒、\(escalations.count) 项督办留待下一轮。")
            return lines
        }
        lines.append("提醒 \(reminders) 条，督办 \(escalations.count) 项，\(messages.count) 人收到消息，待发邮件/群消息 \(outbox) 条")
        for escalation in escalations { lines.append("  \(escalation)") }
        for message in messages {
            lines.append("  → \(message.recipient)\(message.email.map { " <\($0)>" } ?? "")：\(message.subject)（\(message.keys.count) 条）")
        }
        if !dryRun { lines.append("已发送 \(sent) 条，稍后重试 \(retried) 条，失败 \(failed) 条") }
        return lines
    }
}

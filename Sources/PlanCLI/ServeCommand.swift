import ArgumentParser
import Foundation
import Hummingbird
import PlanApp
import PlanDelivery
import PlanStore
import PlanWeb

/// `hcm serve`: run the application.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the hcm server.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Flag(help: "Send the page session cookie over HTTPS only (when hcm is served behind TLS).")
    var secureCookies = false

    @Option(help: "Behind a reverse proxy: the header naming the client's address (X-Forwarded-For: its last entry; X-Real-IP), which sign-in limits count by. Set it only behind such a proxy.")
    var clientAddressHeader: String?

    @OptionGroup var delivery: DeliveryOptions

    @Option(help: "Minutes between reminder rounds (0: none).")
    var reminderInterval = 15

    @Flag(help: "Fill a database without plans with the Wenzhou plan, its regions, users and synthetic data (a database with plans is used as it is).")
    var demo = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port 必须在 1–65535 之间") }
        guard (0...1440).contains(reminderInterval) else { throw ValidationError("--reminder-interval 必须在 0–1440 分钟之间") }
    }

    func run() async throws {
        try await database.withStore { store in try await serve(store) }
    }

    private func serve(_ store: any PlanRepository & SessionRepository) async throws {
        let channels = try delivery.channels()
        if demo {
            if let users = try await DemoData(store: store, now: Date()).seedOnce() {
                say("演示数据已创建（\(database.location())）。演示账号（密码只显示这一次）：")
                for user in users { say("  \(user.username)（\(user.role.rawValue)）：\(user.password)") }
            } else {
                say("沿用已有的演示数据库（\(database.location())）；账号密码见首次创建时的输出。")
            }
        }
        say("hcm 正在 http://\(host):\(port) 上运行")
        let deadline = ShutdownDeadline.arm()
        defer { deadline.forEach { $0.cancel() } }
        // The reminder rounds and the outbox run beside the server, and stop with it.
        let reminders = reminderInterval == 0 ? nil : Task {
            await ReminderService(
                round: ReminderRound(store: store, channels: channels),
                sender: OutboxSender(store: store, transports: channels.transports),
                roundInterval: .seconds(reminderInterval * 60), log: { say($0) }
            ).run()
        }
        defer { reminders?.cancel() }
        var config = AppConfig(host: host, port: port, store: store, secureCookies: secureCookies)
        config.clientAddressHeader = clientAddressHeader
        try await buildApplication(config).runService()
    }
}

/// Writes a line straight to standard output: `print` buffers when the output is a pipe or a log file, and a
/// server's first lines (the demo credentials) must show before it stops.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

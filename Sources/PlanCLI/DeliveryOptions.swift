import ArgumentParser
import PlanApp

/// Where reminders go, shared by `hcm serve` and `hcm reminders run`: the flags, else the environment.
struct DeliveryOptions: ParsableArguments {
    @Option(help: "The SMTP server for reminders, e.g. smtp://host:25 or smtps://user:pass@host:465. Default: $HCM_SMTP_URL.")
    var smtp: String?

    @Option(help: "The office's 企业微信/钉钉 group-bot URL. Default: $HCM_WEBHOOK_URL.")
    var webhook: String?

    func validate() throws {
        if let smtp { _ = try SMTPEndpoint(smtp) }
    }

    /// The channels the environment names, with the flags in their place where given.
    func channels() throws -> DeliveryChannels {
        do {
            var channels = try DeliveryChannels.fromEnvironment()
            if let smtp { channels.smtp = try SMTPEndpoint(smtp) }
            if let webhook { channels.webhook = try DeliveryChannels.webhook(webhook) }
            return channels
        } catch let error as DeliveryError {
            throw ValidationError(error.description)
        }
    }
}

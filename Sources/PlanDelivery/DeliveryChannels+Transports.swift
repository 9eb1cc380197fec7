import PlanApp
import PlanStore

extension DeliveryChannels {
    /// A transport for each channel that is set.
    public var transports: [OutboxMessage.Channel: any MessageTransport] {
        var transports: [OutboxMessage.Channel: any MessageTransport] = [:]
        if let smtp { transports[.email] = SMTPTransport(endpoint: smtp, sender: sender) }
        if let webhook { transports[.webhook] = WebhookTransport(url: webhook) }
        return transports
    }
}

import Foundation
import PlanCore

/// Where messages go besides the inbox: an SMTP server (`HCM_SMTP_URL`, `--smtp`) and the office's group-bot
/// webhook (`HCM_WEBHOOK_URL`). A round writes e-mail and webhook messages only for the channels set.
public struct DeliveryChannels: Sendable, Equatable {
    public var smtp: SMTPEndpoint?
    /// A 企业微信 (qyapi.weixin.qq.com) or 钉钉 (oapi.dingtalk.com) group-bot URL, or any receiver of the same JSON.
    public var webhook: URL?
    /// The mails' From address.
    public var sender: String

    public init(smtp: SMTPEndpoint? = nil, webhook: URL? = nil, sender: String = "hcm@localhost") {
        self.smtp = smtp
        self.webhook = webhook
        self.sender = sender
    }

    /// The channels the environment names (HCM_SMTP_URL, HCM_WEBHOOK_URL, HCM_MAIL_FROM); a malformed one is an
    /// error naming the variable.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> DeliveryChannels
    {
        var channels = DeliveryChannels()
        if let text = environment["HCM_SMTP_URL"], !text.isEmpty { channels.smtp = try SMTPEndpoint(text, setting: "HCM_SMTP_URL") }
        if let text = environment["HCM_WEBHOOK_URL"], !text.isEmpty { channels.webhook = try webhook(text, setting: "HCM_WEBHOOK_URL") }
        if let from = environment["HCM_MAIL_FROM"], !from.isEmpty { channels.sender = from }
        return channels
    }

    /// A group-bot URL: http(s) with a host; anything else is an error naming `setting`.
    public static func webhook(_ text: String, setting: String = "--webhook") throws -> URL {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw DeliveryError.setting("\(setting) 不是有效的 http(s) 地址：\(text)")
        }
        return url
    }
}

/// An SMTP server as a URL: smtp://host:25 (STARTTLS when the server offers it), smtps://user:pass@host:465
/// (TLS from the start).
public struct SMTPEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var implicitTLS: Bool
    public var username: String?
    public var password: String?

    public init(_ text: String, setting: String = "--smtp") throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw DeliveryError.setting("\(setting) 须形如 smtp://主机:25 或 smtps://用户:密码@主机:465，而不是“\(text)”") }
        self.host = host
        implicitTLS = scheme == "smtps"
        port = url.port ?? (implicitTLS ? 465 : 25)
        username = url.user?.removingPercentEncoding
        password = url.password?.removingPercentEncoding
    }
}

public enum DeliveryError: Error, Equatable, CustomStringConvertible {
    /// A setting that cannot be used.
    case setting(String)
    /// Worth trying again later (a connection refused, a 4xx reply).
    case temporary(String)
    /// Trying again will not help (a 5xx reply: no such mailbox).
    case permanent(String)

    public var description: String {
        switch self {
        case .setting(let text), .temporary(let text), .permanent(let text): text
        }
    }
}

/// Times as the store keeps them, and days in China.
enum Timestamps {
    /// UTC with milliseconds (2021-05-07T01:00:00.000Z), the form every stored time has, so they compare as text.
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension ChinaTime {
    init(_ date: Date) {
        self.init(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}

import Foundation
import PlanStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Posts a message to a 企业微信 or 钉钉 group bot as Markdown. Both take `{"msgtype": "markdown", …}`: 企业微信
/// `markdown.content`, 钉钉 `markdown.title` and `markdown.text`; the body carries both, each ignores what it
/// does not know. A reply with a non-zero `errcode` (e.g. 45009, over the limit) is tried again later.
public struct WebhookTransport: MessageTransport {
    public let url: URL
    public var timeout: TimeInterval = 10

    public init(url: URL) {
        self.url = url
    }

    public static func payload(_ message: OutboxMessage) -> Data {
        let body: [String: Any] = [
            "msgtype": "markdown",
            "markdown": ["content": message.body, "title": message.subject, "text": message.body],
        ]
        return (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
    }

    public func deliver(_ message: OutboxMessage) async throws {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = Self.payload(message)
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw DeliveryError.temporary("群机器人不可达：\(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            let text = "群机器人返回 HTTP \(status)"
            throw (400..<500).contains(status) && status != 429 ? DeliveryError.permanent(text) : DeliveryError.temporary(text)
        }
        if let reply = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let code = reply["errcode"] as? Int, code != 0 {
            throw DeliveryError.temporary("群机器人拒收：errcode \(code) \(reply["errmsg"] as? String ?? "")")
        }
    }
}

import Foundation
import PlanApp
import PlanDelivery
import PlanStore
import Testing

/// The group-bot webhook against a local HTTP receiver.
@Suite struct WebhookTransportTests {
    static let python = Receiver.python ?? "/usr/bin/python3"

    static let message = OutboxMessage(
        id: 3, channel: .webhook, recipient: "@office", address: "office", subject: "督办通报",
        body: "### 督办通报\n- 填报提醒：市体育局（330302）尚有 22 项未报，截止 2021-05-10", nextAttemptAt: "t", createdAt: "t")

    @Test func markdownThat企业微信And钉钉Read() async throws {
        let receiver = try Receiver(python: Self.python, ["webhook"])
        try await WebhookTransport(url: URL(string: "http://127.0.0.1:\(receiver.port)/cgi-bin/webhook/send?key=k")!).deliver(Self.message)
        let posts = try await receiver.received("json", count: 1)
        let json = try JSONSerialization.jsonObject(with: Data(posts[0].utf8)) as? [String: Any]
        #expect(json?["msgtype"] as? String == "markdown")
        let markdown = json?["markdown"] as? [String: String]
        #expect(markdown?["content"] == Self.message.body)  // 企业微信
        #expect(markdown?["text"] == Self.message.body)  // 钉钉
        #expect(markdown?["title"] == "督办通报")
    }

    @Test func refusalsAndLimits() async throws {
        let limited = try Receiver(python: Self.python, ["webhook", "--errcode", "45009"])
        await #expect(throws: DeliveryError.temporary("群机器人拒收：errcode 45009 ok")) {
            try await WebhookTransport(url: URL(string: "http://127.0.0.1:\(limited.port)/")!).deliver(Self.message)
        }
        let missing = try Receiver(python: Self.python, ["webhook", "--status", "404"])
        await #expect(throws: DeliveryError.permanent("群机器人返回 HTTP 404")) {
            try await WebhookTransport(url: URL(string: "http://127.0.0.1:\(missing.port)/")!).deliver(Self.message)
        }
        let failing = try Receiver(python: Self.python, ["webhook", "--status", "503"])
        await #expect(throws: DeliveryError.temporary("群机器人返回 HTTP 503")) {
            try await WebhookTransport(url: URL(string: "http://127.0.0.1:\(failing.port)/")!).deliver(Self.message)
        }
    }
}

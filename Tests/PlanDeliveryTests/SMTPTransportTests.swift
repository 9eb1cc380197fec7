import Foundation
import NIOSSL
import PlanApp
import PlanCore
import PlanDelivery
import PlanStore
import Testing

/// The SMTP client against a real SMTP server (aiosmtpd), plain, with STARTTLS and over TLS.
@Suite(.enabled(if: Receiver.python != nil, "HCM_TEST_PYTHON is not set (.ci/run sets it, with aiosmtpd): SMTP tests skipped"))
struct SMTPTransportTests {
    static func message(to address: String, id: Int64 = 7) -> OutboxMessage {
        OutboxMessage(
            id: id, channel: .email, recipient: "wsj", address: address, subject: "【督办】填报提醒",
            body: "### 填报提醒\n距填报截止（2021-05-10）还有 7 天。\n- 指标：1.1 人均预期寿命\n.\n. 以点开头的一行",
            nextAttemptAt: "2021-05-07T02:00:00.000Z", createdAt: "2021-05-07T02:00:00.000Z")
    }

    @Test func aMailArrivesAsWritten() async throws {
        let server = try Receiver(python: Receiver.python!, ["smtp"])
        let transport = SMTPTransport(endpoint: try SMTPEndpoint("smtp://127.0.0.1:\(server.port)"), sender: "hcm@hcm.example")
        try await transport.deliver(Self.message(to: "wsj@hcm.example"))
        let mails = try await server.received("eml", count: 1).map(ReceivedMail.init)
        #expect(mails.count == 1)
        #expect(mails[0].headers["X-Envelope-From"] == "hcm@hcm.example")
        #expect(mails[0].headers["X-Envelope-To"] == "wsj@hcm.example")
        #expect(mails[0].headers["X-TLS"] == "False")
        #expect(mails[0].headers["Message-ID"] == "<outbox-7-20210507020000000@hcm>")
        #expect(mails[0].subject == "【督办】填报提醒")
        #expect(mails[0].body == Self.message(to: "").body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func refusalsAreFinalAndBusyRepliesTemporary() async throws {
        let server = try Receiver(python: Receiver.python!, ["smtp"])
        let transport = SMTPTransport(endpoint: try SMTPEndpoint("smtp://127.0.0.1:\(server.port)"), sender: "hcm@hcm.example")
        await #expect(throws: DeliveryError.permanent("邮件服务器拒绝：550 5.1.1 no such user")) {
            try await transport.deliver(Self.message(to: "refuse@hcm.example"))
        }
        await #expect(throws: DeliveryError.temporary("邮件服务器拒绝：451 4.3.0 try again later")) {
            try await transport.deliver(Self.message(to: "busy@hcm.example"))
        }
        #expect(try await server.received("eml", count: 0).isEmpty)
    }

    @Test(arguments: [false, true]) func tlsWhenOfferedOrFromTheStart(smtps: Bool) async throws {
        let server = try Receiver(python: Receiver.python!, ["smtp", smtps ? "--smtps" : "--starttls"])
        var transport = SMTPTransport(
            endpoint: try SMTPEndpoint("\(smtps ? "smtps" : "smtp")://127.0.0.1:\(server.port)"), sender: "hcm@hcm.example")
        transport.tlsConfiguration.trustRoots = .file(server.certificate)
        try await transport.deliver(Self.message(to: "wsj@hcm.example"))
        let mails = try await server.received("eml", count: 1).map(ReceivedMail.init)
        #expect(mails.first?.headers["X-TLS"] == "True")
        #expect(mails.first?.subject == "【督办】填报提醒")
        // A certificate nobody vouched for is refused.
        let untrusting = SMTPTransport(
            endpoint: try SMTPEndpoint("\(smtps ? "smtps" : "smtp")://127.0.0.1:\(server.port)"), sender: "hcm@hcm.example")
        await #expect(throws: DeliveryError.self) { try await untrusting.deliver(Self.message(to: "wsj@hcm.example")) }
    }
}

/// What needs no mail server: the URLs of the settings, and a server that is not there.
@Suite struct SMTPSettingsTests {
    @Test func aServerThatIsNotThereIsTriedAgainLater() async throws {
        let transport = SMTPTransport(endpoint: try SMTPEndpoint("smtp://127.0.0.1:9"), sender: "hcm@hcm.example")
        do {
            try await transport.deliver(SMTPTransportTests.message(to: "wsj@hcm.example"))
            Issue.record("delivered to a closed port")
        } catch let error as DeliveryError {
            guard case .temporary(let text) = error else { Issue.record("not temporary: \(error)"); return }
            #expect(text.hasPrefix("连接邮件服务器 127.0.0.1:9 失败"))
        }
    }

    @Test func smtpURLsAreCheckedAndNamed() throws {
        let plain = try SMTPEndpoint("smtp://mail.example.cn")
        #expect(plain.port == 25)
        #expect(!plain.implicitTLS)
        let secure = try SMTPEndpoint("smtps://hcm%40office:p%3Ass@mail.example.cn:465")
        #expect(secure.implicitTLS)
        #expect(secure.username == "hcm@office")
        #expect(secure.password == "p:ss")
        #expect(throws: DeliveryError.setting("HCM_SMTP_URL 须形如 smtp://主机:25 或 smtps://用户:密码@主机:465，而不是“http://x”")) {
            try SMTPEndpoint("http://x", setting: "HCM_SMTP_URL")
        }
        #expect(throws: DeliveryError.setting("HCM_WEBHOOK_URL 不是有效的 http(s) 地址：ftp://x")) {
            try DeliveryChannels.fromEnvironment(["HCM_WEBHOOK_URL": "ftp://x"])
        }
    }
}

import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PlanApp
import PlanStore

/// Mails an outbox message through an SMTP server: EHLO, STARTTLS when the server offers it (smtp://), TLS
/// from the start (smtps://), AUTH PLAIN when the URL has a user, then MAIL FROM, RCPT TO and DATA. The text is
/// UTF-8 in base64 (no line of it can start with a dot), the subject RFC 2047-encoded, and the Message-ID names
/// the outbox message, so a receiver can tell a repeat. A 4xx reply is tried again later, a 5xx is final.
public struct SMTPTransport: MessageTransport {
    public let endpoint: SMTPEndpoint
    public let sender: String
    /// The whole conversation must end within this.
    public var timeout: TimeAmount = .seconds(60)
    public var tlsConfiguration: TLSConfiguration = .makeClientConfiguration()

    public init(endpoint: SMTPEndpoint, sender: String) {
        self.endpoint = endpoint
        self.sender = sender
    }

    public func deliver(_ message: OutboxMessage) async throws {
        let (replies, continuation) = AsyncThrowingStream<SMTPReply, any Error>.makeStream()
        let handler = SMTPReplyHandler(continuation)
        let tls = try NIOSSLContext(configuration: tlsConfiguration)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .channelInitializer { [endpoint] channel in
                    channel.eventLoop.makeCompletedFuture {
                        if endpoint.implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tls, serverHostname: endpoint.serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            throw DeliveryError.temporary("连接邮件服务器 \(endpoint.host):\(endpoint.port) 失败：\(error)")
        }
        // A server that stops answering is cut off: the replies end and the attempt fails (to be tried again).
        let deadline = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        var conversation = SMTPConversation(channel: channel, replies: replies.makeAsyncIterator())
        try await conversation.expect(220)
        let features = try await conversation.send("EHLO hcm", expect: 250)
        if !endpoint.implicitTLS, features.lines.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
            try await conversation.send("STARTTLS", expect: 220)
            // Made and added on the channel's own event loop: a TLS handler must not cross threads.
            try await channel.eventLoop.submit { [endpoint] in
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: endpoint.serverName), position: .first)
            }.get()
            try await conversation.send("EHLO hcm", expect: 250)
        }
        if let user = endpoint.username {
            let token = Data("\0\(user)\0\(endpoint.password ?? "")".utf8).base64EncodedString()
            try await conversation.send("AUTH PLAIN \(token)", expect: 235)
        }
        try await conversation.send("MAIL FROM:<\(sender)>", expect: 250)
        try await conversation.send("RCPT TO:<\(message.address)>", expect: 250, 251)
        try await conversation.send("DATA", expect: 354)
        try await conversation.send(Self.content(message, from: sender) + "\r\n.", expect: 250)
        _ = try? await conversation.send("QUIT", expect: 221)
    }

    /// The message as sent after DATA: headers, a blank line, the body in base64 lines of 76.
    public static func content(_ message: OutboxMessage, from sender: String, date: Date = Date()) -> String {
        let body = Data(message.body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString()
        var lines = [
            "From: hcm <\(sender)>",
            "To: <\(message.address)>",
            "Subject: =?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?=",
            "Date: \(rfc5322(date))",
            "Message-ID: <outbox-\(message.id.map(String.init) ?? "0")-\(message.createdAt.filter(\.isNumber))@hcm>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        var index = body.startIndex
        while index < body.endIndex {
            let end = body.index(index, offsetBy: 76, limitedBy: body.endIndex) ?? body.endIndex
            lines.append(String(body[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n")
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// One reply of the server: its code and every line's text.
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]
}

/// Commands out, replies in, each reply checked against the codes the step expects.
struct SMTPConversation {
    let channel: any Channel
    var replies: AsyncThrowingStream<SMTPReply, any Error>.AsyncIterator

    @discardableResult
    mutating func expect(_ codes: Int...) async throws -> SMTPReply { try await expect(codes) }

    mutating func expect(_ codes: [Int]) async throws -> SMTPReply {
        let reply: SMTPReply?
        do {
            reply = try await replies.next()
        } catch {
            throw DeliveryError.temporary("邮件服务器连接中断：\(error)")
        }
        guard let reply else { throw DeliveryError.temporary("邮件服务器未应答或已断开") }
        guard codes.contains(reply.code) else {
            let text = "邮件服务器拒绝：\(reply.code) \(reply.lines.joined(separator: " "))"
            throw reply.code >= 500 ? DeliveryError.permanent(text) : DeliveryError.temporary(text)
        }
        return reply
    }

    @discardableResult
    mutating func send(_ command: String, expect codes: Int...) async throws -> SMTPReply {
        var buffer = channel.allocator.buffer(capacity: command.utf8.count + 2)
        buffer.writeString(command + "\r\n")
        do {
            try await channel.writeAndFlush(buffer)
        } catch {
            throw DeliveryError.temporary("向邮件服务器发送失败：\(error)")
        }
        return try await expect(codes)
    }
}

/// Splits the server's bytes into replies ("250-…" lines up to the "250 …" one). A reply longer than 64 KiB is
/// a broken server: the connection is closed rather than the buffer grown.
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    // Touched on the channel's event loop only.
    private let continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation
    private var pending: [UInt8] = []
    private var lines: [String] = []

    init(_ continuation: AsyncThrowingStream<SMTPReply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard pending.count <= 65_536 else {
            continuation.finish(throwing: DeliveryError.temporary("邮件服务器应答过长"))
            context.close(promise: nil)
            return
        }
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            pending.removeSubrange(...end)
            let text = String(decoding: line, as: UTF8.self)
            lines.append(text.count > 4 ? String(text.dropFirst(4)) : "")
            let bytes = Array(line)
            // "250-…" continues the reply; "250 …" or "250" ends it.
            if bytes.count >= 3, bytes.count == 3 || bytes[3] != UInt8(ascii: "-") {
                continuation.yield(SMTPReply(code: Int(String(decoding: bytes[0..<3], as: UTF8.self)) ?? 0, lines: lines))
                lines = []
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}

extension SMTPEndpoint {
    /// The name for TLS's SNI and certificate check; nil for an IP address, which SNI cannot carry (the
    /// certificate is then checked against the address connected to).
    var serverName: String? {
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }
}

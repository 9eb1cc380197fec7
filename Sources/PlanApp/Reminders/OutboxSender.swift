import Foundation
import PlanCore
import PlanStore

/// Delivers what the outbox holds: claims due messages under a lease (so two instances never take the same
/// one), hands each to its channel's transport, and records the outcome — sent, tried again later with
/// backoff (1, 2, 4 … minutes, at most an hour), or failed for good after `maximumAttempts` or a permanent
/// refusal. Nothing is e-mailed or posted in quiet hours. A sender killed mid-delivery leaves its claims to
/// lapse: the messages are taken up again when the lease ends.
public struct OutboxSender: Sendable {
    public let store: any ReminderRepository
    public let policy: ReminderPolicy
    public let transports: [OutboxMessage.Channel: any MessageTransport]
    /// Names this sender's claims.
    public let worker: String
    public var lease: TimeInterval = 300
    public var maximumAttempts = 8
    public var batch = 50
    let webhookLimit: RateLimit

    public init(
        store: any ReminderRepository, policy: ReminderPolicy = .standard, transports: [OutboxMessage.Channel: any MessageTransport],
        worker: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))",
        webhookMessagesPerMinute: Int = 20
    ) {
        self.store = store
        self.policy = policy
        self.transports = transports
        self.worker = worker
        webhookLimit = RateLimit(perMinute: webhookMessagesPerMinute)
    }

    /// What one pass delivered.
    public struct Outcome: Sendable, Equatable {
        public var sent: Int
        public var retried: Int
        public var failed: Int

        public init(sent: Int = 0, retried: Int = 0, failed: Int = 0) {
            self.sent = sent
            self.retried = retried
            self.failed = failed
        }
    }

    /// Delivers every message due at `now` (until none is left or the batch limit), unless it is quiet.
    public func deliverDue(now: Date = Date()) async throws -> Outcome {
        var outcome = Outcome()
        if policy.isQuiet(at: ChinaTime(now)) { return outcome }
        let claimed = try await store.claimOutbox(
            worker: worker, now: Timestamps.string(now), leaseUntil: Timestamps.string(now.addingTimeInterval(lease)), limit: batch)
        for message in claimed {
            guard let id = message.id else { continue }
            let result = await deliver(message, now: now)
            _ = try await store.finishOutbox(id: id, worker: worker, outcome: result, at: Timestamps.string(Date()))
            switch result {
            case .sent: outcome.sent += 1
            case .retry: outcome.retried += 1
            case .failed: outcome.failed += 1
            }
        }
        return outcome
    }

    /// Passes until nothing due is left (what failed waits for its backoff), at most `passes` of them.
    public func deliverAll(now: Date = Date(), passes: Int = 20) async throws -> Outcome {
        var total = Outcome()
        for _ in 0..<passes {
            let outcome = try await deliverDue(now: now)
            total.sent += outcome.sent
            total.retried += outcome.retried
            total.failed += outcome.failed
            if outcome.sent + outcome.retried + outcome.failed < batch { break }
        }
        return total
    }

    func deliver(_ message: OutboxMessage, now: Date) async -> DeliveryOutcome {
        guard let transport = transports[message.channel] else {
            return retry(message, now: now, error: "未配置\(message.channel == .email ? "邮件服务器（HCM_SMTP_URL）" : "群机器人（HCM_WEBHOOK_URL）")")
        }
        if message.channel == .webhook, !webhookLimit.take(at: now) {
            // Over the group bot's limit: wait for the next minute without counting an attempt as failed.
            return .retry(error: "群机器人每分钟最多 \(webhookLimit.perMinute) 条，稍后发送", nextAttemptAt: Timestamps.string(now.addingTimeInterval(60)))
        }
        do {
            try await transport.deliver(message)
            return .sent
        } catch DeliveryError.permanent(let text) {
            return .failed(error: text)
        } catch {
            return retry(message, now: now, error: "\(error)")
        }
    }

    func retry(_ message: OutboxMessage, now: Date, error: String) -> DeliveryOutcome {
        let attempts = message.attempts + 1
        guard attempts < maximumAttempts else { return .failed(error: "\(error)（已尝试 \(attempts) 次）") }
        let delay = min(3600, 60 * pow(2, Double(attempts - 1)))
        return .retry(error: error, nextAttemptAt: Timestamps.string(now.addingTimeInterval(delay)))
    }
}

/// Sends one outbox message over one channel; throws `DeliveryError.permanent` when trying again cannot help.
public protocol MessageTransport: Sendable {
    func deliver(_ message: OutboxMessage) async throws
}

/// At most `perMinute` events in any minute, in this process.
final class RateLimit: @unchecked Sendable {
    let perMinute: Int
    private var recent: [Date] = []
    private let lock = NSLock()

    init(perMinute: Int) { self.perMinute = perMinute }

    func take(at now: Date) -> Bool {
        lock.withLock {
            recent.removeAll { now.timeIntervalSince($0) >= 60 }
            guard recent.count < perMinute else { return false }
            recent.append(now)
            return true
        }
    }
}

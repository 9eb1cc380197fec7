import PlanCore

/// What 督办 keeps: the reminders and escalations sent (each once), the outbox of messages to deliver, the
/// inbox, receipts (签收) and extension requests (延期申请). Part of `PlanRepository` (kept in its own file);
/// the contract suite checks it on both stores.
public protocol ReminderRepository: Sendable {
    /// What a round needs to decide what is new: the keys already sent for `planIDs`, and how many numbered
    /// 督办单 `year` has.
    func reminderState(planIDs: [Int64], numberYear: Int) async throws -> ReminderState
    /// Records a round in one transaction: `compose` gets the state as of that transaction — no other round can
    /// record in between (PostgreSQL: an advisory lock; SQLite: the one writer) — and what it returns is written
    /// at once: the sent keys, the inbox messages, the outbox messages and an audit entry. Two instances running
    /// the same round therefore send each message once.
    func recordRound(
        planIDs: [Int64], numberYear: Int, actor: String, at: String,
        compose: @escaping @Sendable (ReminderState) throws -> ReminderRoundRecord
    ) async throws -> ReminderRoundRecord
    /// The latest sent reminders and escalations first.
    func sentReminders(limit: Int) async throws -> [SentReminder]
    func sentReminder(key: String) async throws -> SentReminder?

    // MARK: Outbox
    /// Claims up to `limit` messages due by `now` (pending, not claimed by a live lease) for `worker` until
    /// `leaseUntil`; two senders never claim the same message (PostgreSQL: FOR UPDATE SKIP LOCKED).
    func claimOutbox(worker: String, now: String, leaseUntil: String, limit: Int) async throws -> [OutboxMessage]
    /// Records a delivery attempt of a message `worker` holds; false when its lease was lost (nothing written).
    func finishOutbox(id: Int64, worker: String, outcome: DeliveryOutcome, at: String) async throws -> Bool
    /// Every message of a status (nil: all), oldest first.
    func outbox(status: OutboxMessage.Status?) async throws -> [OutboxMessage]

    // MARK: Inbox
    /// The user's messages, newest first.
    func inbox(username: String, limit: Int) async throws -> [InboxMessage]
    func unreadCount(username: String) async throws -> Int
    /// Marks the user's message read; false when they have no such message.
    func markRead(id: Int64, username: String, at: String) async throws -> Bool

    // MARK: Receipts and extensions
    /// Records a 签收 (again: the first one stands) and returns the one in force.
    func signReceipt(_ receipt: Receipt) async throws -> Receipt
    func receipts(limit: Int) async throws -> [Receipt]
    func requestExtension(_ request: ExtensionRequest) async throws -> ExtensionRequest
    /// The office approves or rejects a pending request; a decided one is refused.
    func decideExtension(id: Int64, approve: Bool, actor: String, at: String) async throws -> ExtensionRequest
    /// Requests of a plan (nil: every plan), oldest first.
    func extensions(planID: Int64?) async throws -> [ExtensionRequest]

    /// The plan's reminder rules as the office set them; nil: the defaults.
    func reminderPolicy(planID: Int64) async throws -> ReminderPolicy?
    /// Stores the plan's rules; rules with problems are refused, naming them.
    func saveReminderPolicy(_ policy: ReminderPolicy, planID: Int64, actor: String, at: String) async throws

    /// Sets (or clears, with nil) where a user's reminders are mailed.
    func setEmail(userID: Int64, email: String?, actor: String, at: String) async throws
}

public struct ReminderState: Sendable, Equatable {
    public var sent: Set<String>
    /// How many numbered 督办单 the year has: the next is number `numbered + 1`.
    public var numbered: Int

    public init(sent: Set<String>, numbered: Int) {
        self.sent = sent
        self.numbered = numbered
    }
}

/// What a round writes.
public struct ReminderRoundRecord: Sendable, Equatable {
    public var sent: [SentReminder]
    public var inbox: [InboxMessage]
    public var outbox: [OutboxMessage]

    public init(sent: [SentReminder] = [], inbox: [InboxMessage] = [], outbox: [OutboxMessage] = []) {
        self.sent = sent
        self.inbox = inbox
        self.outbox = outbox
    }

    public var isEmpty: Bool { sent.isEmpty && inbox.isEmpty && outbox.isEmpty }
}

/// A reminder or escalation as sent: what it said is kept as JSON (`Reminder` or `Escalation`).
public struct SentReminder: Sendable, Equatable, Codable {
    public var key: String
    public var planID: Int64
    public var year: Int
    public var departmentID: Int64?
    public var regionCode: String
    /// The stage's key ("before-7", "overdue-3") or "escalation-yellow" / "escalation-red".
    public var kind: String
    /// The 督办单's 编号 of a 红 escalation.
    public var number: String?
    public var detailJSON: String
    public var sentAt: String

    public init(
        key: String, planID: Int64, year: Int, departmentID: Int64?, regionCode: String, kind: String, number: String?,
        detailJSON: String, sentAt: String
    ) {
        self.key = key
        self.planID = planID
        self.year = year
        self.departmentID = departmentID
        self.regionCode = regionCode
        self.kind = kind
        self.number = number
        self.detailJSON = detailJSON
        self.sentAt = sentAt
    }
}

/// A message waiting in the outbox, or delivered from it.
public struct OutboxMessage: Sendable, Equatable, Codable {
    public enum Channel: String, Sendable, Codable, CaseIterable {
        case email, webhook
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, sent, failed
    }

    public var id: Int64?
    public var channel: Channel
    /// The user name, or `Notice.officeChannel` for the office's group bot.
    public var recipient: String
    /// The e-mail address, or the webhook's name ("office").
    public var address: String
    public var subject: String
    public var body: String
    public var status: Status
    public var attempts: Int
    /// Not delivered before this time (ISO 8601): backoff after a failure.
    public var nextAttemptAt: String
    public var lastError: String?
    public var createdAt: String
    public var sentAt: String?

    public init(
        id: Int64? = nil, channel: Channel, recipient: String, address: String, subject: String, body: String,
        status: Status = .pending, attempts: Int = 0, nextAttemptAt: String, lastError: String? = nil, createdAt: String,
        sentAt: String? = nil
    ) {
        self.id = id
        self.channel = channel
        self.recipient = recipient
        self.address = address
        self.subject = subject
        self.body = body
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// How one delivery attempt ended.
public enum DeliveryOutcome: Sendable, Equatable {
    case sent
    /// Failed for now: try again at `nextAttemptAt`.
    case retry(error: String, nextAttemptAt: String)
    /// Failed for good (a refused address, too many attempts).
    case failed(error: String)
}

/// A message in a user's in-app inbox.
public struct InboxMessage: Sendable, Equatable, Codable {
    public var id: Int64?
    public var username: String
    public var subject: String
    public var body: String
    /// The reminders and escalations it carries (for 签收).
    public var keys: [String]
    public var createdAt: String
    public var readAt: String?

    public init(
        id: Int64? = nil, username: String, subject: String, body: String, keys: [String], createdAt: String,
        readAt: String? = nil
    ) {
        self.id = id
        self.username = username
        self.subject = subject
        self.body = body
        self.keys = keys
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

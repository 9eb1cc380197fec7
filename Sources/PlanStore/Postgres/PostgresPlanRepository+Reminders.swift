import PlanCore
import PostgresNIO

extension PostgresPlanRepository {
    /// Names the reminder round's advisory lock: one instance records a round at a time.
    static let roundLock: Int64 = 0x68_636D_726E_6473  // "hcmrnds"

    public func reminderState(planIDs: [Int64], numberYear: Int) async throws -> ReminderState {
        try await snapshot { connection in try await self.reminderState(connection, planIDs: planIDs, numberYear: numberYear) }
    }

    func reminderState(_ connection: PostgresConnection, planIDs: [Int64], numberYear: Int) async throws -> ReminderState {
        let sent = try await connection.rows(
            "SELECT key FROM sent_reminders WHERE plan_id = ANY(\(planIDs))", logger
        ).map { try $0.value("key", as: String.self) }
        let numbered = try await connection.rows(
            "SELECT COUNT(*) AS n FROM sent_reminders WHERE number LIKE \(ReminderNumbering.pattern(numberYear))", logger
        ).first?.value("n", as: Int64.self) ?? 0
        return ReminderState(sent: Set(sent), numbered: Int(numbered))
    }

    public func recordRound(
        planIDs: [Int64], numberYear: Int, actor: String, at: String,
        compose: @escaping @Sendable (ReminderState) throws -> ReminderRoundRecord
    ) async throws -> ReminderRoundRecord {
        try await write { connection in
            // Another instance recording a round waits here until it commits, then reads what it sent.
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.roundLock))", self.logger)
            let record = try compose(try await self.reminderState(connection, planIDs: planIDs, numberYear: numberYear))
            for sent in record.sent {
                try await connection.run(
                    """
                    INSERT INTO sent_reminders (key, plan_id, year, department_id, region_code, kind, number, detail_json, sent_at)
                    VALUES (\(sent.key), \(sent.planID), \(sent.year), \(sent.departmentID), \(sent.regionCode), \(sent.kind),
                      \(sent.number), \(sent.detailJSON), \(sent.sentAt))
                    """, self.logger)
                try await connection.run(
                    """
                    INSERT INTO audit_log (actor, action, entity, entity_id, before_json, after_json, at)
                    VALUES (\(actor), 'send', 'reminder', \(sent.key), NULL, \(sent.detailJSON), \(at))
                    """, self.logger)
            }
            for message in record.inbox {
                try await connection.run(
                    """
                    INSERT INTO inbox_messages (username, subject, body, keys_json, created_at)
                    VALUES (\(message.username), \(message.subject), \(message.body), \(try StoreJSON.encode(message.keys)),
                      \(message.createdAt))
                    """, self.logger)
            }
            for message in record.outbox {
                try await connection.run(
                    """
                    INSERT INTO outbox_messages (channel, recipient, address, subject, body, status, attempts, next_attempt_at,
                      created_at)
                    VALUES (\(message.channel.rawValue), \(message.recipient), \(message.address), \(message.subject),
                      \(message.body), \(message.status.rawValue), \(message.attempts), \(message.nextAttemptAt),
                      \(message.createdAt))
                    """, self.logger)
            }
            return record
        }
    }

    public func sentReminders(limit: Int) async throws -> [SentReminder] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM sent_reminders ORDER BY sent_at DESC, key COLLATE \"C\" LIMIT \(limit)", self.logger
            ).map(Self.sentReminder)
        }
    }

    public func sentReminder(key: String) async throws -> SentReminder? {
        try await read { connection in
            try await connection.rows("SELECT * FROM sent_reminders WHERE key = \(key)", self.logger).first.map(Self.sentReminder)
        }
    }

    static func sentReminder(_ row: PostgresRandomAccessRow) throws -> SentReminder {
        SentReminder(
            key: try row.value("key"), planID: try row.value("plan_id"), year: try row.value("year"),
            departmentID: try row.value("department_id"), regionCode: try row.value("region_code"), kind: try row.value("kind"),
            number: try row.value("number"), detailJSON: try row.value("detail_json"), sentAt: try row.value("sent_at"))
    }

    // MARK: Outbox

    public func claimOutbox(worker: String, now: String, leaseUntil: String, limit: Int) async throws -> [OutboxMessage] {
        try await write { connection in
            // SKIP LOCKED: a message another sender is claiming right now is left to it, not waited for.
            try await connection.rows(
                """
                UPDATE outbox_messages SET claimed_by = \(worker), claimed_until = \(leaseUntil)
                WHERE id IN (
                  SELECT id FROM outbox_messages
                  WHERE status = 'pending' AND next_attempt_at <= \(now) AND (claimed_until IS NULL OR claimed_until < \(now))
                  ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING *
                """, self.logger
            ).map(Self.outboxMessage).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        }
    }

    public func finishOutbox(id: Int64, worker: String, outcome: DeliveryOutcome, at: String) async throws -> Bool {
        try await write { connection in
            let (status, error, next, sentAt) = ReminderNumbering.columns(of: outcome, at: at)
            return try await connection.rows(
                """
                UPDATE outbox_messages SET status = \(status), attempts = attempts + 1, last_error = \(error),
                  next_attempt_at = COALESCE(\(next)::TEXT, next_attempt_at), sent_at = \(sentAt), claimed_by = NULL,
                  claimed_until = NULL
                WHERE id = \(id) AND claimed_by = \(worker) AND status = 'pending' RETURNING id
                """, self.logger
            ).count == 1
        }
    }

    public func outbox(status: OutboxMessage.Status?) async throws -> [OutboxMessage] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM outbox_messages WHERE \(status?.rawValue)::TEXT IS NULL OR status = \(status?.rawValue) ORDER BY id",
                self.logger
            ).map(Self.outboxMessage)
        }
    }

    static func outboxMessage(_ row: PostgresRandomAccessRow) throws -> OutboxMessage {
        OutboxMessage(
            id: try row.value("id"), channel: OutboxMessage.Channel(rawValue: try row.value("channel")) ?? .email,
            recipient: try row.value("recipient"), address: try row.value("address"), subject: try row.value("subject"),
            body: try row.value("body"), status: OutboxMessage.Status(rawValue: try row.value("status")) ?? .pending,
            attempts: Int(try row.value("attempts", as: Int64.self)), nextAttemptAt: try row.value("next_attempt_at"),
            lastError: try row.value("last_error"), createdAt: try row.value("created_at"), sentAt: try row.value("sent_at"))
    }

    // MARK: Inbox

    public func inbox(username: String, limit: Int) async throws -> [InboxMessage] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM inbox_messages WHERE username = \(username) ORDER BY id DESC LIMIT \(limit)", self.logger
            ).map {
                InboxMessage(
                    id: try $0.value("id"), username: try $0.value("username"), subject: try $0.value("subject"),
                    body: try $0.value("body"), keys: try StoreJSON.decode([String].self, from: try $0.value("keys_json")),
                    createdAt: try $0.value("created_at"), readAt: try $0.value("read_at"))
            }
        }
    }

    public func unreadCount(username: String) async throws -> Int {
        try await read { connection in
            Int(
                try await connection.rows(
                    "SELECT COUNT(*) AS n FROM inbox_messages WHERE username = \(username) AND read_at IS NULL", self.logger
                ).first?.value("n", as: Int64.self) ?? 0)
        }
    }

    public func markRead(id: Int64, username: String, at: String) async throws -> Bool {
        try await write { connection in
            try await connection.rows(
                """
                UPDATE inbox_messages SET read_at = COALESCE(read_at, \(at)) WHERE id = \(id) AND username = \(username)
                RETURNING id
                """, self.logger
            ).count == 1
        }
    }

    // MARK: Receipts and extensions

    public func signReceipt(_ receipt: Receipt) async throws -> Receipt {
        try await write { connection in
            let signed = try await connection.rows(
                """
                INSERT INTO receipts (key, department_id, region_code, signed_by, signed_at)
                VALUES (\(receipt.key), \(receipt.departmentID), \(receipt.regionCode), \(receipt.by), \(receipt.at))
                ON CONFLICT DO NOTHING RETURNING key
                """, self.logger
            ).count == 1
            let stored = try await connection.rows(
                """
                SELECT * FROM receipts WHERE key = \(receipt.key) AND department_id = \(receipt.departmentID)
                  AND region_code = \(receipt.regionCode)
                """, self.logger
            ).map(Self.receipt)[0]
            if signed { try await self.audit(connection, receipt.by, "sign", "receipt", receipt.key, before: nil, after: stored, at: receipt.at) }
            return stored
        }
    }

    public func receipts(limit: Int) async throws -> [Receipt] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM receipts ORDER BY signed_at DESC, key COLLATE \"C\" LIMIT \(limit)", self.logger
            ).map(Self.receipt)
        }
    }

    static func receipt(_ row: PostgresRandomAccessRow) throws -> Receipt {
        Receipt(
            key: try row.value("key"), departmentID: try row.value("department_id"), regionCode: try row.value("region_code"),
            by: try row.value("signed_by"), at: try row.value("signed_at"))
    }

    public func requestExtension(_ request: ExtensionRequest) async throws -> ExtensionRequest {
        try await write { connection in
            guard let row = try await connection.rows(
                "SELECT * FROM reporting_cycles WHERE plan_id = \(request.planID) AND year = \(request.year)", self.logger
            ).first
            else { throw StoreError.notFound("\(request.year) 年度填报周期") }
            let cycle = ReportingCycle(
                id: try row.value("id"), planID: try row.value("plan_id"), year: Int(try row.value("year", as: Int64.self)),
                opens: try row.value("opens"), deadline: try row.value("deadline"))
            if let problem = request.problem(against: cycle) { throw StoreError.invalid(field: "deadline", message: problem) }
            var saved = request
            saved.status = .requested
            saved.decidedBy = nil
            saved.decidedAt = nil
            saved.id = try await connection.insertedID(
                """
                INSERT INTO extension_requests (plan_id, year, department_id, region_code, deadline, reason, status,
                  requested_by, requested_at)
                VALUES (\(saved.planID), \(saved.year), \(saved.departmentID), \(saved.regionCode), \(saved.deadline),
                  \(saved.reason), \(saved.status.rawValue), \(saved.requestedBy), \(saved.requestedAt))
                RETURNING id
                """, self.logger)
            try await self.audit(
                connection, saved.requestedBy, "request", "extension", "\(saved.id!)", before: nil, after: saved, at: saved.requestedAt)
            return saved
        }
    }

    public func decideExtension(id: Int64, approve: Bool, actor: String, at: String) async throws -> ExtensionRequest {
        try await write { connection in
            guard let before = try await connection.rows(
                "SELECT * FROM extension_requests WHERE id = \(id) FOR UPDATE", self.logger
            ).first.map(Self.extensionRequest)
            else { throw StoreError.notFound("延期申请 \(id)") }
            guard before.status == .requested else {
                throw StoreError.invalid(field: "status", message: "延期申请 \(id) 的状态为“\(before.status.name)”，不能再审批")
            }
            var after = before
            after.status = approve ? .approved : .rejected
            after.decidedBy = actor
            after.decidedAt = at
            try await connection.run(
                """
                UPDATE extension_requests SET status = \(after.status.rawValue), decided_by = \(actor), decided_at = \(at)
                WHERE id = \(id)
                """, self.logger)
            try await self.audit(connection, actor, approve ? "approve" : "reject", "extension", "\(id)", before: before, after: after, at: at)
            return after
        }
    }

    public func extensions(planID: Int64?) async throws -> [ExtensionRequest] {
        try await read { connection in
            try await connection.rows(
                "SELECT * FROM extension_requests WHERE \(planID)::BIGINT IS NULL OR plan_id = \(planID) ORDER BY id", self.logger
            ).map(Self.extensionRequest)
        }
    }

    static func extensionRequest(_ row: PostgresRandomAccessRow) throws -> ExtensionRequest {
        ExtensionRequest(
            id: try row.value("id"), planID: try row.value("plan_id"), year: Int(try row.value("year", as: Int64.self)),
            departmentID: try row.value("department_id"), regionCode: try row.value("region_code"),
            deadline: try row.value("deadline"), reason: try row.value("reason"),
            status: ExtensionRequest.Status(rawValue: try row.value("status")) ?? .requested,
            requestedBy: try row.value("requested_by"), requestedAt: try row.value("requested_at"),
            decidedBy: try row.value("decided_by"), decidedAt: try row.value("decided_at"))
    }

    public func reminderPolicy(planID: Int64) async throws -> ReminderPolicy? {
        try await read { connection in
            guard let row = try await connection.rows(
                "SELECT policy_json FROM reminder_policies WHERE plan_id = \(planID)", self.logger
            ).first else { return nil }
            return try StoreJSON.decode(ReminderPolicy.self, from: try row.value("policy_json"))
        }
    }

    public func saveReminderPolicy(_ policy: ReminderPolicy, planID: Int64, actor: String, at: String) async throws {
        try ReminderNumbering.check(policy)
        try await write { connection in
            guard try await !connection.rows("SELECT 1 FROM plans WHERE id = \(planID)", self.logger).isEmpty else {
                throw StoreError.notFound("plan \(planID)")
            }
            let before = try await connection.rows(
                "SELECT policy_json FROM reminder_policies WHERE plan_id = \(planID) FOR UPDATE", self.logger
            ).first.map { try $0.value("policy_json", as: String.self) }
            let json = try StoreJSON.encode(policy)
            try await connection.run(
                """
                INSERT INTO reminder_policies (plan_id, policy_json, updated_by, updated_at) VALUES (\(planID), \(json), \(actor), \(at))
                ON CONFLICT (plan_id) DO UPDATE SET policy_json = excluded.policy_json, updated_by = excluded.updated_by,
                  updated_at = excluded.updated_at
                """, self.logger)
            try await connection.run(
                """
                INSERT INTO audit_log (actor, action, entity, entity_id, before_json, after_json, at)
                VALUES (\(actor), 'save', 'reminderPolicy', \(String(planID)), \(before), \(json), \(at))
                """, self.logger)
        }
    }

    public func setEmail(userID: Int64, email: String?, actor: String, at: String) async throws {
        try await write { connection in
            guard let before = try await connection.rows("SELECT * FROM users WHERE id = \(userID)", self.logger).first.map(Self.user)
            else { throw StoreError.notFound("user \(userID)") }
            var after = before
            after.email = try ReminderNumbering.checkedEmail(email)
            try await connection.run("UPDATE users SET email = \(after.email) WHERE id = \(userID)", self.logger)
            try await self.audit(connection, actor, "save", "user", "\(userID)", before: before, after: after, at: at)
        }
    }
}

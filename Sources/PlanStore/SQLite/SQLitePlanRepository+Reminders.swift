import GRDB
import PlanCore

extension SQLitePlanRepository {
    public func reminderState(planIDs: [Int64], numberYear: Int) async throws -> ReminderState {
        try await pool.read { db in try Self.reminderState(db, planIDs: planIDs, numberYear: numberYear) }
    }

    static func reminderState(_ db: Database, planIDs: [Int64], numberYear: Int) throws -> ReminderState {
        let sent = planIDs.isEmpty ? [] : try String.fetchAll(
            db, sql: "SELECT key FROM sent_reminders WHERE plan_id IN (\(planIDs.map { _ in "?" }.joined(separator: ",")))",
            arguments: StatementArguments(planIDs))
        let numbered = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM sent_reminders WHERE number LIKE ?", arguments: [ReminderNumbering.pattern(numberYear)]) ?? 0
        return ReminderState(sent: Set(sent), numbered: numbered)
    }

    public func recordRound(
        planIDs: [Int64], numberYear: Int, actor: String, at: String,
        compose: @escaping @Sendable (ReminderState) throws -> ReminderRoundRecord
    ) async throws -> ReminderRoundRecord {
        // SQLite has one writer: the state read here cannot change before this transaction commits.
        try await pool.write { db in
            let record = try compose(try Self.reminderState(db, planIDs: planIDs, numberYear: numberYear))
            for sent in record.sent {
                try db.execute(
                    sql: """
                        INSERT INTO sent_reminders (key, plan_id, year, department_id, region_code, kind, number, detail_json, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        sent.key, sent.planID, sent.year, sent.departmentID, sent.regionCode, sent.kind, sent.number,
                        sent.detailJSON, sent.sentAt,
                    ])
                try Self.audit(db, actor, "send", "reminder", sent.key, beforeJSON: nil, afterJSON: sent.detailJSON, at: at)
            }
            for message in record.inbox {
                try db.execute(
                    sql: "INSERT INTO inbox_messages (username, subject, body, keys_json, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [message.username, message.subject, message.body, try StoreJSON.encode(message.keys), message.createdAt])
            }
            for message in record.outbox {
                try db.execute(
                    sql: """
                        INSERT INTO outbox_messages (channel, recipient, address, subject, body, status, attempts,
                          next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        message.channel.rawValue, message.recipient, message.address, message.subject, message.body,
                        message.status.rawValue, message.attempts, message.nextAttemptAt, message.createdAt,
                    ])
            }
            return record
        }
    }

    public func sentReminders(limit: Int) async throws -> [SentReminder] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sent_reminders ORDER BY sent_at DESC, key LIMIT ?", arguments: [limit])
                .map(Self.sentReminder)
        }
    }

    public func sentReminder(key: String) async throws -> SentReminder? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sent_reminders WHERE key = ?", arguments: [key]).map(Self.sentReminder)
        }
    }

    static func sentReminder(_ row: Row) -> SentReminder {
        SentReminder(
            key: row["key"], planID: row["plan_id"], year: row["year"], departmentID: row["department_id"],
            regionCode: row["region_code"], kind: row["kind"], number: row["number"], detailJSON: row["detail_json"],
            sentAt: row["sent_at"])
    }

    // MARK: Outbox

    public func claimOutbox(worker: String, now: String, leaseUntil: String, limit: Int) async throws -> [OutboxMessage] {
        try await pool.write { db in
            let due = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox_messages
                    WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                    ORDER BY id LIMIT ?
                    """,
                arguments: [now, now, limit]
            ).map(Self.outboxMessage)
            for message in due {
                try db.execute(
                    sql: "UPDATE outbox_messages SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                    arguments: [worker, leaseUntil, message.id])
            }
            return due
        }
    }

    public func finishOutbox(id: Int64, worker: String, outcome: DeliveryOutcome, at: String) async throws -> Bool {
        try await pool.write { db in
            let (status, error, next, sentAt) = ReminderNumbering.columns(of: outcome, at: at)
            try db.execute(
                sql: """
                    UPDATE outbox_messages SET status = ?, attempts = attempts + 1, last_error = ?,
                      next_attempt_at = COALESCE(?, next_attempt_at), sent_at = ?, claimed_by = NULL, claimed_until = NULL
                    WHERE id = ? AND claimed_by = ? AND status = 'pending'
                    """,
                arguments: [status, error, next, sentAt, id, worker])
            return db.changesCount == 1
        }
    }

    public func outbox(status: OutboxMessage.Status?) async throws -> [OutboxMessage] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM outbox_messages WHERE ? IS NULL OR status = ? ORDER BY id",
                arguments: [status?.rawValue, status?.rawValue]
            ).map(Self.outboxMessage)
        }
    }

    static func outboxMessage(_ row: Row) -> OutboxMessage {
        OutboxMessage(
            id: row["id"], channel: OutboxMessage.Channel(rawValue: row["channel"]) ?? .email, recipient: row["recipient"],
            address: row["address"], subject: row["subject"], body: row["body"],
            status: OutboxMessage.Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
            nextAttemptAt: row["next_attempt_at"], lastError: row["last_error"], createdAt: row["created_at"],
            sentAt: row["sent_at"])
    }

    // MARK: Inbox

    public func inbox(username: String, limit: Int) async throws -> [InboxMessage] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM inbox_messages WHERE username = ? ORDER BY id DESC LIMIT ?", arguments: [username, limit]
            ).map {
                InboxMessage(
                    id: $0["id"], username: $0["username"], subject: $0["subject"], body: $0["body"],
                    keys: try StoreJSON.decode([String].self, from: $0["keys_json"]), createdAt: $0["created_at"],
                    readAt: $0["read_at"])
            }
        }
    }

    public func unreadCount(username: String) async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM inbox_messages WHERE username = ? AND read_at IS NULL", arguments: [username]) ?? 0
        }
    }

    public func markRead(id: Int64, username: String, at: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE inbox_messages SET read_at = COALESCE(read_at, ?) WHERE id = ? AND username = ?",
                arguments: [at, id, username])
            return db.changesCount == 1
        }
    }

    // MARK: Receipts and extensions

    public func signReceipt(_ receipt: Receipt) async throws -> Receipt {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO receipts (key, department_id, region_code, signed_by, signed_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    """,
                arguments: [receipt.key, receipt.departmentID, receipt.regionCode, receipt.by, receipt.at])
            let signed = db.changesCount == 1
            let stored = try Row.fetchOne(
                db, sql: "SELECT * FROM receipts WHERE key = ? AND department_id = ? AND region_code = ?",
                arguments: [receipt.key, receipt.departmentID, receipt.regionCode]
            ).map(Self.receipt)!
            if signed { try Self.audit(db, receipt.by, "sign", "receipt", receipt.key, before: nil, after: stored, at: receipt.at) }
            return stored
        }
    }

    public func receipts(limit: Int) async throws -> [Receipt] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM receipts ORDER BY signed_at DESC, key LIMIT ?", arguments: [limit]).map(Self.receipt)
        }
    }

    static func receipt(_ row: Row) -> Receipt {
        Receipt(key: row["key"], departmentID: row["department_id"], regionCode: row["region_code"], by: row["signed_by"], at: row["signed_at"])
    }

    public func requestExtension(_ request: ExtensionRequest) async throws -> ExtensionRequest {
        try await pool.write { db in
            guard let cycle = try Row.fetchOne(
                db, sql: "SELECT * FROM reporting_cycles WHERE plan_id = ? AND year = ?", arguments: [request.planID, request.year])
            else { throw StoreError.notFound("\(request.year) 年度填报周期") }
            let stored = ReportingCycle(
                id: cycle["id"], planID: cycle["plan_id"], year: cycle["year"], opens: cycle["opens"], deadline: cycle["deadline"])
            if let problem = request.problem(against: stored) { throw StoreError.invalid(field: "deadline", message: problem) }
            var saved = request
            saved.status = .requested
            saved.decidedBy = nil
            saved.decidedAt = nil
            try db.execute(
                sql: """
                    INSERT INTO extension_requests (plan_id, year, department_id, region_code, deadline, reason, status,
                      requested_by, requested_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    saved.planID, saved.year, saved.departmentID, saved.regionCode, saved.deadline, saved.reason,
                    saved.status.rawValue, saved.requestedBy, saved.requestedAt,
                ])
            saved.id = db.lastInsertedRowID
            try Self.audit(db, saved.requestedBy, "request", "extension", "\(saved.id!)", before: nil, after: saved, at: saved.requestedAt)
            return saved
        }
    }

    public func decideExtension(id: Int64, approve: Bool, actor: String, at: String) async throws -> ExtensionRequest {
        try await pool.write { db in
            guard let before = try Row.fetchOne(db, sql: "SELECT * FROM extension_requests WHERE id = ?", arguments: [id])
                .map(Self.extensionRequest)
            else { throw StoreError.notFound("延期申请 \(id)") }
            guard before.status == .requested else {
                throw StoreError.invalid(field: "status", message: "延期申请 \(id) 的状态为“\(before.status.name)”，不能再审批")
            }
            var after = before
            after.status = approve ? .approved : .rejected
            after.decidedBy = actor
            after.decidedAt = at
            try db.execute(
                sql: "UPDATE extension_requests SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                arguments: [after.status.rawValue, actor, at, id])
            try Self.audit(db, actor, approve ? "approve" : "reject", "extension", "\(id)", before: before, after: after, at: at)
            return after
        }
    }

    public func extensions(planID: Int64?) async throws -> [ExtensionRequest] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM extension_requests WHERE ? IS NULL OR plan_id = ? ORDER BY id", arguments: [planID, planID]
            ).map(Self.extensionRequest)
        }
    }

    static func extensionRequest(_ row: Row) -> ExtensionRequest {
        ExtensionRequest(
            id: row["id"], planID: row["plan_id"], year: row["year"], departmentID: row["department_id"],
            regionCode: row["region_code"], deadline: row["deadline"], reason: row["reason"],
            status: ExtensionRequest.Status(rawValue: row["status"]) ?? .requested, requestedBy: row["requested_by"],
            requestedAt: row["requested_at"], decidedBy: row["decided_by"], decidedAt: row["decided_at"])
    }

    public func reminderPolicy(planID: Int64) async throws -> ReminderPolicy? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT policy_json FROM reminder_policies WHERE plan_id = ?", arguments: [planID])
                .map { try StoreJSON.decode(ReminderPolicy.self, from: $0) }
        }
    }

    public func saveReminderPolicy(_ policy: ReminderPolicy, planID: Int64, actor: String, at: String) async throws {
        try ReminderNumbering.check(policy)
        try await pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plans WHERE id = ?", arguments: [planID]) == true else {
                throw StoreError.notFound("plan \(planID)")
            }
            let before = try String.fetchOne(db, sql: "SELECT policy_json FROM reminder_policies WHERE plan_id = ?", arguments: [planID])
            let json = try StoreJSON.encode(policy)
            try db.execute(
                sql: """
                    INSERT INTO reminder_policies (plan_id, policy_json, updated_by, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (plan_id) DO UPDATE SET policy_json = excluded.policy_json, updated_by = excluded.updated_by,
                      updated_at = excluded.updated_at
                    """,
                arguments: [planID, json, actor, at])
            try Self.audit(db, actor, "save", "reminderPolicy", "\(planID)", beforeJSON: before, afterJSON: json, at: at)
        }
    }

    public func setEmail(userID: Int64, email: String?, actor: String, at: String) async throws {
        try await pool.write { db in
            guard let before = try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [userID]).map(Self.user)
            else { throw StoreError.notFound("user \(userID)") }
            let checked = try ReminderNumbering.checkedEmail(email)
            try db.execute(sql: "UPDATE users SET email = ? WHERE id = ?", arguments: [checked, userID])
            var after = before
            after.email = checked
            try Self.audit(db, actor, "save", "user", "\(userID)", before: before, after: after, at: at)
        }
    }
}

import Foundation
import PlanCore
import PlanStore
import Testing

/// The 督办 part of the contract: rounds recorded once, the outbox claimed by one sender at a time, the inbox,
/// receipts, extensions and e-mail addresses.
extension RepositoryContract {
    typealias ReminderStore = any PlanRepository

    /// A round that sends every key of `keys` not sent yet, one inbox and one outbox message per key.
    static func round(_ keys: [String], planID: Int64, number: Bool = false) -> @Sendable (ReminderState) -> ReminderRoundRecord {
        { state in
            var record = ReminderRoundRecord()
            var numbered = state.numbered
            for key in keys where !state.sent.contains(key) {
                numbered += number ? 1 : 0
                record.sent.append(SentReminder(
                    key: key, planID: planID, year: 2020, departmentID: nil, regionCode: "330302", kind: "before-7",
                    number: number ? Escalation.number(office: "健康办", year: 2021, sequence: numbered) : nil,
                    detailJSON: "{\"key\":\"\(key)\"}", sentAt: t0))
                record.inbox.append(InboxMessage(username: "wsj", subject: "填报提醒", body: key, keys: [key], createdAt: t0))
                record.outbox.append(OutboxMessage(
                    channel: .email, recipient: "wsj", address: "wsj@example.cn", subject: "填报提醒", body: key,
                    nextAttemptAt: "2021-03-01T09:00:00.000Z", createdAt: t0))
            }
            return record
        }
    }

    static func reminderRoundsAreRecordedOnce(_ store: ReminderStore) async throws {
        let (planID, _) = try await publishedPlan(store)
        let first = try await store.recordRound(planIDs: [planID], numberYear: 2021, actor: "reminders", at: t0, compose: round(["a", "b"], planID: planID, number: true))
        #expect(first.sent.map(\.number) == ["健康办督〔2021〕1号", "健康办督〔2021〕2号"])
        #expect(try await store.reminderState(planIDs: [planID], numberYear: 2021) == ReminderState(sent: ["a", "b"], numbered: 2))
        #expect(try await store.reminderState(planIDs: [planID], numberYear: 2022).numbered == 0)
        #expect(try await store.reminderState(planIDs: [planID + 1], numberYear: 2021).sent.isEmpty)
        // The same round again writes nothing.
        #expect(try await store.recordRound(planIDs: [planID], numberYear: 2021, actor: "reminders", at: t0, compose: round(["a", "b"], planID: planID)).isEmpty)
        // Rounds at the same time (two instances): each key is sent by one of them.
        let keys = (0..<20).map { "k\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    _ = try await store.recordRound(planIDs: [planID], numberYear: 2021, actor: "reminders", at: t0, compose: round(keys, planID: planID, number: true))
                }
            }
            try await group.waitForAll()
        }
        let sent = try await store.sentReminders(limit: 100)
        #expect(sent.count == 22)
        #expect(Set(sent.map(\.key)).count == 22)
        #expect(Set(sent.compactMap(\.number)).count == 22)
        #expect(try await store.sentReminder(key: "a")?.number == "健康办督〔2021〕1号")
        #expect(try await store.sentReminder(key: "zzz") == nil)
        #expect(try await store.outbox(status: .pending).count == 22)
        #expect(try await store.inbox(username: "wsj", limit: 100).count == 22)
        #expect(try await store.auditLog(limit: 100).filter { $0.entity == "reminder" }.count == 22)
        // A round that fails half way writes nothing.
        await #expect(throws: StoreError.self) {
            _ = try await store.recordRound(planIDs: [planID], numberYear: 2021, actor: "reminders", at: t0) { _ in
                throw StoreError.invalid(field: "round", message: "stop")
            }
        }
        #expect(try await store.sentReminders(limit: 100).count == 22)
    }

    static func outboxMessagesAreClaimedByOneSender(_ store: ReminderStore) async throws {
        let (planID, _) = try await publishedPlan(store)
        let keys = (0..<12).map { "m\($0)" }
        _ = try await store.recordRound(planIDs: [planID], numberYear: 2021, actor: "reminders", at: t0, compose: round(keys, planID: planID))
        let now = "2021-03-01T09:00:00.000Z", lease = "2021-03-01T09:05:00.000Z"
        // Each worker's claims, by worker (the tasks end in any order).
        let claims = try await withThrowingTaskGroup(of: (String, [Int64]).self) { group in
            for worker in ["one", "two", "three"] {
                group.addTask { (worker, try await store.claimOutbox(worker: worker, now: now, leaseUntil: lease, limit: 12).compactMap(\.id)) }
            }
            return try await group.reduce(into: [String: [Int64]]()) { $0[$1.0] = $1.1 }
        }
        let all = claims.values.flatMap { $0 }
        #expect(all.count == 12)
        #expect(Set(all).count == 12)
        // Nothing left to claim while the leases hold.
        #expect(try await store.claimOutbox(worker: "four", now: now, leaseUntil: lease, limit: 12).isEmpty)

        let messages = try await store.outbox(status: nil)
        try #require(messages.count == 12)
        let holder = { (id: Int64) in claims.first { $0.value.contains(id) }?.key ?? "none" }
        let (a, b, c) = (messages[0].id!, messages[1].id!, messages[2].id!)
        #expect(try await store.finishOutbox(id: a, worker: "nobody", outcome: .sent, at: now) == false)
        #expect(try await store.finishOutbox(id: a, worker: holder(a), outcome: .sent, at: now))
        #expect(try await store.finishOutbox(id: a, worker: holder(a), outcome: .sent, at: now) == false)
        #expect(try await store.finishOutbox(id: b, worker: holder(b), outcome: .retry(error: "421 busy", nextAttemptAt: "2021-03-01T09:01:00.000Z"), at: now))
        #expect(try await store.finishOutbox(id: c, worker: holder(c), outcome: .failed(error: "550 no such user"), at: now))
        let after = try await store.outbox(status: nil)
        #expect(after[0].status == .sent)
        #expect(after[0].sentAt == now)
        #expect(after[0].attempts == 1)
        #expect(after[1].status == .pending)
        #expect(after[1].lastError == "421 busy")
        #expect(after[1].attempts == 1)
        #expect(after[2].status == .failed)
        // The retried one is due again after its backoff; the rest once their leases run out (a sender killed).
        #expect(try await store.claimOutbox(worker: "five", now: "2021-03-01T09:01:00.000Z", leaseUntil: lease, limit: 20).map(\.id) == [b])
        let expired = try await store.claimOutbox(worker: "six", now: "2021-03-01T09:05:00.001Z", leaseUntil: "2021-03-01T09:10:00.000Z", limit: 20)
        #expect(expired.count == 10)
        #expect(try await store.outbox(status: .sent).map(\.id) == [a])
    }

    static func inboxReceiptsExtensionsAndEmail(_ store: ReminderStore) async throws {
        let (planID, _) = try await publishedPlan(store)
        _ = try await store.recordRound(planIDs: [planID], numberYear: 2021, actor: "reminders", at: t0, compose: round(["x", "y"], planID: planID))
        #expect(try await store.unreadCount(username: "wsj") == 2)
        #expect(try await store.unreadCount(username: "other") == 0)
        let inbox = try await store.inbox(username: "wsj", limit: 10)
        #expect(inbox.map(\.keys) == [["y"], ["x"]])
        #expect(try await store.markRead(id: inbox[0].id!, username: "other", at: t0) == false)
        #expect(try await store.markRead(id: inbox[0].id!, username: "wsj", at: t0))
        #expect(try await store.unreadCount(username: "wsj") == 1)
        #expect(try await store.inbox(username: "wsj", limit: 1).first?.readAt == t0)

        let department = try await store.saveDepartment(Department(name: "市卫生健康委", regionCode: "330300"), actor: "admin", at: t0)
        let first = try await store.signReceipt(Receipt(key: "x", departmentID: department, regionCode: "330302", by: "wsj", at: t0))
        let again = try await store.signReceipt(Receipt(key: "x", departmentID: department, regionCode: "330302", by: "wsj2", at: "2021-03-02T00:00:00Z"))
        #expect(again == first)
        #expect(try await store.receipts(limit: 10) == [first])

        let request = ExtensionRequest(
            planID: planID, year: 2020, departmentID: department, regionCode: "330302", deadline: "2021-05-31", reason: "统计年鉴尚未出版",
            requestedBy: "wsj", requestedAt: t0)
        await #expect(throws: StoreError.notFound("2020 年度填报周期")) { _ = try await store.requestExtension(request) }
        _ = try await store.openCycle(.standard(planID: planID, year: 2020, planDeadline: "05-10"), actor: "admin", at: t0)
        var early = request
        early.deadline = "2021-05-01"
        await #expect(throws: StoreError.invalid(field: "deadline", message: "延期后的截止日期须晚于原截止日期 2021-05-10")) {
            _ = try await store.requestExtension(early)
        }
        let saved = try await store.requestExtension(request)
        #expect(saved.status == .requested)
        let decided = try await store.decideExtension(id: saved.id!, approve: true, actor: "office", at: t0)
        #expect(decided.status == .approved)
        #expect(decided.decidedBy == "office")
        await #expect(throws: StoreError.invalid(field: "status", message: "延期申请 \(saved.id!) 的状态为“已批准”，不能再审批")) {
            _ = try await store.decideExtension(id: saved.id!, approve: false, actor: "office", at: t0)
        }
        await #expect(throws: StoreError.notFound("延期申请 999")) { _ = try await store.decideExtension(id: 999, approve: true, actor: "office", at: t0) }
        #expect(try await store.extensions(planID: planID) == [decided])
        #expect(try await store.extensions(planID: nil) == [decided])
        #expect(try await store.extensions(planID: planID + 1).isEmpty)
        #expect(try await store.auditLog(limit: 20).map(\.entity).contains("extension"))

        let user = try await store.createUser(
            User(username: "wsj", displayName: "卫健委填报员", role: .reporter, departmentID: department, regionCode: "330302", email: " wsj@example.cn "),
            passwordHash: "x", actor: "admin", at: t0)
        #expect(user.email == "wsj@example.cn")
        #expect(try await store.user(id: user.id!)?.email == "wsj@example.cn")
        await #expect(throws: StoreError.invalid(field: "email", message: "“a b@example.cn”不是有效的电子邮箱地址")) {
            try await store.setEmail(userID: user.id!, email: "a b@example.cn", actor: "admin", at: t0)
        }
        await #expect(throws: StoreError.invalid(field: "email", message: "“x@y.cn\r\nRCPT TO:<z@y.cn>”不是有效的电子邮箱地址")) {
            try await store.setEmail(userID: user.id!, email: "x@y.cn\r\nRCPT TO:<z@y.cn>", actor: "admin", at: t0)
        }
        try await store.setEmail(userID: user.id!, email: nil, actor: "admin", at: t0)
        #expect(try await store.user(id: user.id!)?.email == nil)

        // A plan's own rules, checked; the defaults until it has them.
        #expect(try await store.reminderPolicy(planID: planID) == nil)
        var policy = ReminderPolicy.standard
        policy.daysBefore = [14, 3]
        try await store.saveReminderPolicy(policy, planID: planID, actor: "office", at: t0)
        #expect(try await store.reminderPolicy(planID: planID) == policy)
        policy.redAfter = 1
        await #expect(throws: StoreError.invalid(field: "policy", message: "红色督办的逾期天数须大于黄色督办，且均至少 1 天")) {
            try await store.saveReminderPolicy(policy, planID: planID, actor: "office", at: t0)
        }
        await #expect(throws: StoreError.notFound("plan 999")) {
            try await store.saveReminderPolicy(.standard, planID: 999, actor: "office", at: t0)
        }
        #expect(try await store.reminderPolicy(planID: planID)?.daysBefore == [14, 3])
        #expect(try await store.auditLog(limit: 5).first?.entity == "reminderPolicy")
    }
}

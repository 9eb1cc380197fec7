import Foundation
import PlanCore
import PlanStore

/// One reminder round (督办轮次) as of a time: for every published plan's latest opened cycle, what each
/// department still owes, the reminders and escalations due and not sent before, one digest per person — into
/// the inbox, and into the outbox for e-mail and the office's group bot, in one transaction. Run by
/// `hcm reminders run` and on a schedule by `hcm serve`; running it twice sends nothing new.
public struct ReminderRound: Sendable {
    public typealias Store = any PlanRepository

    public let store: Store
    /// The rules of plans without their own, and always the quiet hours, the office's name for 编号 and
    /// the leadership list.
    public let policy: ReminderPolicy
    public let channels: DeliveryChannels

    public init(store: Store, policy: ReminderPolicy = .standard, channels: DeliveryChannels = DeliveryChannels()) {
        self.store = store
        self.policy = policy
        self.channels = channels
    }

    /// What a round did (or, dry, would do).
    public struct Report: Sendable, Equatable {
        public var at: String
        /// In quiet hours nothing is written: what is due waits for the next round.
        public var quiet: Bool
        public var reminders: [Reminder]
        public var escalations: [Escalation]
        public var notices: [Notice]
        public var outbox: [OutboxMessage]
    }

    public func run(at date: Date, dryRun: Bool = false) async throws -> Report {
        let time = ChinaTime(date)
        let at = Timestamps.string(date)
        let standings = try await standings(on: time.day)
        let users = try await store.users()
        let planIDs = standings.map(\.cycle.planID)
        let year = Int(time.day.prefix(4)) ?? 0
        let quiet = policy.isQuiet(at: time)
        let compose: @Sendable (ReminderState) -> (Report, ReminderRoundRecord) = { [policy, channels] state in
            Self.compose(
                standings, state: state, users: users, policy: policy, channels: channels, today: time.day, year: year, at: at,
                quiet: quiet)
        }
        if dryRun || quiet {
            return compose(try await store.reminderState(planIDs: planIDs, numberYear: year)).0
        }
        let box = ReportBox()
        _ = try await store.recordRound(planIDs: planIDs, numberYear: year, actor: "督办", at: at) { state in
            let (report, record) = compose(state)
            box.report = report
            return record
        }
        return box.report ?? Report(at: at, quiet: false, reminders: [], escalations: [], notices: [], outbox: [])
    }

    /// A cycle with what each department owes in it.
    struct Standing: Sendable {
        var planTitle: String
        var cycle: ReportingCycle
        var obligations: [Obligation]
        var extensions: [ExtensionRequest]
        /// The plan's own rules, else the round's.
        var policy: ReminderPolicy
    }

    /// Every published plan's latest cycle that has opened by `today` (an earlier year's reporting is over once
    /// the next has begun), with who owes what. The departments and regions are those reporter accounts are
    /// bound to.
    func standings(on today: String) async throws -> [Standing] {
        let departments = Dictionary(uniqueKeysWithValues: try await store.departments().compactMap { d in d.id.map { ($0, d) } })
        var units: [(department: Department, regionCode: String)] = []
        for user in try await store.users() where user.role == .reporter {
            guard let id = user.departmentID, let department = departments[id], let region = user.regionCode,
                !units.contains(where: { $0.department.id == id && $0.regionCode == region })
            else { continue }
            units.append((department, region))
        }
        let regionNames = Dictionary(try await store.regions().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        var result: [Standing] = []
        for summary in try await store.planSummaries() where summary.status == .published {
            guard let plan = try await store.plan(id: summary.id) else { continue }
            let extensions = try await store.extensions(planID: summary.id)
            let policy = try await store.reminderPolicy(planID: summary.id) ?? self.policy
            let opened = try await store.cycles(planID: summary.id).filter { $0.opens <= today }
            if let cycle = opened.max(by: { ($0.opens, $0.year) < ($1.opens, $1.year) }) {
                let indicators = try await store.indicators(planID: summary.id).map { (id: $0.id, indicator: $0.indicator) }
                let obligations = Obligation.outstanding(
                    plan: plan, indicators: indicators, year: cycle.year,
                    observations: try await store.observations(planID: summary.id, year: cycle.year, regionCode: nil),
                    progress: try await store.taskProgress(planID: summary.id, year: cycle.year, regionCode: nil), units: units,
                    regionNames: regionNames)
                result.append(Standing(
                    planTitle: summary.title, cycle: cycle, obligations: obligations, extensions: extensions, policy: policy))
            }
        }
        return result
    }

    static func compose(
        _ standings: [Standing], state: ReminderState, users: [User], policy: ReminderPolicy, channels: DeliveryChannels,
        today: String, year: Int, at: String, quiet: Bool
    ) -> (Report, ReminderRoundRecord) {
        var reminders: [Reminder] = []
        var escalations: [Escalation] = []
        for standing in standings {
            let due = ReminderSchedule.due(
                policy: standing.policy, today: today, cycle: standing.cycle, planTitle: standing.planTitle,
                obligations: standing.obligations, extensions: standing.extensions, sent: state.sent)
            reminders += due.reminders
            escalations += due.escalations
        }
        // 红 escalations are numbered in the order they are sent, after the year's earlier ones.
        var numbered = state.numbered
        for index in escalations.indices where escalations[index].level == .red {
            numbered += 1
            escalations[index].number = Escalation.number(office: policy.officeName, year: year, sequence: numbered)
        }
        let notices = Digest.notices(reminders: reminders, escalations: escalations, users: users, policy: policy)
        var record = ReminderRoundRecord()
        for reminder in reminders {
            record.sent.append(SentReminder(
                key: reminder.key, planID: reminder.planID, year: reminder.year, departmentID: reminder.obligation.department.id,
                regionCode: reminder.obligation.regionCode, kind: reminder.stage.key, number: nil,
                detailJSON: Timestamps.json(reminder), sentAt: at))
        }
        for escalation in escalations {
            record.sent.append(SentReminder(
                key: escalation.key, planID: escalation.planID, year: escalation.year,
                departmentID: escalation.obligation.department.id, regionCode: escalation.obligation.regionCode,
                kind: "escalation-\(escalation.level.rawValue)", number: escalation.number,
                detailJSON: Timestamps.json(escalation), sentAt: at))
        }
        for notice in notices {
            record.inbox.append(InboxMessage(
                username: notice.recipient, subject: notice.subject, body: notice.body, keys: notice.keys, createdAt: at))
            if channels.smtp != nil, let email = notice.email {
                record.outbox.append(OutboxMessage(
                    channel: .email, recipient: notice.recipient, address: email, subject: "【督办】\(notice.subject)",
                    body: notice.body, nextAttemptAt: at, createdAt: at))
            }
        }
        if channels.webhook != nil, let summary = Digest.officeSummary(reminders: reminders, escalations: escalations) {
            record.outbox.append(OutboxMessage(
                channel: .webhook, recipient: summary.recipient, address: "office", subject: summary.subject, body: summary.body,
                nextAttemptAt: at, createdAt: at))
        }
        let report = Report(
            at: at, quiet: quiet, reminders: reminders, escalations: escalations, notices: notices, outbox: record.outbox)
        return (report, record)
    }
}

/// Carries the report out of the store's transaction closure (which returns only what it writes).
private final class ReportBox: @unchecked Sendable {
    // Written once inside the transaction and read after it returns: never at the same time.
    var report: ReminderRound.Report?
}

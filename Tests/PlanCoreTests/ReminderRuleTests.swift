import Testing

@testable import PlanCore

/// The 督办 rules on a fixed clock: stages against a deadline, escalation, quiet hours, who owes what, extensions
/// and the one digest per person.
@Suite struct ReminderRuleTests {
    let policy = ReminderPolicy.standard
    /// The 2020 cycle of a plan: open from 2021-01-01, due 2021-05-10.
    let cycle = ReportingCycle(id: 1, planID: 7, year: 2020, opens: "2021-01-01", deadline: "2021-05-10")
    let health = Department(id: 1, name: "市卫生健康委", aliases: ["卫计"], regionCode: "330300")
    let sport = Department(id: 2, name: "市体育局", regionCode: "330300")

    @Test func calendarDaysCountAcrossMonthsYearsAndLeapDays() {
        #expect(ReminderCalendar.number(of: "1970-01-01") == 0)
        #expect(ReminderCalendar.day(number: 0) == "1970-01-01")
        #expect(ReminderCalendar.days(from: "2020-02-28", to: "2020-03-01") == 2)
        #expect(ReminderCalendar.days(from: "2021-02-28", to: "2021-03-01") == 1)
        #expect(ReminderCalendar.day("2021-05-10", plus: -7) == "2021-05-03")
        #expect(ReminderCalendar.day("2020-12-31", plus: 1) == "2021-01-01")
        for bad in ["2021-02-29", "2021-13-01", "2021-5-10", "", "abcd-ef-gh", "2021-04-31"] {
            #expect(ReminderCalendar.number(of: bad) == nil, "\(bad)")
        }
        // Every day of four years round-trips.
        let start = ReminderCalendar.number(of: "2019-01-01")!
        for n in start..<(start + 4 * 366) { #expect(ReminderCalendar.number(of: ReminderCalendar.day(number: n)) == n) }
    }

    @Test func chinaTimeIsUTCPlusEight() {
        // 2021-05-07T15:30:00Z is 23:30 on 7 May in China.
        let late = ChinaTime(secondsSinceEpoch: 1_620_401_400)
        #expect(late.day == "2021-05-07")
        #expect(late.minuteOfDay == 23 * 60 + 30)
        // 2021-05-07T16:30:00Z is already 8 May, 00:30.
        #expect(late.adding(minutes: 60).day == "2021-05-08")
        #expect(ChinaTime(day: "2021-05-08", minutes: 30) == late.adding(minutes: 60))
    }

    @Test func quietHoursSpanMidnight() {
        func quiet(_ hour: Int, _ minute: Int) -> Bool { policy.isQuiet(at: ChinaTime(day: "2021-05-07", minutes: hour * 60 + minute)!) }
        #expect(quiet(23, 30))
        #expect(quiet(22, 0))
        #expect(quiet(0, 0))
        #expect(quiet(6, 59))
        #expect(!quiet(7, 0))
        #expect(!quiet(21, 59))
        #expect(!quiet(12, 0))
        var daytime = policy
        daytime.quietFrom = 12 * 60
        daytime.quietUntil = 14 * 60
        #expect(daytime.isQuiet(at: ChinaTime(day: "2021-05-07", minutes: 13 * 60)!))
        #expect(!daytime.isQuiet(at: ChinaTime(day: "2021-05-07", minutes: 23 * 60)!))
    }

    @Test func theLatestStageReachedEachDay() {
        func stage(_ today: String) -> ReminderStage? { policy.stage(opens: cycle.opens, deadline: cycle.deadline, today: today) }
        #expect(stage("2020-12-31") == nil)
        #expect(stage("2021-01-01") == .assigned)
        #expect(stage("2021-05-02") == .assigned)
        #expect(stage("2021-05-03") == .daysBefore(7))
        #expect(stage("2021-05-07") == .daysBefore(7))  // three days before: the 7-day reminder, if not sent yet
        #expect(stage("2021-05-09") == .daysBefore(1))
        #expect(stage("2021-05-10") == .deadlineDay)
        #expect(stage("2021-05-12") == .deadlineDay)
        #expect(stage("2021-05-13") == .overdue(days: 3))
        #expect(stage("2021-05-15") == .overdue(days: 3))
        #expect(stage("2021-05-16") == .overdue(days: 6))
        #expect(stage("2021-06-09") == .overdue(days: 30))
        // A cycle opened late: stages before its opening do not exist, 交办 is the first.
        #expect(policy.stage(opens: "2021-05-08", deadline: "2021-05-10", today: "2021-05-08") == .assigned)
        #expect(policy.stage(opens: "2021-05-08", deadline: "2021-05-10", today: "2021-05-09") == .daysBefore(1))
        #expect(policy.stage(opens: cycle.opens, deadline: "bad", today: "2021-05-09") == nil)
    }

    @Test func escalationAtThreeAndTenDaysOverdue() {
        #expect(policy.escalation(deadline: cycle.deadline, today: "2021-05-12") == nil)
        #expect(policy.escalation(deadline: cycle.deadline, today: "2021-05-13") == .yellow)
        #expect(policy.escalation(deadline: cycle.deadline, today: "2021-05-19") == .yellow)
        #expect(policy.escalation(deadline: cycle.deadline, today: "2021-05-20") == .red)
        #expect(Escalation.number(office: "健康办", year: 2026, sequence: 7) == "健康办督〔2026〕7号")
    }

    @Test func policyProblemsAreNamed() {
        #expect(policy.problems.isEmpty)
        var bad = policy
        bad.daysBefore = [0]
        bad.redAfter = 2
        bad.quietFrom = 1440
        #expect(bad.problems == ["提前提醒天数须在 1–366 之间", "红色督办的逾期天数须大于黄色督办，且均至少 1 天", "免打扰时段须在 00:00–23:59 之间"])
    }

    /// Two indicators (卫计 leads one, 体育局 the other, 卫计 cooperates on it) and one task of 体育局.
    func standing(observations: [Observation], progress: [TaskProgress] = []) -> [Obligation] {
        let first = Indicator(code: "1.1", domain: ["健康水平"], name: "人均预期寿命", lead: ["卫计"])
        let second = Indicator(code: "2.1", domain: ["健康生活"], name: "经常参加体育锻炼人数比例", lead: ["市体育局"], cooperating: ["卫计"])
        var plan = Plan(title: "健康示范行动")
        plan.actions = [Action(code: "一", title: "全民健身", tasks: [PlanTask(code: "1", title: "建设健身步道", lead: ["市体育局"])])]
        return Obligation.outstanding(
            plan: plan, indicators: [(11, first), (12, second)], year: 2020, observations: observations, progress: progress,
            units: [(health, "330300"), (sport, "330300"), (health, "330302")])
    }

    @Test func onlyThoseWhoOweAreListedWithExactlyWhat() {
        let returned = Observation(
            indicatorID: 12, indicator: "2.1", regionCode: "330300", year: 2020, valueText: "30", status: .returned, comment: "请附统计表")
        let submitted = Observation(indicatorID: 11, indicator: "1.1", regionCode: "330300", year: 2020, valueText: "82", status: .submitted)
        let draft = Observation(indicatorID: 11, indicator: "1.1", regionCode: "330302", year: 2020, valueText: "81", status: .draft)
        let lastYear = Observation(indicatorID: 11, indicator: "1.1", regionCode: "330302", year: 2019, valueText: "81", status: .approved)
        let owed = standing(observations: [returned, submitted, draft, lastYear])
        #expect(owed.map(\.department.name) == ["市卫生健康委", "市体育局", "市卫生健康委"])
        #expect(owed[0].indicators.isEmpty)
        #expect(owed[0].returned == [.init(code: "2.1", name: "经常参加体育锻炼人数比例", comment: "请附统计表")])
        #expect(owed[1].returned.map(\.label) == ["2.1 经常参加体育锻炼人数比例"])
        #expect(owed[1].tasks.map(\.label) == ["一.1 建设健身步道"])
        // A draft is still owed; last year's approved value does not count for this year.
        #expect(owed[2].indicators.map(\.label) == ["1.1 人均预期寿命", "2.1 经常参加体育锻炼人数比例"])
        let done = standing(
            observations: [submitted, Observation(indicatorID: 12, indicator: "2.1", regionCode: "330300", year: 2020, valueText: "31", status: .resubmitted)],
            progress: [TaskProgress(planID: 7, actionIndex: 0, taskIndex: 0, regionCode: "330300", year: 2020, status: .inProgress)])
        #expect(done.map(\.regionCode) == ["330302"])
    }

    @Test func dueRemindersSkipWhatWasSentAndFollowExtensions() {
        let owed = standing(observations: [])
        let threeDaysBefore = ReminderSchedule.due(
            policy: policy, today: "2021-05-07", cycle: cycle, planTitle: "健康示范行动", obligations: owed, extensions: [], sent: [])
        #expect(threeDaysBefore.reminders.map(\.key) == ["7/2020/1/330300/before-7", "7/2020/2/330300/before-7", "7/2020/1/330302/before-7"])
        #expect(threeDaysBefore.escalations.isEmpty)
        let again = ReminderSchedule.due(
            policy: policy, today: "2021-05-07", cycle: cycle, planTitle: "健康示范行动", obligations: owed, extensions: [],
            sent: Set(threeDaysBefore.reminders.map(\.key)))
        #expect(again.reminders.isEmpty)

        // 体育局 in 330300 has an approved extension to 31 May; a pending one for 卫计 changes nothing.
        let extensions = [
            ExtensionRequest(planID: 7, year: 2020, departmentID: 2, regionCode: "330300", deadline: "2021-05-31", reason: "统计年鉴未出",
                             status: .approved, requestedBy: "tyj", requestedAt: "2021-05-01T00:00:00Z"),
            ExtensionRequest(planID: 7, year: 2020, departmentID: 1, regionCode: "330300", deadline: "2021-06-30", reason: "等待",
                             requestedBy: "wsj", requestedAt: "2021-05-01T00:00:00Z"),
        ]
        let late = ReminderSchedule.due(
            policy: policy, today: "2021-05-20", cycle: cycle, planTitle: "健康示范行动", obligations: owed, extensions: extensions, sent: [])
        // 体育局's 7-day reminder falls on 24 May: until then its 交办 is the latest stage.
        #expect(late.reminders.map(\.key) == ["7/2020/1/330300/overdue-9", "7/2020/2/330300/assigned", "7/2020/1/330302/overdue-9"])
        #expect(late.reminders[1].deadline == "2021-05-31")
        #expect(late.escalations.map(\.key) == ["7/2020/1/330300/escalation-red", "7/2020/1/330302/escalation-red"])
        #expect(late.escalations[0].daysOverdue == 10)
    }

    @Test func extensionsAreCheckedAgainstTheCycle() {
        func request(_ deadline: String, _ reason: String = "数据未出") -> String? {
            ExtensionRequest(planID: 7, year: 2020, departmentID: 1, regionCode: "330300", deadline: deadline, reason: reason,
                             requestedBy: "wsj", requestedAt: "t").problem(against: cycle)
        }
        #expect(request("2021-05-31") == nil)
        #expect(request("2021-05-31", "  ") == "延期申请须说明理由")
        #expect(request("2021-05-01") == "延期后的截止日期须晚于原截止日期 2021-05-10")
        #expect(request("2021/05/31") == "延期后的截止日期“2021/05/31”不是有效日期（YYYY-MM-DD）")
        #expect(request("2023-01-01") == "延期不能超过一年")
        // A later approval never moves a deadline earlier than the cycle's.
        let approved = ExtensionRequest(planID: 7, year: 2020, departmentID: 1, regionCode: "330300", deadline: "2021-06-01", reason: "r",
                                        status: .approved, requestedBy: "wsj", requestedAt: "t")
        #expect(ExtensionRequest.deadline(of: cycle, departmentID: 1, regionCode: "330300", extensions: [approved]) == "2021-06-01")
        #expect(ExtensionRequest.deadline(of: cycle, departmentID: 1, regionCode: "330302", extensions: [approved]) == "2021-05-10")
        #expect(ExtensionRequest.deadline(of: cycle, departmentID: 2, regionCode: "330300", extensions: [approved]) == "2021-05-10")
    }

    @Test func oneDigestPerPersonListingWhatIsOwed() {
        let users = [
            User(id: 1, username: "wsj", displayName: "卫健委填报员", role: .reporter, departmentID: 1, regionCode: "330300", email: "wsj@example.cn"),
            User(id: 2, username: "wsj2", displayName: "卫健委填报员二", role: .reporter, departmentID: 1, regionCode: "330300"),
            User(id: 3, username: "tyj", displayName: "体育局填报员", role: .reporter, departmentID: 2, regionCode: "330300"),
            User(id: 4, username: "office", displayName: "健康办", role: .reviewer, email: "office@example.cn"),
            User(id: 5, username: "wsjld", displayName: "卫健委分管领导", role: .viewer, departmentID: 1),
            User(id: 6, username: "mayor", displayName: "市领导", role: .viewer),
        ]
        let owed = standing(observations: []).filter { $0.regionCode == "330300" }
        let round = ReminderSchedule.due(
            policy: policy, today: "2021-05-13", cycle: cycle, planTitle: "健康示范行动", obligations: owed, extensions: [], sent: [])
        let notices = Digest.notices(reminders: round.reminders, escalations: round.escalations, users: users, policy: policy)
        #expect(notices.map(\.recipient) == ["wsj", "wsj2", "tyj", "office", "wsjld"])
        #expect(notices[0].email == "wsj@example.cn")
        #expect(notices[0].subject == "催办通知")
        #expect(notices[0].body == """
            ### 催办通知
            健康示范行动 · 市卫生健康委 · 330300
            填报已于 2021-05-10 截止，已逾期 3 天，请尽快完成。
            - 指标：1.1 人均预期寿命
            - 指标：2.1 经常参加体育锻炼人数比例
            """)
        // The office gets both departments' 黄 escalations in one message; the leader only their department's.
        #expect(notices[3].keys == ["7/2020/1/330300/escalation-yellow", "7/2020/2/330300/escalation-yellow"])
        #expect(notices[3].subject == "黄色督办")
        #expect(notices[4].keys == ["7/2020/1/330300/escalation-yellow"])
        // 红 goes to the leadership: read-only accounts of no department, or the policy's list.
        var red = round.escalations[0]
        red.level = .red
        red.number = "健康办督〔2021〕1号"
        #expect(Digest.recipients(of: red, users: users, policy: policy).map(\.username) == ["mayor"])
        var listed = policy
        listed.leadership = ["office"]
        #expect(Digest.recipients(of: red, users: users, policy: listed).map(\.username) == ["office"])
        #expect(Digest.text(red).hasPrefix("督办单 健康办督〔2021〕1号\n"))
        let summary = Digest.officeSummary(reminders: round.reminders, escalations: [red])
        #expect(summary?.body == """
            ### 督办通报
            - 催办通知：市卫生健康委（330300）尚有 2 项未报，截止 2021-05-10
            - 催办通知：市体育局（330300）尚有 2 项未报，截止 2021-05-10
            - **红色督办** 健康办督〔2021〕1号：市卫生健康委（330300）逾期 3 天，尚有 2 项未报
            """)
        #expect(Digest.officeSummary(reminders: [], escalations: []) == nil)
    }
}

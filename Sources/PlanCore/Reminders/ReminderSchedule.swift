/// Which reminders and escalations are due in a round, from the policy, the day, what each department owes,
/// the approved extensions and the keys sent before. Pure: the round (PlanApp) reads and writes the store.
public enum ReminderSchedule {
    /// What is due on `today` (China day) in `cycle` and was not sent before: for each department and region
    /// that still owes something, the latest stage reached against its deadline in force, and the highest
    /// escalation level reached.
    public static func due(
        policy: ReminderPolicy, today: String, cycle: ReportingCycle, planTitle: String, obligations: [Obligation],
        extensions: [ExtensionRequest], sent: Set<String>
    ) -> (reminders: [Reminder], escalations: [Escalation]) {
        var reminders: [Reminder] = []
        var escalations: [Escalation] = []
        for obligation in obligations where !obligation.isEmpty {
            let deadline = ExtensionRequest.deadline(
                of: cycle, departmentID: obligation.department.id, regionCode: obligation.regionCode, extensions: extensions)
            if let stage = policy.stage(opens: cycle.opens, deadline: deadline, today: today) {
                let reminder = Reminder(
                    planID: cycle.planID, planTitle: planTitle, year: cycle.year, stage: stage, deadline: deadline,
                    obligation: obligation)
                if !sent.contains(reminder.key) { reminders.append(reminder) }
            }
            if let level = policy.escalation(deadline: deadline, today: today),
                let late = ReminderCalendar.days(from: deadline, to: today)
            {
                let escalation = Escalation(
                    planID: cycle.planID, planTitle: planTitle, year: cycle.year, level: level, deadline: deadline,
                    daysOverdue: late, obligation: obligation)
                if !sent.contains(escalation.key) { escalations.append(escalation) }
            }
        }
        return (reminders, escalations)
    }
}

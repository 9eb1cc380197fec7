/// A department's yearly report on one task of the plan (任务进展): where the task stands in a region and
/// what was done. Versioned like an observation, so a stale write is refused rather than lost.
public struct TaskProgress: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case notStarted, inProgress, completed, delayed

        /// The status in the UI's words.
        public var name: String {
            switch self {
            case .notStarted: "未启动"
            case .inProgress: "推进中"
            case .completed: "已完成"
            case .delayed: "滞后"
            }
        }
    }

    public var id: Int64?
    public var planID: Int64
    /// The task's place in the plan: its action, and its position under that action (both from 0). A stored
    /// plan's actions never change, so the pair names the task for good.
    public var actionIndex: Int
    public var taskIndex: Int
    public var regionCode: String
    public var year: Int
    public var status: Status
    public var note: String
    public var version: Int
    public var updatedBy: String?
    public var updatedAt: String?

    public init(
        id: Int64? = nil, planID: Int64, actionIndex: Int, taskIndex: Int, regionCode: String, year: Int,
        status: Status, note: String = "", version: Int = 0, updatedBy: String? = nil, updatedAt: String? = nil
    ) {
        self.id = id
        self.planID = planID
        self.actionIndex = actionIndex
        self.taskIndex = taskIndex
        self.regionCode = regionCode
        self.year = year
        self.status = status
        self.note = note
        self.version = version
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }

    /// Why a report is refused when the plan has no such task.
    public var missingTaskMessage: String {
        // Counted from 1 for people; a position no plan has (negative, or the largest Int) as it was sent.
        func counted(_ index: Int) -> Int { index >= 0 && index < .max ? index + 1 : index }
        return "规划中没有第 \(counted(actionIndex)) 项行动下的第 \(counted(taskIndex)) 项任务"
    }

    /// The task this report is about, if the plan has it.
    public func task(in plan: Plan) -> PlanTask? {
        guard plan.actions.indices.contains(actionIndex) else { return nil }
        let tasks = plan.actions[actionIndex].tasks
        return tasks.indices.contains(taskIndex) ? tasks[taskIndex] : nil
    }
}

import PlanCore

extension TaskProgress {
    static let maximumNoteLength = 2000

    /// What is stored when this report is saved over `current` (nil: none yet), or why it is refused. Shared by
    /// both stores, so they accept and refuse the same writes.
    func saved(over current: TaskProgress?, expectedVersion: Int?, plan: Plan, actor: String, at: String)
        throws(StoreError) -> TaskProgress
    {
        guard task(in: plan) != nil else {
            throw .invalid(field: "taskIndex", message: missingTaskMessage)
        }
        guard note.count <= Self.maximumNoteLength else {
            throw .invalid(field: "note", message: "进展说明不能超过 \(Self.maximumNoteLength) 字")
        }
        let currentVersion = current?.version ?? 0
        guard (expectedVersion ?? 0) == currentVersion else {
            throw .conflict(expected: expectedVersion ?? 0, current: currentVersion)
        }
        var next = self
        next.id = current?.id
        next.version = currentVersion + 1
        next.updatedBy = actor
        next.updatedAt = at
        return next
    }
}

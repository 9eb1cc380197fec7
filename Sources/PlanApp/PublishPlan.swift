import Foundation
import PlanCore
import PlanStore

/// Publishing an imported plan: it must have indicators and a title; the departments its unit names call for
/// are created (or extended with the plan's spellings) as the administrator confirmed them — from the command
/// line, as proposed — so reporters can be bound to them at once.
public struct PublishPlan: Sendable {
    let store: any PlanRepository

    public init(store: any PlanRepository) {
        self.store = store
    }

    /// The proposals for a stored plan, against the departments stored now.
    public func proposals(planID: Int64) async throws -> DepartmentProposals {
        guard let plan = try await store.plan(id: planID) else { throw AppError.notFound("规划 \(planID)") }
        return DepartmentProposals(for: plan, existing: try await store.departments())
    }

    /// Publishes the draft `planID` with `departments` (nil: the proposals). Returns the departments saved.
    @discardableResult
    public func callAsFunction(planID: Int64, departments confirmed: [DepartmentProposal]? = nil, by user: User, now: String)
        async throws -> [Department]
    {
        guard let plan = try await store.plan(id: planID),
            let summary = try await store.planSummaries().first(where: { $0.id == planID })
        else { throw AppError.notFound("规划 \(planID)") }
        guard summary.status == .draft else {
            throw AppError.invalid("规划“\(plan.title)”已\(summary.status == .published ? "发布" : "归档")，不能再发布", field: "status")
        }
        guard plan.indicatorTables.contains(where: { !$0.indicators.isEmpty }) else {
            throw AppError.invalid("规划“\(plan.title)”没有任何指标，不能发布：请检查导入结果或重新导入", field: "indicators")
        }
        guard !plan.title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError.invalid("规划没有标题，不能发布：请先在导入审核中填写标题", field: "title")
        }
        let existing = try await store.departments()
        let departments = confirmed ?? DepartmentProposals(for: plan, existing: existing).departments
        var saved: [Department] = []
        for proposal in departments {
            let name = proposal.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= TextLimits.name, !DepartmentNames.isCollective(name) else {
                throw AppError.invalid("部门名称“\(name.prefix(40))”无效：不能为空、超过 \(TextLimits.name) 字或是“各…”“有关部门”一类的统称", field: "departments")
            }
            var department =
                existing.first { $0.id != nil && $0.id == proposal.existingID } ?? existing.first { $0.isNamed(name) }
                ?? Department(name: name)
            let before = department
            for alias in [name] + proposal.aliases where !department.isNamed(alias) && alias.count <= TextLimits.name {
                department.aliases.append(alias)
            }
            if department != before || department.id == nil {
                department.id = try await store.saveDepartment(department, actor: user.username, at: now)
            }
            saved.append(department)
        }
        try await store.setPlanStatus(id: planID, to: .published, actor: user.username, at: now)
        return saved
    }
}

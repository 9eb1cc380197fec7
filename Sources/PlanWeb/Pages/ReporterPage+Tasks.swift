import Hummingbird
import PlanApp
import PlanCore
import PlanReports
import PlanStore
import Plot

/// Task progress (任务进展) on the reporter's page: the plan's tasks their department leads or is
/// responsible for, each saved on its own (a form per task, so one stale task never blocks the others).
extension ReporterPage {
    struct TaskRow {
        var actionIndex: Int
        var taskIndex: Int
        var action: Action
        var task: PlanTask
        var current: TaskProgress?
    }

    func taskRows(_ sheet: Sheet, region: String) async throws -> [TaskRow] {
        guard let plan = try await config.store.plan(id: sheet.plan.id) else { return [] }
        let progress = try await config.store.taskProgress(planID: sheet.plan.id, year: sheet.cycle.year, regionCode: region)
        var rows: [TaskRow] = []
        for (a, action) in plan.actions.enumerated() {
            for (t, task) in action.tasks.enumerated() where (task.lead + task.responsible).contains(where: sheet.department.isNamed) {
                rows.append(TaskRow(
                    actionIndex: a, taskIndex: t, action: action, task: task,
                    current: progress.first { $0.actionIndex == a && $0.taskIndex == t }))
            }
        }
        return rows
    }

    func taskSection(_ rows: [TaskRow], year: Int, plan: Int64, layout: Layout) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("tasks"), .text("\(year) 年度任务进展（\(rows.count) 项）")),
            rows.isEmpty
                ? .p(.class("muted"), .text("本部门没有牵头或负责的行动任务。"))
                : .table(
                    .thead(.tr(.th(.text("行动")), .th(.text("任务")), .th(.text("进展")), .th(.text("情况说明")), .th(.text("保存")))),
                    .tbody(.forEach(rows) { row in
                        let form = "task-\(row.actionIndex)-\(row.taskIndex)"
                        return .tr(
                            .td(.class("small"), .text(row.action.title)),
                            .td(.label(.for("\(form)-status"), .text(row.task.title))),
                            .td(.select(
                                .id("\(form)-status"), .attribute(named: "name", value: "status"), .attribute(named: "form", value: form),
                                .forEach(TaskProgress.Status.allCases) { status in
                                    .choice(status.rawValue, status.name, selected: status == (row.current?.status ?? .notStarted))
                                })),
                            .td(.input(.type(.text), .name("note"), .value((row.current?.note ?? "").xmlEscaped), .attribute(named: "form", value: form),
                                       .attribute(named: "aria-label", value: "\(row.task.title)的情况说明".xmlEscaped))),
                            .td(.form(
                                .id(form), .method(.post), .action("/report/tasks"), layout.csrfField,
                                .input(.type(.hidden), .name("plan"), .value("\(plan)")),
                                .input(.type(.hidden), .name("task"), .value("\(row.actionIndex):\(row.taskIndex)")),
                                .input(.type(.hidden), .name("version"), .value(row.current.map { "\($0.version)" } ?? "")),
                                .button(.type(.submit), .class("secondary"), .text("保存"))),
                                .unwrap(row.current?.updatedAt) { .div(.class("small muted"), .text("更新于 \($0)")) })
                        )
                    }))
        )
    }

    /// Saves one task's progress for the reporter's region and the open cycle's year.
    @Sendable func saveTask(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        guard let sheet = try await sheet(for: user, plan: form["plan"].flatMap { Int64($0) }), let region = user.regionCode else {
            throw APIError(.forbidden, code: "cycle_closed", message: "目前没有开放的填报周期，不能填报任务进展")
        }
        let indices = (form["task"] ?? "").split(separator: ":").compactMap { Int($0) }
        guard indices.count == 2, let status = form["status"].flatMap(TaskProgress.Status.init(rawValue:)) else {
            throw APIError(.unprocessableContent, code: "invalid", message: "任务或进展无效")
        }
        let progress = TaskProgress(
            planID: sheet.plan.id, actionIndex: indices[0], taskIndex: indices[1], regionCode: region, year: sheet.cycle.year,
            status: status, note: (form["note"] ?? "").trimmingCharacters(in: .whitespaces))
        guard let plan = try await config.store.plan(id: sheet.plan.id), let task = progress.task(in: plan) else {
            throw APIError(.unprocessableContent, code: "invalid", message: progress.missingTaskMessage)
        }
        var scope = try await ReporterScope(user, store: config.store, today: config.today)
        try await scope?.check(progress, task: task)
        do {
            _ = try await config.store.saveTaskProgress(
                progress, expectedVersion: form["version"].flatMap { Int($0) }, actor: user.username, at: config.now)
        } catch StoreError.conflict {
            throw APIError(.conflict, code: "stale_version", message: "该任务进展已被他人修改，未保存。请返回“我的填报”刷新后重试。")
        }
        return .redirect(to: "/report?saved=task&plan=\(sheet.plan.id)#tasks", type: .normal)
    }
}

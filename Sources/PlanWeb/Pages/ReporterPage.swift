import Hummingbird
import PlanApp
import PlanCore
import PlanReports
import PlanStore
import Plot

/// The reporter's form (我的填报): the indicators their department leads or cooperates on, in the open cycle,
/// with unit, target and last year's value beside each input; returned items first, with the reviewer's
/// comment; saved as a draft or submitted in one batch, all or nothing.
struct ReporterPage {
    let config: AppConfig

    /// What the form is about: the plan, the open cycle and the reporter's indicators with their values.
    struct Sheet {
        var plan: PlanSummary
        var cycle: ReportingCycle
        var department: Department
        var items: [(indicator: StoredIndicator, current: Observation?, lastYear: Observation?)]
    }

    /// The form of `plan` (`?plan=`, a form's `plan` field); without one, the only form there is. With several
    /// plans open and none chosen, the reporter is asked to choose — never given the first silently.
    func sheet(for user: User, plan: Int64?) async throws -> Sheet? {
        let all = try await sheets(for: user)
        if let plan { return all.first { $0.plan.id == plan } }
        guard all.count <= 1 else {
            throw AppError(
                .invalid, code: "choose_plan",
                message: "有 \(all.count) 个规划正在填报，请指明规划：" + all.map { "\($0.plan.title)（plan=\($0.plan.id)）" }.joined(separator: "、"),
                field: "plan")
        }
        return all.first
    }

    /// The reporter's forms: one per published plan with an open cycle that concerns their department (has
    /// indicators it leads or cooperates on); a plan with none is offered only when no plan has any.
    func sheets(for user: User) async throws -> [Sheet] {
        guard let region = user.regionCode,
            let department = try await config.store.departments().first(where: { $0.id == user.departmentID })
        else { return [] }
        var concerning: [Sheet] = []
        var others: [Sheet] = []
        for plan in try await config.store.planSummaries() where plan.status == .published {
            let cycles = try await config.store.cycles(planID: plan.id)
            guard let cycle = cycles.filter({ $0.isOpen(on: config.today) }).max(by: { $0.year < $1.year }) else { continue }
            let mine = try await config.store.indicators(planID: plan.id).filter {
                ($0.indicator.lead + $0.indicator.cooperating).contains(where: department.isNamed)
            }
            let observations = try await config.store.observations(planID: plan.id, year: nil, regionCode: region)
            var items = mine.map { indicator in
                (indicator,
                 observations.first { $0.indicatorID == indicator.id && $0.year == cycle.year },
                 observations.first { $0.indicatorID == indicator.id && $0.year == cycle.year - 1 && $0.status == .approved })
            }
            // Returned values first: they are what the office is waiting for.
            items.sort { ($0.1?.status == .returned ? 0 : 1) < ($1.1?.status == .returned ? 0 : 1) }
            let sheet = Sheet(plan: plan, cycle: cycle, department: department, items: items)
            if items.isEmpty { others.append(sheet) } else { concerning.append(sheet) }
        }
        return concerning.isEmpty ? Array(others.prefix(1)) : concerning
    }

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let saved = request.uri.queryParameters.get("saved")
        let notice = switch saved {
        case "submit": "已提交，等待健康办审核。"
        case "saveDraft": "草稿已保存。"
        case "task": "任务进展已保存。"
        case "template": "离线模板中的数值已保存为草稿。"
        case "templateSubmit": "离线模板中的数值已提交，等待健康办审核。"
        default: String?.none
        }
        return try await page(
            user: user, context: context, notice: notice, error: nil, entered: [:], plan: request.uri.queryParameters.get("plan", as: Int64.self))
    }

    func page(
        user: User, context: AppRequestContext, notice: String?, error: String?, entered: [String: String],
        problems: [TemplateUpload.Problem] = [], status: HTTPResponse.Status = .ok, plan: Int64? = nil
    ) async throws -> Response {
        let layout = Layout(title: "我的填报", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        let all = try await sheets(for: user)
        guard let sheet = plan.flatMap({ id in all.first { $0.plan.id == id } }) ?? (all.count == 1 ? all.first : nil) else {
            guard all.count > 1 else {
                return layout.render(.p(.text("目前没有开放的填报周期，或您的账号未绑定部门和地区。")), status: status)
            }
            return layout.render(
                .p(.text("有 \(all.count) 个规划正在填报，请选择：")),
                .ul(.forEach(all) { sheet in
                    .li(.a(.href("/report?plan=\(sheet.plan.id)"), .text("\(sheet.plan.title)（\(sheet.cycle.year) 年度，截止 \(sheet.cycle.deadline)）")))
                }),
                status: status)
        }
        let days = DashboardPage.days(from: config.today, to: sheet.cycle.deadline)
        let tasks = try await taskRows(sheet, region: user.regionCode ?? "")
        let returned = sheet.items.filter { $0.current?.status == .returned }.count
        return layout.render(
            .p(.text("\(sheet.plan.title) · \(sheet.department.name) · \(user.regionCode ?? "") · \(sheet.cycle.year) 年度")),
            .p(.class(days <= 7 ? "notice error" : "notice"),
               .text("填报截止 \(sheet.cycle.deadline)，还剩 \(days) 天。" + (returned > 0 ? "有 \(returned) 项被退回，请修改后重新提交。" : ""))),
            .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            .unwrap(error) { .p(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .if(!problems.isEmpty, .ul(.class("notice error"), .forEach(problems) { .li(.text($0.description)) })),
            .if(all.count > 1, .p(.class("small"), .a(.href("/report"), .text("← 选择其他规划（共 \(all.count) 个正在填报）")))),
            .form(
                .method(.post), .action("/report"),
                layout.csrfField,
                .input(.type(.hidden), .name("plan"), .value("\(sheet.plan.id)")),
                .table(
                    .thead(.tr(.th(.text("指标")), .th(.text("单位")), .th(.text("\(sheet.cycle.year) 年目标")),
                               .th(.text("上年值")), .th(.text("本年值")), .th(.text("佐证说明")),
                               .th(.text("说明（与上年相差超过一半时必填）")), .th(.text("状态")))),
                    .tbody(.forEach(sheet.items) { item in row(item, year: sheet.cycle.year, entered: entered) })
                ),
                .button(.type(.submit), .name("action"), .value("saveDraft"), .class("secondary"), .text("保存草稿")),
                .text(" "),
                .button(.type(.submit), .name("action"), .value("submit"), .text("提交审核"))
            ),
            taskSection(tasks, year: sheet.cycle.year, plan: sheet.plan.id, layout: layout),
            templateSection(plan: sheet.plan.id, layout: layout),
            status: status)
    }

    private func row(
        _ item: (indicator: StoredIndicator, current: Observation?, lastYear: Observation?), year: Int, entered: [String: String]
    ) -> Node<HTML.TableContext> {
        let id = item.indicator.id
        let indicator = item.indicator.indicator
        let editable = item.current.map { [.draft, .returned].contains($0.status) } ?? true
        let valueID = "value_\(id)"
        return .tr(
            .td(.label(.for(valueID), .text(indicator.name)),
                .unwrap(item.current?.status == .returned ? item.current?.comment : nil) {
                    .p(.class("small status returned"), .text("退回意见：\($0)"))
                }),
            .td(.text(indicator.unit ?? "")),
            .td(.text(indicator.judgedTarget(for: year)?.text ?? "—")),
            .td(.text(item.lastYear?.valueText ?? "—")),
            editable
                ? .td(valueInput(item, year: year, entered: entered),
                      .input(.type(.hidden), .name("version_\(id)"), .value(item.current.map { "\($0.version)" } ?? "")))
                : .td(.text(item.current?.valueText ?? "")),
            editable
                ? .td(.input(.type(.text), .name("evidence_\(id)"), .value((entered["evidence_\(id)"] ?? item.current?.evidence ?? "").xmlEscaped),
                             .attribute(named: "aria-label", value: "\(indicator.name)的佐证说明".xmlEscaped)))
                : .td(.text(item.current?.evidence ?? "")),
            editable
                ? .td(.input(.type(.text), .name("explanation_\(id)"),
                             .value((entered["explanation_\(id)"] ?? item.current?.explanation ?? "").xmlEscaped),
                             .attribute(named: "aria-label", value: "\(indicator.name)的说明".xmlEscaped)))
                : .td(.text(item.current?.explanation ?? "")),
            .td(item.current.map { StatusBadge.badge($0.status) } ?? .span(.class("muted"), .text("未填报")))
        )
    }

    /// A number's input; for a qualitative target, the choice (达标/未达标, 未发生/发生) and a text after it.
    private func valueInput(
        _ item: (indicator: StoredIndicator, current: Observation?, lastYear: Observation?), year: Int, entered: [String: String]
    ) -> Node<HTML.BodyContext> {
        let id = item.indicator.id
        let valueID = "value_\(id)"
        guard let target = item.indicator.indicator.judgedTarget(for: year), case .qualitative = target.parsed else {
            return .input(.type(.text), .id(valueID), .name(valueID), .value((entered[valueID] ?? item.current?.valueText ?? "").xmlEscaped),
                          .attribute(named: "inputmode", value: "decimal"))
        }
        let (met, notMet) = QualitativeChoice.choices(for: target.text)
        let current = item.current?.valueText ?? ""
        let chosen = entered["choice_\(id)"] ?? [met, notMet].first { current.hasPrefix($0) } ?? ""
        let text = entered[valueID] ?? String(current.dropFirst(chosen.count).drop { "：: ".contains($0) })
        return .group(
            .select(.attribute(named: "name", value: "choice_\(id)"), .attribute(named: "aria-label", value: "\(item.indicator.indicator.name)是否达到目标".xmlEscaped),
                    .choice("", "请选择", selected: chosen.isEmpty), .choice(met, met, selected: chosen == met), .choice(notMet, notMet, selected: chosen == notMet)),
            .input(.type(.text), .id(valueID), .name(valueID), .value(text.xmlEscaped), .placeholder("补充情况（可选）")))
    }

    /// Saves every filled-in editable value as a draft, or submits them, in one batch.
    @Sendable func save(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        guard let action = form["action"].flatMap(ObservationAction.init(rawValue:)), [.saveDraft, .submit].contains(action),
            let sheet = try await sheet(for: user, plan: form["plan"].flatMap { Int64($0) }), let region = user.regionCode
        else {
            return try await page(user: user, context: context, notice: nil, error: "无法保存：没有开放的填报周期或操作无效。", entered: [:], status: .unprocessableContent)
        }
        var entered: [String: String] = [:]
        var changes: [ObservationChange] = []
        for item in sheet.items {
            let id = item.indicator.id
            guard item.current.map({ [.draft, .returned].contains($0.status) }) ?? true else { continue }
            let text = (form["value_\(id)"] ?? "").trimmingCharacters(in: .whitespaces)
            // A qualitative target's choice leads its value ("达标：已印发实施方案").
            let choice = form["choice_\(id)"] ?? ""
            let value = choice.isEmpty ? text : choice + (text.isEmpty ? "" : "：" + text)
            entered["choice_\(id)"] = choice
            let evidence = (form["evidence_\(id)"] ?? "").trimmingCharacters(in: .whitespaces)
            let explanation = (form["explanation_\(id)"] ?? "").trimmingCharacters(in: .whitespaces)
            entered["value_\(id)"] = text
            entered["evidence_\(id)"] = evidence
            entered["explanation_\(id)"] = explanation
            guard !value.isEmpty else { continue }
            changes.append(ObservationChange(
                indicatorID: id, regionCode: region, year: sheet.cycle.year, action: action, valueText: value,
                evidence: evidence.isEmpty ? nil : evidence, explanation: explanation.isEmpty ? nil : explanation,
                expectedVersion: form["version_\(id)"].flatMap { Int($0) }))
        }
        guard !changes.isEmpty else {
            return try await page(user: user, context: context, notice: nil, error: "没有可保存的数值：请至少填写一项。", entered: entered, status: .unprocessableContent, plan: sheet.plan.id)
        }
        do {
            _ = try await SubmitObservations(store: config.store)(changes, by: user, today: config.today, now: config.now)
        } catch let error as StoreError {
            let message = switch error {
            case .conflict: "数据已被他人修改，请刷新页面后重新填写。"
            case .invalid(let field, let message): "\(Self.fieldName(field))：\(message)"
            case .notFound(let what): "找不到 \(what)"
            }
            return try await page(user: user, context: context, notice: nil, error: "未保存任何数据。" + message, entered: entered,
                                  status: APIError(error).status, plan: sheet.plan.id)
        } catch let error as AppError {
            return try await page(user: user, context: context, notice: nil, error: "未保存任何数据。" + error.message, entered: entered,
                                  status: APIError(error).status, plan: sheet.plan.id)
        }
        return .redirect(to: "/report?saved=\(action.rawValue)&plan=\(sheet.plan.id)", type: .normal)
    }

    static func fieldName(_ field: String) -> String {
        ["valueText": "数值", "evidence": "佐证说明", "explanation": "说明", "unit": "单位"][field] ?? field
    }
}

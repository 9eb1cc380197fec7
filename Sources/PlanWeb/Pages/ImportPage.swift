import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanImport
import PlanReports
import PlanStore
import Plot

/// The import (导入): upload the plan's own document, review the parsed draft beside the document's lines
/// with every guess highlighted, correct cells, then publish. Administrators only.
struct ImportPage {
    let config: AppConfig

    static let accepted = ".docx,.txt,.xlsx,.csv,.doc,.wps"

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        try await uploadForm(user: user, context: context, error: nil)
    }

    private func uploadForm(user: User, context: AppRequestContext, error: String?, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let layout = Layout(title: "导入规划", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        let drafts = try await config.store.planSummaries().filter { $0.status == .draft }
        return layout.render(
            .unwrap(error) { .p(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(
                .method(.post), .action("/import"), .attribute(named: "enctype", value: "multipart/form-data"),
                layout.csrfField,
                .div(
                    .label(.for("document"), .text("规划文件（Word .docx / .doc、导出的文本 .txt、指标表 .xlsx / .csv）")),
                    .input(.type(.file), .id("document"), .name("document"), .required(true),
                           .attribute(named: "accept", value: Self.accepted))
                ),
                .p(.class("small muted"), .text("上传后生成草稿：逐行核对解析结果与原文，修改有误的单元格，确认后发布。")),
                .button(.type(.submit), .text("上传并解析"))
            ),
            .h2(.text("待发布的草稿")),
            drafts.isEmpty
                ? .p(.class("muted"), .text("没有草稿。"))
                : .ul(.forEach(drafts) { plan in
                    .li(.a(.href("/import/\(plan.id)"), .text(plan.title.isEmpty ? "规划 \(plan.id)" : plan.title)))
                }),
            status: status)
    }

    /// Reads the uploaded document into a draft; an unreadable one is named with what is wrong, and nothing
    /// is stored.
    @Sendable func upload(_ context: AppRequestContext, _ user: User, _ form: MultipartForm) async throws -> Response {
        guard let document = form["document"], let name = document.filename, !name.isEmpty, !document.data.isEmpty else {
            return try await uploadForm(user: user, context: context, error: "请选择要上传的规划文件。", status: .unprocessableContent)
        }
        let plan: Plan
        do {
            let data = document.data
            plan = try await config.documents.run { PlanInterpreter.interpret(try PlanImporter.readDocument(data, named: name)) }
        } catch let error as ImportError {
            return try await uploadForm(user: user, context: context, error: "无法读取：\(error.description)", status: .unprocessableContent)
        }
        let id = try await config.store.createPlan(
            plan, source: SourceDocument(name: name, data: document.data), actor: user.username, at: config.now)
        return .redirect(to: "/import/\(id)", type: .normal)
    }

    @Sendable func review(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let id = try context.pathID()
        guard let plan = try await config.store.plan(id: id) else { throw APIError.notFound("规划 \(id)") }
        let status = try await config.store.planSummaries().first { $0.id == id }?.status
        let layout = Layout(title: "核对导入：\(plan.title.isEmpty ? "规划 \(id)" : plan.title)", user: user,
                            csrf: context.pageSession.map(PageSession.csrfToken))
        guard status == .draft else {
            return layout.render(.p(.text("该规划已发布或归档，不能再按导入修改；目标变化请走目标调整。")),
                                 .p(.a(.href("/plans/\(id)"), .text("查看规划"))))
        }
        let source = try await config.store.sourceDocument(planID: id)
        var lines: SourceLines?
        if let source {
            lines = try await config.documents.run { try? PlanImporter.readDocument(source.data, named: source.name) }
                .map(SourceLines.init)
        }
        var stored = try await config.store.indicators(planID: id).makeIterator()
        let saved = request.uri.queryParameters.get("saved", as: Int64.self)
        let tables = plan.indicatorTables.map { table in
            (caption: table.caption, rows: table.indicators.compactMap { _ in stored.next() })
        }
        let placed = WarningPlacement(plan.warnings, tables: tables.map(\.rows), tableRows: lines?.tableRows ?? [])
        let count = tables.map(\.rows.count).reduce(0, +)
        let proposals = try await PublishPlan(store: config.store).proposals(planID: id)
        return layout.render(
            .unwrap(saved) { _ in .p(.class("notice"), .attribute(named: "role", value: "status"), .text("已保存修改。")) },
            .p(.text("来源：\(source?.name ?? "—") · \(tables.count) 张指标表、\(count) 项指标、\(plan.actions.count) 项行动、"
                     + "\(plan.projects.count) 项重点工程 · \(plan.warnings.count) 条需核对")),
            .form(
                .method(.post), .action("/import/\(id)/publish"), layout.csrfField,
                .button(.type(.submit), .text("核对完毕，发布规划"))
            ),
            headingSection(planID: id, plan: plan, proposals: proposals, layout: layout),
            .h2(.text("需核对（\(plan.warnings.count)）")),
            plan.warnings.isEmpty
                ? .p(.class("muted"), .text("解析没有做任何推断。"))
                : .ol(.class("warnings"), .forEach(plan.warnings) { warning in
                    .li(.unwrap(warning.sourceLine) { line in
                        .unwrap(placed.anchor(of: warning), { .a(.href("#\($0)"), .text("第 \(line) 行：")) }, else: .text("第 \(line) 行："))
                    }, .text(warning.message))
                }),
            .forEach(Array(tables.enumerated())) { index, table in
                .group(
                    .h2(.id("table-\(index)"), .text(table.caption.isEmpty ? "指标表" : table.caption)),
                    .forEach(placed.byTable[index] ?? []) { .p(.class("notice warning"), .text("第 \($0.sourceLine ?? 0) 行：\($0.message)")) },
                    draftTable(planID: id, rows: table.rows, lines: lines, warnings: placed.byRow, layout: layout)
                )
            }
        )
    }

    private func draftTable(
        planID: Int64, rows: [StoredIndicator], lines: SourceLines?, warnings: [Int64: [ImportWarning]], layout: Layout
    ) -> Node<HTML.BodyContext> {
        let years = Array(Set(rows.flatMap { $0.indicator.targets.compactMap(\.year) })).sorted()
        return .div(
            .class("scroll"),
            .table(
                .class("draft"),
                .thead(.tr(
                    .th(.text("原文")), .th(.text("编号")), .th(.text("指标名称")), .th(.text("单位")), .th(.text("基线")),
                    .forEach(years) { .th(.text("\($0) 年目标")) },
                    .th(.text("牵头单位")), .th(.text("配合单位")), .th(.text("保存"))
                )),
                .tbody(.forEach(rows) { stored in
                    draftRow(planID: planID, stored: stored, years: years, lines: lines,
                             warnings: warnings[stored.id] ?? [], layout: layout)
                })
            )
        )
    }

    private func draftRow(
        planID: Int64, stored: StoredIndicator, years: [Int], lines: SourceLines?, warnings: [ImportWarning], layout: Layout
    ) -> Node<HTML.TableContext> {
        let indicator = stored.indicator
        let form = "edit-\(stored.id)"
        func cell(_ field: String, _ value: String?, _ label: String) -> Node<HTML.TableRowContext> {
            .td(.input(.type(.text), .name(field), .value((value ?? "").xmlEscaped), .attribute(named: "form", value: form),
                       .attribute(named: "aria-label", value: "\(indicator.name) \(label)".xmlEscaped)))
        }
        return .tr(
            .id(WarningPlacement.anchor(of: stored)),
            .class(warnings.isEmpty ? "" : "warned"),
            .td(.class("source"),
                .span(.class("small muted"), .text(indicator.sourceLine.map { "第 \($0) 行" } ?? "")),
                .div(.text(lines?[indicator.sourceLine] ?? "")),
                .forEach(warnings) { .p(.class("small warning"), .text("⚠ \($0.message)")) }),
            cell("code", indicator.code, "编号"),
            cell("name", indicator.name, "名称"),
            cell("unit", indicator.unit, "单位"),
            cell("baseline", indicator.baseline?.text, "基线"),
            .forEach(years) { year in cell("target_\(year)", indicator.target(for: year)?.text, "\(year) 年目标") },
            cell("lead", indicator.lead.joined(separator: "、"), "牵头单位"),
            cell("cooperating", indicator.cooperating.joined(separator: "、"), "配合单位"),
            .td(.form(.id(form), .method(.post), .action("/import/\(planID)/indicators/\(stored.id)"), layout.csrfField,
                      .button(.type(.submit), .class("secondary"), .text("保存"))))
        )
    }

    /// Saves one corrected row of the draft.
    @Sendable func edit(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        let planID = try context.pathID()
        let indicatorID = try context.pathID("indicator")
        guard let stored = try await config.store.indicator(id: indicatorID), stored.planID == planID else {
            throw APIError.notFound("指标 \(indicatorID)")
        }
        let updated = try Self.corrected(stored.indicator, by: form)
        try await config.store.editDraftIndicator(id: indicatorID, updated, actor: user.username, at: config.now)
        return .redirect(to: "/import/\(planID)?saved=\(indicatorID)#\(WarningPlacement.anchor(of: stored))", type: .normal)
    }

    /// The indicator with the form's cells: an emptied target cell removes that year's target, department
    /// cells are lists separated by 、，,；; as in plan documents.
    static func corrected(_ indicator: Indicator, by form: FormFields) throws -> Indicator {
        func text(_ field: String) -> String? {
            form[field].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let name = text("name") else {
            throw APIError(.unprocessableContent, code: "invalid", message: "指标名称不能为空", field: "name")
        }
        var updated = indicator
        updated.code = text("code")
        updated.name = name
        updated.unit = text("unit")
        updated.baseline = text("baseline").map { Baseline(year: indicator.baseline?.year, text: $0) }
        var targets = indicator.targets.filter { $0.year == nil }
        for (field, value) in form.fields(prefixed: "target_") {
            guard let year = Int(field), (1900...2100).contains(year) else { continue }
            let value = value.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { targets.append(Target(year: year, text: value)) }
        }
        updated.targets = targets.sorted { ($0.year ?? 0) < ($1.year ?? 0) }
        updated.lead = departments(form["lead"])
        updated.cooperating = departments(form["cooperating"])
        return updated
    }

    private static func departments(_ text: String?) -> [String] {
        (text ?? "").split { "、，,；;".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Sendable func publish(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        let id = try context.pathID()
        guard try await config.store.planSummaries().first(where: { $0.id == id })?.status == .draft else {
            throw APIError(.conflict, code: "not_draft", message: "规划 \(id) 不是草稿，无需再发布")
        }
        try await PublishPlan(store: config.store)(planID: id, by: user, now: config.now)
        return .redirect(to: "/plans/\(id)", type: .normal)
    }
}

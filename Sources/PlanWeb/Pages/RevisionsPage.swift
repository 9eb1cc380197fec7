import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanStore
import Plot

/// Target revisions (目标调整): the office proposes a new target for an indicator and year, with a reason
/// (from the indicator's page); an administrator approves or rejects it here; every decision stays listed.
struct RevisionsPage {
    let config: AppConfig

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let layout = Layout(title: "目标调整", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        var entries: [(revision: TargetRevision, plan: PlanSummary, indicator: StoredIndicator?)] = []
        for plan in try await config.store.planSummaries() {
            let revisions = try await config.store.revisions(planID: plan.id)
            guard !revisions.isEmpty else { continue }
            let indicators = Dictionary(uniqueKeysWithValues: try await config.store.indicators(planID: plan.id).map { ($0.id, $0) })
            entries += revisions.map { ($0, plan, indicators[$0.indicatorID]) }
        }
        let pending = entries.filter { $0.revision.status == .proposed }
        let decided = entries.filter { $0.revision.status != .proposed }
            .sorted { ($0.revision.decidedAt ?? "") > ($1.revision.decidedAt ?? "") }
        let decidedID = request.uri.queryParameters.get("decided")
        return layout.render(
            .unwrap(decidedID) { _ in .p(.class("notice"), .attribute(named: "role", value: "status"), .text("已处理该目标调整。")) },
            .p(.class("small muted"), .text("目标只能通过已批准的调整改变；在指标页面提出调整，管理员在此批准或驳回。")),
            .h2(.text("待批准（\(pending.count)）")),
            pending.isEmpty
                ? .p(.class("muted"), .text("没有待批准的目标调整。"))
                : table(pending, decision: user.role == .admin, layout: layout),
            .h2(.text("调整记录")),
            decided.isEmpty ? .p(.class("muted"), .text("还没有已处理的调整。")) : table(decided, decision: false, layout: layout)
        )
    }

    private func table(
        _ entries: [(revision: TargetRevision, plan: PlanSummary, indicator: StoredIndicator?)], decision: Bool, layout: Layout
    ) -> Node<HTML.BodyContext> {
        .table(
            .thead(.tr(.th(.text("指标")), .th(.text("年度")), .th(.text("原目标")), .th(.text("新目标")), .th(.text("理由")),
                       .th(.text("提出")), .th(.text(decision ? "批准" : "状态")))),
            .tbody(.forEach(entries) { entry in
                let revision = entry.revision
                return .tr(
                    .td(.a(.href("/indicators/\(revision.indicatorID)"), .text(entry.indicator?.indicator.name ?? "指标 \(revision.indicatorID)")),
                        .div(.class("small muted"), .text(entry.plan.title))),
                    .td(.text("\(revision.year)")),
                    .td(.text(revision.oldText ?? "—")),
                    .td(.text(revision.newText)),
                    .td(.text(revision.reason)),
                    .td(.text("\(revision.proposedBy) \(revision.proposedAt ?? "")")),
                    decision
                        ? .td(
                            .form(.class("inline"), .method(.post), .action("/revisions/\(revision.id ?? 0)/decision"), layout.csrfField,
                                  .button(.type(.submit), .name("approve"), .value("yes"), .text("批准")), .text(" "),
                                  .button(.type(.submit), .name("approve"), .value("no"), .class("secondary"), .text("驳回"))))
                        : .td(.text(IndicatorPage.revisionStatus(revision.status)),
                              .unwrap(revision.decidedBy) { .div(.class("small muted"), .text("\($0) \(revision.decidedAt ?? "")")) })
                )
            })
        )
    }

    /// The proposal form on an indicator's page, for the office.
    /// The fields of the form proposing a new target for one of `years`, all but the session's CSRF token: the
    /// same for every session, so they are kept with the indicator page.
    static func proposalFields(indicatorID: Int64, years: [Int]) -> String {
        Node<HTML.FormContext>.group(
            .input(.type(.hidden), .name("indicator"), .value("\(indicatorID)")),
            .div(.label(.for("revision-year"), .text("年度")),
                 .select(.id("revision-year"), .attribute(named: "name", value: "year"),
                         .forEach(years) { .choice("\($0)", "\($0) 年", selected: $0 == years.last) })),
            .div(.label(.for("revision-text"), .text("新目标")),
                 .input(.type(.text), .id("revision-text"), .name("newText"), .required(true), .placeholder("如 ≥81.5"))),
            .div(.label(.for("revision-reason"), .text("调整理由")),
                 .input(.type(.text), .id("revision-reason"), .name("reason"), .required(true))),
            .button(.type(.submit), .text("提出调整"))
        ).render()
    }

    /// The proposal form: kept `fields` and this session's CSRF token. Written out rather than built with
    /// Plot on each request, which cost a fifth of an indicator page (BENCHMARKS.md).
    static func proposalForm(fields: String, layout: Layout) -> String {
        #"<form class="filters" method="post" action="/revisions">"# + layout.csrfInput + fields + "</form>"
    }

    @Sendable func propose(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        func text(_ field: String, _ name: String) throws -> String {
            let value = (form[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else { throw APIError(.unprocessableContent, code: "invalid", message: "请填写\(name)", field: field) }
            return value
        }
        guard let indicatorID = form["indicator"].flatMap({ Int64($0) }), let year = form["year"].flatMap({ Int($0) }),
            (1900...2100).contains(year)
        else { throw APIError(.unprocessableContent, code: "invalid", message: "指标或年度无效") }
        _ = try await ProposeRevision(store: config.store)(
            indicatorID: indicatorID, year: year, newText: try text("newText", "新目标"), reason: try text("reason", "调整理由"), by: user,
            now: config.now)
        return .redirect(to: "/indicators/\(indicatorID)?proposed=1#revisions", type: .normal)
    }

    @Sendable func decide(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        let id = try context.pathID()
        guard let approve = form["approve"].flatMap({ ["yes": true, "no": false][$0] }) else {
            throw APIError(.unprocessableContent, code: "invalid", message: "请选择批准或驳回")
        }
        _ = try await config.store.decideRevision(id: id, approve: approve, actor: user.username, at: config.now)
        return .redirect(to: "/revisions?decided=\(id)", type: .normal)
    }
}

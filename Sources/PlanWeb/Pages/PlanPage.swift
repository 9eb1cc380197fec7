import Hummingbird
import PlanCore
import PlanStore
import Plot

/// The plans, and one plan's indicator tree: baseline, yearly targets, lead and cooperating units, and how
/// the year stands, with filters by domain, department and status.
struct PlanPage {
    let config: AppConfig
    let cache: PageCache

    @Sendable func list(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let plans = try await config.store.planSummaries()
        return Layout(title: "规划", user: user, csrf: context.pageSession.map(PageSession.csrfToken)).render(
            plans.isEmpty
                ? .p(.text("还没有规划。"))
                : .table(
                    .thead(.tr(.th(.text("规划")), .th(.text("地区")), .th(.text("期限")), .th(.text("状态")))),
                    .tbody(.forEach(plans) { plan in
                        .tr(.td(.a(.href("/plans/\(plan.id)"), .text(plan.title.isEmpty ? "规划 \(plan.id)" : plan.title))),
                            .td(.text(plan.region ?? "—")),
                            .td(.text(plan.period.map { "\($0.start)–\($0.end)" } ?? "—")),
                            .td(.text(Self.statusName(plan.status))))
                    })))
    }

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let id = try context.pathID()
        let query = request.uri.queryParameters
        let filter = Filter(
            year: query.get("year", as: Int.self),
            domain: query.get("domain").flatMap { $0.isEmpty ? nil : $0 },
            department: query.get("department").flatMap { $0.isEmpty ? nil : $0 },
            status: query.get("status").flatMap(Evaluation.Status.init(rawValue:)))
        let withReports = user.role != .reporter
        let key = PageCache.key(
            "plan", String(id), filter.year.map(String.init), filter.domain, filter.department, filter.status?.rawValue,
            String(withReports))
        let content = try await cache.content(key, stamp: context.changeStamp, store: config.store) {
            try await self.content(id: id, filter: filter, withReports: withReports)
        }
        return Layout(title: content.title, user: user, csrf: context.pageSession.map(PageSession.csrfToken)).render(html: content.html)
    }

    /// What the indicator tree shows: the year judged and the indicators kept.
    struct Filter: Sendable {
        var year: Int?
        var domain: String?
        var department: String?
        var status: Evaluation.Status?
    }

    /// The page's title and everything below it, computed from the store alone.
    private func content(id: Int64, filter: Filter, withReports: Bool) async throws -> (title: String, html: String) {
        guard let board = try await PlanBoard.load(store: config.store, planID: id, year: filter.year) else {
            throw APIError.notFound("规划 \(id)")
        }
        let (domain, department, status) = (filter.domain, filter.department, filter.status)
        let years = Array(Set(board.indicators.flatMap { $0.indicator.targets.compactMap(\.year) })).sorted()
        let shown = board.indicators.filter { stored in
            let indicator = stored.indicator
            return (domain == nil || indicator.domain.first == domain)
                && (department == nil || (indicator.lead + indicator.cooperating).contains(department!))
                && (status == nil || board.tally([stored])[status!] > 0)
        }
        let departments = Array(Set(board.indicators.flatMap(\.indicator.lead))).sorted()
        let html = Node<HTML.BodyContext>.group(
            .p(.class("muted"), .text("\(board.summary.region ?? "") · \(Self.statusName(board.summary.status)) · 达标情况为 \(board.year) 年度各地区已审核数据")),
            .form(
                .class("filters"), .method(.get), .action("/plans/\(id)"),
                Self.select("domain", "领域", options: board.byDomain.map(\.domain), selected: domain),
                Self.select("department", "牵头部门", options: departments, selected: department),
                Self.select("status", "状态", options: Evaluation.Status.allCases.map(\.rawValue), selected: status?.rawValue,
                            names: Evaluation.Status.allCases.map(StatusBadge.name)),
                .input(.type(.hidden), .name("year"), .value("\(board.year)")),
                .button(.type(.submit), .class("secondary"), .text("筛选"))
            ),
            .if(withReports, .p(
                .text("\(board.year) 年度监测评估报告："),
                .forEach([("html", "网页"), ("docx", "Word"), ("xlsx", "Excel"), ("csv", "CSV"), ("scorecards", "部门计分卡")]) { format, name in
                    .group(.a(.href("/plans/\(id)/report?year=\(board.year)&format=\(format)"), .text(name)), .text(" "))
                })),
            .p(.class("small muted"), .text("共 \(board.indicators.count) 项指标，显示 \(shown.count) 项")),
            .table(
                .thead(.tr(
                    .th(.text("领域")), .th(.text("序号")), .th(.text("指标")), .th(.text("单位")), .th(.text("基线")),
                    .forEach(years) { .th(.text("\($0) 年目标")) },
                    .th(.text("牵头单位")), .th(.text("配合单位")), .th(.text("\(board.year) 年度状态"))
                )),
                .tbody(.forEach(shown) { stored in
                    let indicator = stored.indicator
                    return .tr(
                        .td(.text(indicator.domain.joined(separator: " / "))),
                        .td(.text(indicator.code ?? "")),
                        .td(.a(.href("/indicators/\(stored.id)"), .text(indicator.name))),
                        .td(.text(indicator.unit ?? "")),
                        .td(.text(indicator.baseline.map { b in b.year.map { "\(b.text)（\($0)）" } ?? b.text } ?? "—")),
                        .forEach(years) { year in .td(.text(indicator.target(for: year)?.text ?? "")) },
                        .td(.text(indicator.lead.joined(separator: "、"))),
                        .td(.text(indicator.cooperating.joined(separator: "、"))),
                        .td(StatusBadge.lights(board.tally([stored])))
                    )
                })
            )
        ).render()
        return (board.summary.title.isEmpty ? "规划 \(id)" : board.summary.title, html)
    }

    static func select(_ name: String, _ label: String, options: [String], selected: String?, names: [String]? = nil)
        -> Node<HTML.FormContext>
    {
        .div(
            .label(.for(name), .text(label)),
            .select(
                .id(name), .attribute(named: "name", value: name),
                .choice("", "全部", selected: selected == nil),
                .forEach(Array(options.enumerated())) { index, option in
                    .choice(option, names?[index] ?? option, selected: option == selected)
                }
            )
        )
    }

    static func statusName(_ status: PlanStatus) -> String {
        switch status {
        case .draft: "草稿"
        case .published: "已发布"
        case .archived: "已归档"
        }
    }
}

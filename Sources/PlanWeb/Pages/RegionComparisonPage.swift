import Hummingbird
import PlanCore
import PlanStore
import Plot

/// The region comparison (地区对比): a region × indicator matrix of the year's judgements.
struct RegionComparisonPage {
    let config: AppConfig

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let query = request.uri.queryParameters
        let layout = Layout(title: "地区对比", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        guard let board = try await PlanBoard.load(store: config.store, planID: query.get("plan", as: Int64.self), year: query.get("year", as: Int.self))
        else { return layout.render(.p(.text("还没有规划。"))) }
        let domain = query.get("domain").flatMap { $0.isEmpty ? nil : $0 } ?? board.byDomain.first?.domain
        let shown = board.indicators.filter { $0.indicator.domain.first == domain }
        return layout.render(
            .p(.class("muted"), .text("\(board.summary.title) · \(board.year) 年度 · 依据已审核通过的数据")),
            .form(
                .class("filters"), .method(.get), .action("/regions"),
                .input(.type(.hidden), .name("plan"), .value("\(board.summary.id)")),
                .input(.type(.hidden), .name("year"), .value("\(board.year)")),
                PlanPage.select("domain", "领域", options: board.byDomain.map(\.domain), selected: domain),
                .button(.type(.submit), .class("secondary"), .text("查看"))
            ),
            .table(
                .class("matrix"),
                .thead(.tr(.th(.text("地区")), .forEach(shown) { .th(.a(.href("/indicators/\($0.id)"), .text($0.indicator.name))) })),
                .tbody(.forEach(board.regions) { region in
                    .tr(.th(.class("row"), .text(region.name)), .forEach(shown) { indicator in
                        .td(StatusBadge.badge(board.status(of: indicator.id, in: region.code)))
                    })
                })
            )
        )
    }
}

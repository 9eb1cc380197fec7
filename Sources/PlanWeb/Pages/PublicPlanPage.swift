import Hummingbird
import PlanCore
import PlanStore
import Plot

/// The public, read-only view of published plans (公开): targets and how each domain and indicator stands,
/// from approved values only. No sign-in; drafts and archived plans are not shown; no names of people, no
/// unreviewed numbers, no forms.
struct PublicPlanPage {
    let config: AppConfig
    let cache: PageCache

    func add(to router: Router<AppRequestContext>) {
        router.get("/public") { _, _ in try await list() }
        router.get("/public/plans/:id") { request, context in try await render(request, context) }
    }

    func list() async throws -> Response {
        let plans = try await config.store.planSummaries().filter { $0.status == .published }
        return Layout(title: "健康城市行动公开信息", user: nil, csrf: nil).render(
            plans.isEmpty
                ? .p(.text("暂无已发布的规划。"))
                : .ul(.forEach(plans) { plan in
                    .li(.a(.href("/public/plans/\(plan.id)"), .text(plan.title.isEmpty ? "规划 \(plan.id)" : plan.title)),
                        .text(plan.period.map { "（\($0.start)–\($0.end)）" } ?? ""))
                }),
            .p(.class("small muted"), .a(.href("/login"), .text("工作人员登录"))))
    }

    func render(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.pathID()
        let year = request.uri.queryParameters.get("year", as: Int.self)
        // Kept until the store changes: anyone may ask for this page, as often as they like.
        let key = PageCache.key("public", String(id), year.map(String.init))
        let content = try await cache.content(key, stamp: context.changeStamp, store: config.store) {
            try await self.content(id: id, year: year)
        }
        guard let content else {
            return Layout(title: "未找到", user: nil, csrf: nil).render(
                .p(.text("没有这个已发布的规划。")), .p(.a(.href("/public"), .text("查看已发布的规划"))), status: .notFound)
        }
        return Layout(title: content.title, user: nil, csrf: nil).render(html: content.html)
    }

    /// The page's title and everything below it; nil when no published plan has this id.
    private func content(id: Int64, year: Int?) async throws -> (title: String, html: String)? {
        guard try await config.store.planSummaries().first(where: { $0.id == id })?.status == .published,
            let board = try await PlanBoard.load(store: config.store, planID: id, year: year)
        else { return nil }
        let years = Array(Set(board.indicators.flatMap { $0.indicator.targets.compactMap(\.year) })).sorted()
        let html = Node<HTML.BodyContext>.group(
            .p(.class("muted"), .text("\(board.summary.region ?? "") · \(board.year) 年度 · 依据已审核通过的监测数据（指标×地区计数）")),
            .h2(.text("各领域指标达标情况")),
            .div(.class("cards"), .forEach(board.byDomain) { group in
                .div(.class("card"), .h3(.text(group.domain)), StatusBadge.lights(board.tally(group.indicators)))
            }),
            .h2(.text("指标与目标")),
            .table(
                .thead(.tr(
                    .th(.text("领域")), .th(.text("指标")), .th(.text("单位")), .th(.text("基线")),
                    .forEach(years) { .th(.text("\($0) 年目标")) },
                    .th(.text("牵头单位")), .th(.text("\(board.year) 年度"))
                )),
                .tbody(.forEach(board.indicators) { stored in
                    let indicator = stored.indicator
                    return .tr(
                        .td(.text(indicator.domain.first ?? "")),
                        .td(.text([indicator.code, indicator.name].compactMap { $0 }.joined(separator: " "))),
                        .td(.text(indicator.unit ?? "")),
                        .td(.text(indicator.baseline?.text ?? "—")),
                        .forEach(years) { year in .td(.text(indicator.target(for: year)?.text ?? "")) },
                        .td(.text(indicator.lead.joined(separator: "、"))),
                        .td(StatusBadge.lights(board.tally([stored])))
                    )
                })
            ),
            .p(.class("small muted"), .a(.href("/public"), .text("全部已发布规划")))
        ).render()
        return (board.summary.title.isEmpty ? "规划 \(id)" : board.summary.title, html)
    }
}

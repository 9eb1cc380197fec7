import Foundation
import Hummingbird
import PlanCore
import PlanStore
import Plot

/// The office dashboard (总览): a traffic-light board by domain, progress by lead department and by region,
/// the open cycle's deadline and who is late, and the latest changes.
struct DashboardPage {
    let config: AppConfig
    let cache: PageCache

    func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let query = request.uri.queryParameters
        let planID = query.get("plan", as: Int64.self)
        let year = query.get("year", as: Int.self)
        let today = config.today
        let key = PageCache.key("dashboard", planID.map(String.init), year.map(String.init), today)
        let content = try await cache.content(key, stamp: context.changeStamp, store: config.store) {
            try await self.content(planID: planID, year: year, today: today)
        }
        return Layout(title: "总览", user: user, csrf: context.pageSession.map(PageSession.csrfToken)).render(html: content)
    }

    /// Everything below the page's title: the same for every user, computed from the store alone.
    private func content(planID: Int64?, year: Int?, today: String) async throws -> String {
        guard let board = try await PlanBoard.load(store: config.store, planID: planID, year: year) else {
            return Node<HTML.BodyContext>.p(.text("还没有规划。管理员可用 hcm plans add 或接口 POST /api/v1/plans 导入规划文件。")).render()
        }
        let cycles = try await config.store.cycles(planID: board.summary.id)
        let audit = try await config.store.auditLog(limit: 10)
        return Node<HTML.BodyContext>.group(
            .p(.class("muted"), .text("\(board.summary.title) · \(board.year) 年度 · 依据已审核通过的数据")),
            yearPicker(board, cycles: cycles),
            .h2(.text("各领域指标达标情况")),
            .div(.class("cards"), .forEach(board.byDomain) { group in
                .div(.class("card"), .h3(.text(group.domain)), StatusBadge.lights(board.tally(group.indicators)))
            }),
            deadlines(board, cycles: cycles, today: today),
            .h2(.text("按牵头部门")),
            .table(
                .thead(.tr(.th(.text("牵头部门")), .th(.text("指标数")), .th(.text("各状态（指标×地区）")), .th(.text("达标率")))),
                .tbody(.forEach(board.byLead) { group in
                    let tally = board.tally(group.indicators)
                    return .tr(.td(.text(group.department)), .td(.class("num"), .text("\(group.indicators.count)")),
                               .td(StatusBadge.lights(tally)), .td(StatusBadge.bar(tally)))
                })
            ),
            .h2(.text("按地区")),
            .table(
                .thead(.tr(.th(.text("地区")), .th(.text("各状态")), .th(.text("达标率")))),
                .tbody(.forEach(board.regions) { region in
                    let tally = board.indicators.reduce(into: Tally()) { $0.add(board.status(of: $1.id, in: region.code)) }
                    return .tr(.td(.text(region.name)), .td(StatusBadge.lights(tally)), .td(StatusBadge.bar(tally)))
                })
            ),
            .h2(.text("最近变更")),
            .table(
                .thead(.tr(.th(.text("时间")), .th(.text("操作人")), .th(.text("操作")), .th(.text("对象")))),
                .tbody(.forEach(audit) { entry in
                    .tr(.td(.class("small"), .text(entry.at)), .td(.text(entry.actor)), .td(.text(entry.action)),
                        .td(.text("\(entry.entity) \(entry.entityID)")))
                })
            )
        ).render()
    }

    private func yearPicker(_ board: PlanBoard, cycles: [ReportingCycle]) -> Node<HTML.BodyContext> {
        .form(
            .class("filters"), .method(.get), .action("/"),
            .input(.type(.hidden), .name("plan"), .value("\(board.summary.id)")),
            .div(
                .label(.for("year"), .text("年度")),
                .select(.id("year"), .attribute(named: "name", value: "year"), .forEach(cycles.map(\.year).sorted(by: >)) { year in
                    .choice("\(year)", "\(year) 年", selected: year == board.year)
                })
            ),
            .button(.type(.submit), .class("secondary"), .text("查看"))
        )
    }

    /// The cycles still open or past their deadline with values missing: how many each region still owes.
    private func deadlines(_ board: PlanBoard, cycles: [ReportingCycle], today: String) -> Node<HTML.BodyContext> {
        let relevant = cycles.filter { $0.opens <= today }.sorted { $0.year > $1.year }.prefix(2)
        return .group(.forEach(Array(relevant)) { cycle in
            let handedIn = Set(board.observations.filter { $0.year == cycle.year && $0.status.isHandedIn }
                .map { "\($0.indicatorID ?? 0)|\($0.regionCode)" })
            let owing = board.regions.map { region in
                (region, board.indicators.filter { !handedIn.contains("\($0.id)|\(region.code)") }.count)
            }.filter { $0.1 > 0 }
            let late = cycle.deadline < today
            let heading = late
                ? "\(cycle.year) 年度填报已于 \(cycle.deadline) 截止：逾期未报"
                : "\(cycle.year) 年度填报截止 \(cycle.deadline)（还剩 \(Self.days(from: today, to: cycle.deadline)) 天）：尚未提交"
            return .group(
                .h2(.text(heading)),
                owing.isEmpty || cycle.year != board.year
                    ? .p(.class("muted"), .text(cycle.year != board.year ? "切换到 \(cycle.year) 年度查看明细。" : "各地区均已提交。"))
                    : .table(
                        .thead(.tr(.th(.text("地区")), .th(.text("未提交指标数")))),
                        .tbody(.forEach(owing) { region, count in
                            .tr(.td(.text(region.name)), .td(.class(late ? "num status notMet" : "num"), .text("\(count)")))
                        }))
            )
        })
    }

    static func days(from: String, to: String) -> Int {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        guard let a = formatter.date(from: from), let b = formatter.date(from: to) else { return 0 }
        return Int((b.timeIntervalSince(a) / 86400).rounded())
    }
}

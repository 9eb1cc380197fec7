import Hummingbird
import PlanCore
import PlanReports
import PlanStore
import Plot

/// One indicator: its chart (baseline → targets → actuals), the value and judgement of every region in
/// every year, the evidence, and the history of its targets.
struct IndicatorPage {
    let config: AppConfig
    let cache: PageCache

    /// Whose view of the values: reporters see other regions' approved values only, as in the API.
    enum Viewer {
        case office
        case reporter(region: String?)

        init(_ user: User) { self = user.role == .reporter ? .reporter(region: user.regionCode) : .office }

        func sees(_ observation: Observation) -> Bool {
            switch self {
            case .office: true
            case .reporter(let region): observation.regionCode == region || observation.status == .approved
            }
        }
    }

    /// The page below its title, except what depends on the session (the revision proposal form's token).
    struct Content: Sendable {
        var name: String
        var html: String
        /// The revision proposal form's fields, for the indicator's target years and those already revised;
        /// nil when there are no such years.
        var proposalFields: String?
    }

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let id = try context.pathID()
        let regionFilter = request.uri.queryParameters.get("region").flatMap { $0.isEmpty ? nil : $0 }
        let viewer = Viewer(user)
        let key = PageCache.key("indicator", String(id), "\(viewer)", regionFilter)
        let content = try await cache.content(key, stamp: context.changeStamp, store: config.store) {
            try await self.content(id: id, viewer: viewer, regionFilter: regionFilter)
        }
        let layout = Layout(title: content.name, user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        var html = content.html
        if request.uri.queryParameters.get("proposed") != nil {
            html += Node<HTML.BodyContext>.p(
                .class("notice"), .attribute(named: "role", value: "status"), .text("已提出目标调整，待管理员批准。")
            ).render()
        }
        if [.admin, .reviewer].contains(user.role), let fields = content.proposalFields {
            html += RevisionsPage.proposalForm(fields: fields, layout: layout)
        }
        return layout.render(html: html)
    }

    private func content(id: Int64, viewer: Viewer, regionFilter: String?) async throws -> Content {
        guard let stored = try await config.store.indicator(id: id) else { throw APIError.notFound("指标 \(id)") }
        let indicator = stored.indicator
        let regions = try await config.store.regions().filter { $0.level >= .county }
        let visible = try await config.store.observations(planID: stored.planID, year: nil, regionCode: nil)
            .filter { $0.indicatorID == id && viewer.sees($0) }
        let approved = visible.filter { $0.status == .approved }
        let years = Array(Set(visible.map(\.year))).sorted()
        let revisions = try await config.store.revisions(planID: stored.planID).filter { $0.indicatorID == id }
        let regionName = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0.name) })
        // Each approved cell judged by the one evaluation (reviewers' decisions included), as reports show it.
        let judged = try await Self.evaluations(of: stored, approved: approved, store: config.store)

        let chart = IndicatorChart(
            unit: indicator.unit,
            baseline: indicator.baseline.flatMap { b in b.value.flatMap { v in b.year.map { .init(year: $0, value: v) } } },
            targets: indicator.targets.compactMap { t in t.year.flatMap { y in t.parsed.singleValue.map { .init(year: y, value: $0) } } },
            actuals: Self.series(approved, region: regionFilter))
        let chartTitle = "\(indicator.name)：" + (regionFilter.map { regionName[$0] ?? $0 } ?? "各地区已审核值的平均")
        let html = Node<HTML.BodyContext>.group(
            .p(.a(.href("/plans/\(stored.planID)"), .text("← 返回规划"))),
            .table(.tbody(
                .tr(.th(.text("领域")), .td(.text(indicator.domain.joined(separator: " / ")))),
                .tr(.th(.text("单位")), .td(.text(indicator.unit ?? "—"))),
                .tr(.th(.text("基线")), .td(.text(indicator.baseline.map { b in b.year.map { "\(b.text)（\($0) 年）" } ?? b.text } ?? "—"))),
                .tr(.th(.text("目标")), .td(.text(indicator.targets.map { t in t.year.map { "\($0) 年：\(t.text)" } ?? t.text }.joined(separator: "；")))),
                .tr(.th(.text("牵头单位")), .td(.text(indicator.lead.joined(separator: "、")))),
                .tr(.th(.text("配合单位")), .td(.text(indicator.cooperating.joined(separator: "、"))))
            )),
            .h2(.text("走势")),
            .form(
                .class("filters"), .method(.get), .action("/indicators/\(id)"),
                PlanPage.select("region", "地区", options: regions.map(\.code), selected: regionFilter, names: regions.map(\.name)),
                .button(.type(.submit), .class("secondary"), .text("查看"))
            ),
            .div(.raw(chart.svg(title: chartTitle)), .p(.class("small muted"), .text(chartTitle))),
            .h2(.text("各地区数值")),
            .table(
                .thead(.tr(.th(.text("地区")), .forEach(years) { .th(.text("\($0) 年")) })),
                .tbody(.forEach(regions) { region in
                    .tr(.th(.text(region.name)), .forEach(years) { year in
                        let observation = visible.first { $0.regionCode == region.code && $0.year == year }
                        return .td(Self.cell(observation, evaluation: judged["\(region.code)|\(year)"]))
                    })
                })
            ),
            .h2(.text("佐证材料")),
            Self.evidence(visible, regionName: regionName),
            .h2(.id("revisions"), .text("目标调整记录")),
            revisions.isEmpty
                ? .p(.class("muted"), .text("没有目标调整。"))
                : .table(
                    .thead(.tr(.th(.text("年度")), .th(.text("原目标")), .th(.text("新目标")), .th(.text("理由")), .th(.text("提出")), .th(.text("状态")))),
                    .tbody(.forEach(revisions) { revision in
                        .tr(.td(.text("\(revision.year)")), .td(.text(revision.oldText ?? "—")), .td(.text(revision.newText)),
                            .td(.text(revision.reason)), .td(.text(revision.proposedBy)), .td(.text(Self.revisionStatus(revision.status))))
                    }))
        ).render()
        let targetYears = Array(Set(indicator.targets.compactMap(\.year) + revisions.map(\.year))).sorted()
        return Content(
            name: indicator.name, html: html,
            proposalFields: targetYears.isEmpty ? nil : RevisionsPage.proposalFields(indicatorID: id, years: targetYears))
    }

    /// The chart's actual values: one region's, or the mean over the regions that reported, per year.
    static func series(_ approved: [Observation], region: String?) -> [IndicatorChart.Point] {
        var sums: [Int: (Double, Int)] = [:]
        for observation in approved where region == nil || observation.regionCode == region {
            guard let value = observation.value else { continue }
            let current = sums[observation.year] ?? (0, 0)
            sums[observation.year] = (current.0 + value, current.1 + 1)
        }
        return sums.keys.sorted().map { IndicatorChart.Point(year: $0, value: sums[$0]!.0 / Double(sums[$0]!.1)) }
    }

    /// The indicator's approved values judged by `PlanEvaluator`, by "region|year".
    static func evaluations(of stored: StoredIndicator, approved: [Observation], store: any PlanRepository) async throws
        -> [String: Evaluation]
    {
        guard !approved.isEmpty, let plan = try await store.plan(id: stored.planID),
            let position = plan.indicatorTables.flatMap(\.indicators).firstIndex(where: { $0.id == stored.id })
        else { return [:] }
        let evaluator = PlanEvaluator(plan: plan, observations: approved, decisions: try await store.decisions(planID: stored.planID, year: nil))
        var judged: [String: Evaluation] = [:]
        for observation in approved {
            judged["\(observation.regionCode)|\(observation.year)"] =
                evaluator.evaluate(year: observation.year, region: observation.regionCode).indicators[position].evaluation
        }
        return judged
    }

    static func cell(_ observation: Observation?, evaluation: Evaluation?) -> Node<HTML.BodyContext> {
        guard let observation else { return .span(.class("muted"), .text("—")) }
        guard observation.status == .approved, let evaluation else {
            return .group(.text(observation.valueText + " "), StatusBadge.badge(observation.status))
        }
        return .group(
            .text(observation.valueText + " "),
            .span(.class("status \(evaluation.status.rawValue)"), .title(evaluation.explanation.xmlEscaped), .text(StatusBadge.name(evaluation.status))))
    }

    static func evidence(_ observations: [Observation], regionName: [String: String]) -> Node<HTML.BodyContext> {
        let withEvidence = observations.filter { !($0.evidence ?? "").isEmpty }.sorted { ($0.year, $0.regionCode) > ($1.year, $1.regionCode) }
        guard !withEvidence.isEmpty else { return .p(.class("muted"), .text("没有佐证材料。")) }
        return .table(
            .thead(.tr(.th(.text("年度")), .th(.text("地区")), .th(.text("佐证说明")), .th(.text("填报人")))),
            .tbody(.forEach(withEvidence.prefix(50)) { observation in
                .tr(.td(.text("\(observation.year)")), .td(.text(regionName[observation.regionCode] ?? observation.regionCode)),
                    .td(.text(observation.evidence ?? "")), .td(.text(observation.submittedBy ?? observation.updatedBy ?? "")))
            }))
    }

    static func revisionStatus(_ status: TargetRevision.Status) -> String {
        switch status {
        case .proposed: "待批准"
        case .approved: "已批准"
        case .rejected: "已驳回"
        }
    }
}

import Hummingbird
import PlanCore
import PlanReports
import PlanStore
import Plot

/// Items numbers cannot judge (定性指标), on the review page: approved values whose target needs a person —
/// "暗访达标", "完成省级目标", a value written as words — each decided met or not met with its evidence.
extension ReviewPage {
    struct Undecided {
        var planID: Int64
        var indicator: StoredIndicator
        var observation: Observation

        /// Whether the reporter chose met (达标, 未发生) for a qualitative target; nil with no choice.
        var reportedMet: Bool? {
            indicator.indicator.judgedTarget(for: observation.year).flatMap { QualitativeChoice.choice(in: observation.valueText, for: $0.text) }
        }
    }

    func undecided() async throws -> [Undecided] {
        var items: [Undecided] = []
        for plan in try await config.store.planSummaries() where plan.status == .published {
            let indicators = Dictionary(uniqueKeysWithValues: try await config.store.indicators(planID: plan.id).map { ($0.id, $0) })
            let decided = Set(try await config.store.decisions(planID: plan.id, year: nil).map { "\($0.evaluationKey)|\($0.regionCode)|\($0.year)" })
            for observation in try await config.store.observations(planID: plan.id, year: nil, regionCode: nil)
            where observation.status == .approved && !decided.contains("\(observation.evaluationKey)|\(observation.regionCode)|\(observation.year)") {
                guard let indicator = observation.indicatorID.flatMap({ indicators[$0] }),
                    indicator.indicator.evaluate(observation).status == .needsReview
                else { continue }
                items.append(Undecided(planID: plan.id, indicator: indicator, observation: observation))
            }
        }
        return items.sorted { ($0.observation.year, $0.observation.regionCode) > ($1.observation.year, $1.observation.regionCode) }
    }

    func decisionSection(_ items: [Undecided], regionName: [String: String], layout: Layout) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("decisions"), .text("待人工判定（\(items.count)）")),
            .p(.class("small muted"), .text("目标为定性表述或引用上级数据、或填报值为文字的已审核数据，需写明依据后判定是否达标；判定连同判定人保存。")),
            items.isEmpty
                ? .p(.class("muted"), .text("没有待人工判定的数据。"))
                : .table(
                    .thead(.tr(.th(.text("地区")), .th(.text("指标")), .th(.text("年度")), .th(.text("填报值")), .th(.text("目标")),
                               .th(.text("佐证")), .th(.text("判定")))),
                    .tbody(.forEach(items.prefix(200)) { item in
                        let o = item.observation
                        let form = "decide-\(item.indicator.id)-\(o.regionCode)-\(o.year)".xmlEscaped
                        return .tr(
                            .td(.text(regionName[o.regionCode] ?? o.regionCode)),
                            .td(.a(.href("/indicators/\(item.indicator.id)"), .text(item.indicator.indicator.name))),
                            .td(.text("\(o.year)")),
                            .td(.text(o.valueText)),
                            .td(.text(item.indicator.indicator.judgedTarget(for: o.year)?.text ?? "—")),
                            .td(.text(o.evidence ?? "")),
                            .td(.form(
                                .id(form), .method(.post), .action("/review/decisions"), layout.csrfField,
                                .input(.type(.hidden), .name("plan"), .value("\(item.planID)")),
                                .input(.type(.hidden), .name("indicatorID"), .value("\(item.indicator.id)")),
                                .input(.type(.hidden), .name("region"), .value(o.regionCode.xmlEscaped)),
                                .input(.type(.hidden), .name("year"), .value("\(o.year)")),
                                .select(.attribute(named: "name", value: "verdict"), .attribute(named: "aria-label", value: "判定结果"),
                                        // The reporter's own choice (达标/未发生 …) is the default verdict.
                                        .choice("met", "达标", selected: item.reportedMet != false),
                                        .choice("notMet", "未达标", selected: item.reportedMet == false)),
                                .input(.type(.text), .name("evidence"), .required(true), .placeholder("判定依据"),
                                       .attribute(named: "aria-label", value: "判定依据")),
                                .button(.type(.submit), .class("secondary"), .text("判定"))))
                        )
                    }))
        )
    }

    @Sendable func decideItem(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        guard let planID = form["plan"].flatMap({ Int64($0) }), let year = form["year"].flatMap({ Int($0) }),
            let indicatorID = form["indicatorID"].flatMap({ Int64($0) }), let region = form["region"],
            let verdict = form["verdict"].flatMap(ReviewerDecision.Verdict.init(rawValue:))
        else { throw APIError(.unprocessableContent, code: "invalid", message: "判定内容不完整") }
        _ = try await AssessmentController.decide(
            planID: planID,
            .init(indicatorID: indicatorID, regionCode: region, year: year, verdict: verdict, evidence: form["evidence"] ?? "", marks: nil),
            by: user, config: config)
        return .redirect(to: "/review?decided=1#decisions", type: .normal)
    }
}

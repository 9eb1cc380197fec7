import Hummingbird
import PlanApp
import PlanCore
import PlanReports
import PlanStore
import Plot

/// The review queue (审核): every submitted value with its target and a first judgement; approve or return
/// with a comment, one by one or all at once.
struct ReviewPage {
    let config: AppConfig

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let query = request.uri.queryParameters
        let layout = Layout(title: "审核", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        let regionName = Dictionary(uniqueKeysWithValues: try await config.store.regions().map { ($0.code, $0.name) })
        var pending: [(observation: Observation, indicator: StoredIndicator)] = []
        for plan in try await config.store.planSummaries() where plan.status == .published {
            let indicators = Dictionary(uniqueKeysWithValues: try await config.store.indicators(planID: plan.id).map { ($0.id, $0) })
            for observation in try await config.store.observations(planID: plan.id, year: nil, regionCode: nil)
            where [.submitted, .resubmitted].contains(observation.status) {
                if let indicator = observation.indicatorID.flatMap({ indicators[$0] }) { pending.append((observation, indicator)) }
            }
        }
        let done = query.get("done", as: Int.self)
        let undecided = try await undecided()
        return layout.render(
            .unwrap(done) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text("已处理 \($0) 条。")) },
            .if(query.get("decided") != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("判定已保存。"))),
            pending.isEmpty
                ? .p(.text("没有待审核的数据。"))
                : .group(
                    .form(
                        .method(.post), .action("/review"), layout.csrfField,
                        .input(.type(.hidden), .name("items"), .value(pending.map { Self.key($0.observation) }.joined(separator: ";").xmlEscaped)),
                        .button(.type(.submit), .name("action"), .value("approve"), .text("全部通过（\(pending.count) 条）"))
                    ),
                    .table(
                        .thead(.tr(.th(.text("地区")), .th(.text("指标")), .th(.text("年度")), .th(.text("填报值")),
                                   .th(.text("目标")), .th(.text("初判")), .th(.text("佐证")), .th(.text("操作")))),
                        .tbody(.forEach(pending) { item in row(item, regionName: regionName, layout: layout) })
                    )
                ),
            decisionSection(undecided, regionName: regionName, layout: layout)
        )
    }

    private func row(_ item: (observation: Observation, indicator: StoredIndicator), regionName: [String: String], layout: Layout)
        -> Node<HTML.TableContext>
    {
        let observation = item.observation
        let indicator = item.indicator.indicator
        let evaluation = indicator.evaluate(observation)
        let key = Self.key(observation)
        return .tr(
            .td(.text(regionName[observation.regionCode] ?? observation.regionCode)),
            .td(.a(.href("/indicators/\(item.indicator.id)"), .text(indicator.name))),
            .td(.text("\(observation.year)")),
            .td(.text("\(observation.valueText) \(observation.unit ?? indicator.unit ?? "")"), .text(" "), StatusBadge.badge(observation.status)),
            .td(.text(indicator.judgedTarget(for: observation.year)?.text ?? "—")),
            .td(.span(.class("status \(evaluation.status.rawValue)"), .title(evaluation.explanation.xmlEscaped), .text(StatusBadge.name(evaluation.status)))),
            .td(.text(observation.evidence ?? ""),
                // 说明 of a big change from last year, highlighted: it is what the reviewer must weigh.
                .unwrap(observation.explanation) { .p(.class("notice"), .strong(.text("说明：")), .text($0)) }),
            .td(
                .form(.class("inline"), .method(.post), .action("/review"), layout.csrfField,
                      .input(.type(.hidden), .name("items"), .value(key.xmlEscaped)),
                      .button(.type(.submit), .name("action"), .value("approve"), .text("通过"))),
                .form(.method(.post), .action("/review"), layout.csrfField,
                      .input(.type(.hidden), .name("items"), .value(key.xmlEscaped)),
                      .input(.type(.text), .name("comment"), .placeholder("退回原因"), .attribute(named: "aria-label", value: "退回原因")),
                      .button(.type(.submit), .name("action"), .value("return"), .class("secondary"), .text("退回")))
            )
        )
    }

    /// An item in a form: indicator, region, year and the version the reviewer saw.
    static func key(_ observation: Observation) -> String {
        "\(observation.indicatorID ?? 0):\(observation.regionCode):\(observation.year):\(observation.version)"
    }

    @Sendable func decide(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        guard let action = form["action"].flatMap(ObservationAction.init(rawValue:)), [.approve, .return].contains(action) else {
            throw APIError(.unprocessableContent, code: "invalid", message: "操作无效")
        }
        let comment = form["comment"]?.trimmingCharacters(in: .whitespaces)
        var changes: [ObservationChange] = []
        for key in (form["items"] ?? "").split(separator: ";") {
            let parts = key.split(separator: ":").map(String.init)
            guard parts.count == 4, let id = Int64(parts[0]), let year = Int(parts[2]), let version = Int(parts[3]) else {
                throw APIError(.unprocessableContent, code: "invalid", message: "待审核条目“\(key)”无效")
            }
            changes.append(
                ObservationChange(
                    indicatorID: id, regionCode: parts[1], year: year, action: action,
                    comment: comment?.isEmpty == false ? comment : nil, expectedVersion: version))
        }
        guard !changes.isEmpty else { throw APIError(.unprocessableContent, code: "invalid", message: "没有选择要审核的数据") }
        do {
            _ = try await ReviewObservations(store: config.store)(changes, by: user, now: config.now)
        } catch StoreError.conflict {
            throw APIError(.conflict, code: "stale_version", message: "有数据在您查看后被修改，未做任何处理。请返回审核页刷新后重试。")
        }
        return .redirect(to: "/review?done=\(changes.count)", type: .normal)
    }
}

import Foundation
import Hummingbird
import PlanCore
import PlanStore
import Plot

/// 督办 (the office's page): every reminder and escalation sent, with its 督办单 编号, who signed for what and
/// when, and the extension requests — pending ones with approve and reject for the office.
struct RemindersPage {
    let config: AppConfig

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let layout = Layout(title: "督办", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        let departments = Dictionary(uniqueKeysWithValues: try await config.store.departments().compactMap { d in d.id.map { ($0, d.name) } })
        let sent = try await config.store.sentReminders(limit: 500)
        let receipts = try await config.store.receipts(limit: 500)
        let signed = Dictionary(receipts.map { ("\($0.key)|\($0.departmentID)", $0) }, uniquingKeysWith: { first, _ in first })
        let extensions = try await config.store.extensions(planID: nil)
        let decides = user.role == .admin || user.role == .reviewer
        func department(_ id: Int64?) -> String { id.flatMap { departments[$0] } ?? "—" }
        return layout.render(
            .unwrap(request.uri.queryParameters.get("decided")) { _ in
                .p(.class("notice"), .attribute(named: "role", value: "status"), .text("已处理该延期申请。"))
            },
            .h2(.text("延期申请")),
            extensions.isEmpty
                ? .p(.class("muted"), .text("没有延期申请。"))
                : .table(
                    .thead(.tr(.th(.text("部门")), .th(.text("地区")), .th(.text("年度")), .th(.text("延期至")), .th(.text("理由")),
                               .th(.text("申请")), .th(.text("状态")))),
                    .tbody(.forEach(extensions.reversed()) { request in
                        .tr(
                            .td(.text(department(request.departmentID))), .td(.text(request.regionCode)), .td(.text("\(request.year)")),
                            .td(.text(request.deadline)), .td(.text(request.reason)),
                            .td(.text("\(request.requestedBy) \(request.requestedAt)")),
                            request.status == .requested && decides
                                ? .td(.form(.class("inline"), .method(.post), .action("/reminders/extensions/\(request.id ?? 0)/decision"),
                                            layout.csrfField,
                                            .button(.type(.submit), .name("approve"), .value("yes"), .text("批准")), .text(" "),
                                            .button(.type(.submit), .name("approve"), .value("no"), .class("secondary"), .text("驳回"))))
                                : .td(.text(request.status.name),
                                      .unwrap(request.decidedBy) { .div(.class("small muted"), .text("\($0) \(request.decidedAt ?? "")")) })
                        )
                    })),
            .h2(.text("已发送的提醒与督办")),
            sent.isEmpty
                ? .p(.class("muted"), .text("还没有发送过提醒。"))
                : .table(
                    .thead(.tr(.th(.text("时间")), .th(.text("部门")), .th(.text("地区")), .th(.text("年度")), .th(.text("类别")),
                               .th(.text("编号")), .th(.text("签收")))),
                    .tbody(.forEach(sent) { entry in
                        let receipt = signed["\(entry.key)|\(entry.departmentID ?? 0)"]
                        return .tr(
                            .td(.class("small"), .text(entry.sentAt)), .td(.text(department(entry.departmentID))),
                            .td(.text(entry.regionCode)), .td(.text("\(entry.year)")), .td(.text(Self.kindName(entry.kind))),
                            .td(.unwrap(entry.number) { number in
                                .a(.href("/reminders/order?key=\(entry.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"),
                                   .text(number))
                            }),
                            .td(.text(receipt.map { "\($0.by) \($0.at)" } ?? (InboxPage.canBeSigned(entry.key) ? "未签收" : "—"))))
                    }))
        )
    }

    static func kindName(_ kind: String) -> String {
        switch kind {
        case "assigned": "交办"
        case "deadline": "截止日提醒"
        case "escalation-yellow": "黄色督办"
        case "escalation-red": "红色督办"
        case let k where k.hasPrefix("before-"): "提前 \(k.dropFirst(7)) 天提醒"
        case let k where k.hasPrefix("overdue-"): "催办（逾期 \(k.dropFirst(8)) 天）"
        default: kind
        }
    }

    @Sendable func decide(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        let id = try context.pathID()
        guard let approve = form["approve"].flatMap({ ["yes": true, "no": false][$0] }) else {
            throw APIError(.unprocessableContent, code: "invalid", message: "请选择批准或驳回")
        }
        _ = try await config.store.decideExtension(id: id, approve: approve, actor: user.username, at: config.now)
        return .redirect(to: "/reminders?decided=\(id)", type: .normal)
    }
}

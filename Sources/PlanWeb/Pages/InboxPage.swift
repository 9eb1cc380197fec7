import Foundation
import Hummingbird
import PlanCore
import PlanStore
import Plot

/// 消息 (the inbox): every reminder and escalation sent to the user, newest first, unread ones marked. A
/// reporter signs for a 交办/督办 (签收) here and asks for a later deadline (延期申请) for their department.
struct InboxPage {
    let config: AppConfig

    @Sendable func render(_ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let layout = Layout(title: "消息", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        let messages = try await config.store.inbox(username: user.username, limit: RemindersController.inboxLimit)
        let unread = try await config.store.unreadCount(username: user.username)
        let signed = Set(try await config.store.receipts(limit: 1000).filter { $0.departmentID == user.departmentID }.map(\.key))
        let notice: String? = switch request.uri.queryParameters.get("done") {
        case "signed": "已签收。"
        case "extension": "延期申请已提交，等待健康办审批。"
        default: nil
        }
        return layout.render(
            .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            .p(.text(unread > 0 ? "未读消息 \(unread) 条。" : "没有未读消息。")),
            messages.isEmpty
                ? .p(.class("muted"), .text("还没有消息。"))
                : .group(.forEach(messages) { message in
                    .div(
                        .class(message.readAt == nil ? "card unread" : "card"),
                        .h3(.text(message.subject), .span(.class("small muted"), .text(" \(message.createdAt)"))),
                        .pre(.text(message.body)),
                        .if(user.role == .reporter, .group(.forEach(message.keys.filter(Self.canBeSigned)) { key in
                            signed.contains(key)
                                ? .p(.class("small muted"), .text("已签收"))
                                : .form(.class("inline"), .method(.post), .action("/inbox/receipts"), layout.csrfField,
                                        .input(.type(.hidden), .name("key"), .value(key)), .button(.type(.submit), .text("签收")))
                        })),
                        .if(message.readAt == nil,
                            .form(.class("inline"), .method(.post), .action("/inbox/\(message.id ?? 0)/read"), layout.csrfField,
                                  .button(.type(.submit), .class("secondary"), .text("标为已读"))))
                    )
                }),
            .if(user.role == .reporter, extensionForm(layout))
        )
    }

    /// A 交办 or a 督办 is signed for; plain reminders are not.
    static func canBeSigned(_ key: String) -> Bool {
        key.hasSuffix("/assigned") || key.contains("/escalation-")
    }

    private func extensionForm(_ layout: Layout) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text("延期申请")),
            .form(
                .class("filters"), .method(.post), .action("/inbox/extensions"), layout.csrfField,
                .div(.label(.for("ext-plan"), .text("规划编号")), .input(.type(.number), .id("ext-plan"), .name("plan"), .required(true))),
                .div(.label(.for("ext-year"), .text("年度")), .input(.type(.number), .id("ext-year"), .name("year"), .required(true))),
                .div(.label(.for("ext-deadline"), .text("延期至")), .input(.type(.date), .id("ext-deadline"), .name("deadline"), .required(true))),
                .div(.label(.for("ext-reason"), .text("理由")), .input(.type(.text), .id("ext-reason"), .name("reason"), .required(true))),
                .button(.type(.submit), .text("提交申请"))
            )
        )
    }

    @Sendable func markRead(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        let id = try context.pathID()
        guard try await config.store.markRead(id: id, username: user.username, at: config.now) else { throw APIError.notFound("消息 \(id)") }
        return .redirect(to: "/inbox", type: .normal)
    }

    @Sendable func sign(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        guard let key = form["key"], let departmentID = user.departmentID, let region = user.regionCode,
            try await config.store.inbox(username: user.username, limit: 1000).contains(where: { $0.keys.contains(key) })
        else { throw APIError(.notFound, code: "not_found", message: "收件箱中没有这条交办或督办") }
        _ = try await config.store.signReceipt(Receipt(key: key, departmentID: departmentID, regionCode: region, by: user.username, at: config.now))
        return .redirect(to: "/inbox?done=signed", type: .normal)
    }

    @Sendable func requestExtension(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        guard let planID = form["plan"].flatMap({ Int64($0) }), let year = form["year"].flatMap({ Int($0) }), (1900...2100).contains(year)
        else { throw APIError(.unprocessableContent, code: "invalid", message: "规划编号或年度无效") }
        guard let departmentID = user.departmentID, let region = user.regionCode else { throw APIError.forbidden }
        _ = try await config.store.requestExtension(ExtensionRequest(
            planID: planID, year: year, departmentID: departmentID, regionCode: region, deadline: form["deadline"] ?? "",
            reason: (form["reason"] ?? "").trimmingCharacters(in: .whitespaces), requestedBy: user.username, requestedAt: config.now))
        return .redirect(to: "/inbox?done=extension", type: .normal)
    }
}

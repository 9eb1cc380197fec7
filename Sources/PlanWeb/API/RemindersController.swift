import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanReports
import PlanStore

/// 督办 through the API: every user's inbox (with the unread count the header shows), a department's 签收 and
/// 延期申请, the office's decision on a request, and the office's view of everything sent, signed and asked.
struct RemindersController {
    let config: AppConfig

    struct Inbox: ResponseEncodable {
        var unread: Int
        var messages: [InboxMessage]
    }

    struct Overview: ResponseEncodable {
        var sent: [SentReminder]
        var receipts: [Receipt]
        var extensions: [ExtensionRequest]
    }

    struct ReceiptRequest: Decodable {
        var key: String
    }

    struct NewExtension: Decodable {
        var planID: Int64
        var year: Int
        var deadline: String
        var reason: String
    }

    struct Decision: Decodable {
        var approve: Bool
    }

    /// How many inbox messages one request lists.
    static let inboxLimit = 200

    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/inbox") { _, context -> Inbox in
            let user = try context.requireUser()
            return Inbox(
                unread: try await config.store.unreadCount(username: user.username),
                messages: try await config.store.inbox(username: user.username, limit: Self.inboxLimit))
        }
        router.post("/api/v1/inbox/:id/read") { _, context -> HTTPResponse.Status in
            let user = try context.requireUser()
            let id = try context.pathID()
            guard try await config.store.markRead(id: id, username: user.username, at: config.now) else {
                throw APIError.notFound("消息 \(id)")
            }
            return .noContent
        }
        router.get("/api/v1/reminders") { _, context -> Overview in
            _ = try context.require(.admin, .reviewer, .viewer)
            return Overview(
                sent: try await config.store.sentReminders(limit: 500), receipts: try await config.store.receipts(limit: 500),
                extensions: try await config.store.extensions(planID: nil))
        }
        router.get("/api/v1/reminders/order") { request, context -> Response in
            _ = try context.require(.admin, .reviewer, .viewer)
            return try await order(request)
        }
        router.get("/api/v1/plans/:id/reminder-policy") { _, context -> ReminderPolicy in
            _ = try context.require(.admin, .reviewer, .viewer)
            return try await config.store.reminderPolicy(planID: try context.pathID()) ?? .standard
        }
        router.put("/api/v1/plans/:id/reminder-policy") { request, context -> ReminderPolicy in
            let user = try context.require(.admin, .reviewer)
            let policy = try await request.decode(as: ReminderPolicy.self, context: context)
            try await config.store.saveReminderPolicy(policy, planID: try context.pathID(), actor: user.username, at: config.now)
            return policy
        }
        router.post("/api/v1/receipts") { request, context -> Receipt in
            let user = try context.require(.reporter)
            let body = try await request.decode(as: ReceiptRequest.self, context: context)
            guard let departmentID = user.departmentID, let region = user.regionCode else { throw APIError.forbidden }
            // A department signs for what it was sent: a key in the reporter's own inbox.
            let received = try await config.store.inbox(username: user.username, limit: 1000).flatMap(\.keys)
            guard received.contains(body.key) else {
                throw APIError(.notFound, code: "not_found", message: "收件箱中没有“\(body.key)”这条交办或督办", field: "key")
            }
            return try await config.store.signReceipt(
                Receipt(key: body.key, departmentID: departmentID, regionCode: region, by: user.username, at: config.now))
        }
        router.post("/api/v1/extensions") { request, context -> Response in
            let user = try context.require(.reporter)
            let body = try await request.decode(as: NewExtension.self, context: context)
            try Years.check(body.year)
            guard let departmentID = user.departmentID, let region = user.regionCode else { throw APIError.forbidden }
            let saved = try await config.store.requestExtension(ExtensionRequest(
                planID: body.planID, year: body.year, departmentID: departmentID, regionCode: region, deadline: body.deadline,
                reason: body.reason, requestedBy: user.username, requestedAt: config.now))
            var response = try saved.response(from: request, context: context)
            response.status = .created
            return response
        }
        router.post("/api/v1/extensions/:id/decision") { request, context -> ExtensionRequest in
            let user = try context.require(.admin, .reviewer)
            let body = try await request.decode(as: Decision.self, context: context)
            return try await config.store.decideExtension(id: try context.pathID(), approve: body.approve, actor: user.username, at: config.now)
        }
    }

    /// The 督办通知单 (DOCX) of the 红 escalation `?key=` names, as it was issued. The office's page links it.
    func order(_ request: Request) async throws -> Response {
        guard let key = request.uri.queryParameters.get("key"),
            let sent = try await config.store.sentReminder(key: key), sent.number != nil,
            let escalation = try? JSONDecoder().decode(Escalation.self, from: Data(sent.detailJSON.utf8))
        else { throw APIError(.notFound, code: "not_found", message: "找不到这份督办单", field: "key") }
        let document = escalation.order(office: ReminderPolicy.standard.officeName, issuedOn: ChinaDate.day(ofTimestamp: sent.sentAt) ?? sent.sentAt)
        return Download(data: try document.docx(), filename: "督办单-\(sent.number ?? "").docx", format: "docx").response
    }
}

extension Receipt: ResponseEncodable {}
extension ReminderPolicy: ResponseEncodable {}
extension ExtensionRequest: ResponseEncodable {}

import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanStore
import Plot

/// The server-rendered pages. Each route names the roles it serves: anyone else signed in gets a 403 page,
/// anyone not signed in goes to the sign-in page. Every POST must carry the session's CSRF token. Errors
/// become pages, never JSON.
struct PagesController {
    let config: AppConfig
    let signIn: SignIn
    /// Each user's unread count for the header, kept until the store changes.
    let unreadCounts = PageCache(limit: 1024)

    typealias Handler = @Sendable (Request, AppRequestContext, User) async throws -> Response
    /// A form's handler gets the fields the CSRF check has already read.
    typealias FormHandler = @Sendable (AppRequestContext, User, FormFields) async throws -> Response

    static let everyone: Set<User.Role> = [.admin, .reviewer, .reporter, .viewer]
    static let office: Set<User.Role> = [.admin, .reviewer, .viewer]

    func add(to router: Router<AppRequestContext>) {
        router.get("/static/app.css") { _, _ in Stylesheet.response }
        router.get("/static/icon.svg") { _, _ in Stylesheet.iconResponse }
        LoginPage(config: config, signIn: signIn).add(to: router)
        let cache = PageCache()
        PublicPlanPage(config: config, cache: cache).add(to: router)
        let dashboard = DashboardPage(config: config, cache: cache)
        get(router, "/", roles: Self.everyone) { request, context, user in
            // Reporters start at their own form.
            user.role == .reporter ? .redirect(to: "/report", type: .found) : try await dashboard.render(request, context, user)
        }
        let plans = PlanPage(config: config, cache: cache)
        get(router, "/plans", roles: Self.everyone, plans.list)
        get(router, "/plans/:id", roles: Self.everyone, plans.render)
        get(router, "/indicators/:id", roles: Self.everyone, IndicatorPage(config: config, cache: cache).render)
        let report = ReporterPage(config: config)
        get(router, "/report", roles: [.reporter], report.render)
        post(router, "/report", roles: [.reporter], report.save)
        post(router, "/report/tasks", roles: [.reporter], report.saveTask)
        get(router, "/report/template", roles: [.reporter]) { request, _, user in
            try await TemplateController.download(for: user, plan: request.uri.queryParameters.get("plan", as: Int64.self), config: config)
        }
        upload(router, "/report/template", roles: [.reporter], report.uploadTemplate)
        get(router, "/plans/:id/report", roles: Self.office) { request, context, _ in
            try await ReportsController.report(request, context, config: config)
        }
        let review = ReviewPage(config: config)
        get(router, "/review", roles: [.admin, .reviewer], review.render)
        post(router, "/review", roles: [.admin, .reviewer], review.decide)
        post(router, "/review/decisions", roles: [.admin, .reviewer], review.decideItem)
        get(router, "/regions", roles: Self.office, RegionComparisonPage(config: config).render)
        let revisions = RevisionsPage(config: config)
        get(router, "/revisions", roles: [.admin, .reviewer], revisions.render)
        post(router, "/revisions", roles: [.admin, .reviewer], revisions.propose)
        post(router, "/revisions/:id/decision", roles: [.admin], revisions.decide)
        let importing = ImportPage(config: config)
        get(router, "/import", roles: [.admin], importing.render)
        upload(router, "/import", roles: [.admin], importing.upload)
        get(router, "/import/:id", roles: [.admin], importing.review)
        post(router, "/import/:id/indicators/:indicator", roles: [.admin], importing.edit)
        post(router, "/import/:id/publish", roles: [.admin], importing.publish)
        post(router, "/import/:id/heading", roles: [.admin], importing.saveHeading)
        let inbox = InboxPage(config: config)
        get(router, "/inbox", roles: Self.everyone, inbox.render)
        post(router, "/inbox/:id/read", roles: Self.everyone, inbox.markRead)
        post(router, "/inbox/receipts", roles: [.reporter], inbox.sign)
        post(router, "/inbox/extensions", roles: [.reporter], inbox.requestExtension)
        let reminders = RemindersPage(config: config)
        get(router, "/reminders", roles: Self.office, reminders.render)
        get(router, "/reminders/order", roles: Self.office) { request, _, _ in
            try await RemindersController(config: config).order(request)
        }
        post(router, "/reminders/extensions/:id/decision", roles: [.admin, .reviewer], reminders.decide)
    }

    func get(_ router: Router<AppRequestContext>, _ path: RouterPath, roles: Set<User.Role>, _ handler: @escaping Handler) {
        router.get(path) { request, context in
            try await guarded(context, roles: roles) { user in try await handler(request, context, user) }
        }
    }

    /// A form post: the same guard, and the form's CSRF token must be the session's.
    func post(_ router: Router<AppRequestContext>, _ path: RouterPath, roles: Set<User.Role>, _ handler: @escaping FormHandler) {
        router.post(path) { request, context in
            var request = request
            let form = try await FormFields(request: &request)
            return try await guarded(context, roles: roles) { user in
                guard PageSession.isValid(csrf: form["_csrf"], context: context) else {
                    throw APIError(.forbidden, code: "csrf", message: "表单已过期或来源不明（CSRF 校验失败），请返回后刷新页面再提交。")
                }
                return try await handler(context, user, form)
            }
        }
    }

    /// A file upload form: the same guard before the body is read, then the CSRF token from the form's parts.
    func upload(
        _ router: Router<AppRequestContext>, _ path: RouterPath, roles: Set<User.Role>,
        _ handler: @escaping @Sendable (AppRequestContext, User, MultipartForm) async throws -> Response
    ) {
        router.post(path) { request, context in
            try await guarded(context, roles: roles) { user in
                let form = try await MultipartForm(request: request, limit: config.maximumUploadSize)
                guard PageSession.isValid(csrf: form["_csrf"]?.text, context: context) else {
                    throw APIError(.forbidden, code: "csrf", message: "表单已过期或来源不明（CSRF 校验失败），请返回后刷新页面再提交。")
                }
                return try await handler(context, user, form)
            }
        }
    }

    /// Sends those not signed in to the sign-in page, refuses other roles, and turns errors into pages.
    private func guarded(
        _ context: AppRequestContext, roles: Set<User.Role>, _ body: (User) async throws -> Response
    ) async throws -> Response {
        guard let user = context.user, context.pageSession != nil else {
            return .redirect(to: "/login", type: .found)
        }
        let layout = Layout(title: "出错了", user: user, csrf: context.pageSession.map(PageSession.csrfToken))
        guard roles.contains(user.role) else {
            return layout.render(.p(.text("您的角色（\(Layout.roleName(user.role))）无权访问此页面。")), status: .forbidden)
        }
        do {
            let unread = try await unreadCounts.content(PageCache.key("unread", user.username), stamp: context.changeStamp, store: config.store) {
                try await config.store.unreadCount(username: user.username)
            }
            return try await Layout.$unread.withValue(unread) { try await body(user) }
        } catch let error as APIError {
            return layout.render(.p(.text(error.message)), status: error.status)
        } catch let error as StoreError {
            let api = APIError(error)
            return layout.render(.p(.text(api.message)), status: api.status)
        } catch let error as AppError {
            let api = APIError(error)
            return layout.render(.p(.text(api.message)), status: api.status)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            let limit = config.maximumUploadSize / (1024 * 1024)
            return layout.render(.p(.text("上传的文件过大（上限 \(limit) MB），未保存任何内容。")), status: .contentTooLarge)
        }
    }
}

/// The fields of a URL-encoded form body, read once (the body is collected and put back for the handler).
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    static let maximumSize = 1024 * 1024

    init(request: inout Request) async throws {
        let buffer = try await request.collectBody(upTo: Self.maximumSize)
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            values[name] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    /// Every field whose name starts with `prefix`, keyed by the rest of the name.
    func fields(prefixed prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in values where name.hasPrefix(prefix) { result[String(name.dropFirst(prefix.count))] = value }
        return result
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import Testing

@testable import PlanWeb

/// Who may use each route of the app — every route the router has, API and pages, against every role and
/// against no sign-in at all. The table below is the specification; a route without a rule fails the test,
/// so a new route cannot be added without deciding who may use it.
@Suite struct RouteAccessTests {
    enum Door {
        /// JSON API: a bearer token; 401 without one, 403 for other roles.
        case api
        /// A page: the session cookie, and on posts the session's CSRF token (403 without it, for every role);
        /// the sign-in page without a session, 403 for other roles.
        case page
        /// A page's file upload (multipart form).
        case upload
        /// Anyone, signed in or not.
        case open
    }

    struct Rule {
        var method: HTTPRequest.Method
        /// As registered with the router.
        var path: String
        var door: Door
        var roles: Set<User.Role>
        /// The request sent; `{plan}`, `{indicator}`, `{admin}` (a user id), `{action}` and `{task}` (a task
        /// the reporter's department leads) are filled in.
        var uri: String
        var body: String?

        var route: String { "\(method) \(path)" }
    }

    static let everyone: Set<User.Role> = [.admin, .reviewer, .reporter, .viewer]
    static let office: Set<User.Role> = [.admin, .reviewer, .viewer]
    static let reviewers: Set<User.Role> = [.admin, .reviewer]

    static func api(_ method: HTTPRequest.Method, _ path: String, _ roles: Set<User.Role>, uri: String? = nil, body: String? = nil) -> Rule {
        Rule(method: method, path: path, door: .api, roles: roles, uri: uri ?? path, body: body)
    }

    static func page(_ method: HTTPRequest.Method, _ path: String, _ roles: Set<User.Role>, uri: String? = nil, door: Door = .page) -> Rule {
        Rule(method: method, path: path, door: door, roles: roles, uri: uri ?? path, body: nil)
    }

    static let rules: [Rule] = [
        Rule(method: .get, path: "/health", door: .open, roles: everyone, uri: "/health"),
        Rule(method: .get, path: "/api/v1/openapi.json", door: .open, roles: everyone, uri: "/api/v1/openapi.json"),
        Rule(method: .post, path: "/api/v1/auth/login", door: .open, roles: everyone, uri: "/api/v1/auth/login",
             body: #"{"username": "viewer", "password": "\#(TestWorld.password)"}"#),
        api(.post, "/api/v1/auth/logout", everyone),
        api(.get, "/api/v1/me", everyone),
        api(.get, "/api/v1/plans", everyone),
        api(.post, "/api/v1/plans", [.admin], uri: "/api/v1/plans?filename=plan.csv", body: "领域,指标,2020年\n健康水平,人均预期寿命（岁）,81\n"),
        api(.get, "/api/v1/plans/{id}", everyone, uri: "/api/v1/plans/{plan}"),
        api(.post, "/api/v1/plans/{id}/publish", [.admin], uri: "/api/v1/plans/999/publish", body: "{}"),
        api(.post, "/api/v1/plans/{id}/archive", [.admin], uri: "/api/v1/plans/999/archive", body: "{}"),
        api(.get, "/api/v1/plans/{id}/task-progress", everyone, uri: "/api/v1/plans/{plan}/task-progress"),
        api(.post, "/api/v1/plans/{id}/task-progress", [.admin, .reporter], uri: "/api/v1/plans/{plan}/task-progress",
            body: #"{"actionIndex": {action}, "taskIndex": {task}, "regionCode": "330302", "year": 2020, "status": "inProgress"}"#),
        api(.get, "/api/v1/plans/{id}/indicators", everyone, uri: "/api/v1/plans/{plan}/indicators"),
        api(.get, "/api/v1/plans/{id}/cycles", everyone, uri: "/api/v1/plans/{plan}/cycles"),
        api(.post, "/api/v1/plans/{id}/cycles", [.admin], uri: "/api/v1/plans/{plan}/cycles", body: #"{"year": 2019}"#),
        api(.get, "/api/v1/plans/{id}/revisions", everyone, uri: "/api/v1/plans/{plan}/revisions"),
        api(.get, "/api/v1/plans/{id}/evaluation", office, uri: "/api/v1/plans/{plan}/evaluation?year=2020"),
        api(.put, "/api/v1/plans/{id}", [.admin], uri: "/api/v1/plans/999", body: #"{"title": "健康测试行动"}"#),
        api(.put, "/api/v1/indicators/{id}/plausible-range", reviewers, uri: "/api/v1/indicators/{indicator}/plausible-range", body: #"{"low": 0, "high": 100}"#),
        api(.get, "/api/v1/plans/{id}/department-proposals", [.admin], uri: "/api/v1/plans/{plan}/department-proposals"),
        api(.get, "/api/v1/plans/{id}/board", office, uri: "/api/v1/plans/{plan}/board?year=2020"),
        api(.get, "/api/v1/plans/{id}/report", office, uri: "/api/v1/plans/{plan}/report?year=2020&format=csv"),
        api(.get, "/api/v1/plans/{id}/scoring-schemes", office, uri: "/api/v1/plans/{plan}/scoring-schemes"),
        api(.post, "/api/v1/plans/{id}/scoring-schemes", [.admin], uri: "/api/v1/plans/{plan}/scoring-schemes", body: "{}"),
        api(.get, "/api/v1/plans/{id}/decisions", office, uri: "/api/v1/plans/{plan}/decisions"),
        api(.post, "/api/v1/plans/{id}/decisions", reviewers, uri: "/api/v1/plans/{plan}/decisions", body: "{}"),
        api(.get, "/api/v1/template", [.reporter]),
        api(.post, "/api/v1/template", [.reporter], uri: "/api/v1/template?action=saveDraft", body: "not a workbook"),
        api(.get, "/api/v1/regions", everyone),
        api(.put, "/api/v1/regions", [.admin], body: #"[{"code": "330399", "name": "测试区", "level": "county"}]"#),
        api(.get, "/api/v1/departments", everyone),
        api(.post, "/api/v1/departments", [.admin], body: #"{"name": ""}"#),
        api(.put, "/api/v1/departments/{id}", [.admin], uri: "/api/v1/departments/999", body: #"{"name": "市测试局"}"#),
        api(.get, "/api/v1/observations", everyone, uri: "/api/v1/observations?plan={plan}&year=2020"),
        api(.post, "/api/v1/observations", [.admin, .reporter], body: #"{"changes": []}"#),
        api(.post, "/api/v1/observations/review", reviewers, body: #"{"changes": []}"#),
        api(.get, "/api/v1/observations/{id}/history", everyone, uri: "/api/v1/observations/999/history"),
        api(.post, "/api/v1/revisions", reviewers, body: #"{"indicatorID": {indicator}, "year": 2019, "newText": "81", "reason": "测试"}"#),
        api(.post, "/api/v1/revisions/{id}/decision", [.admin], uri: "/api/v1/revisions/999/decision", body: #"{"approve": true}"#),
        api(.get, "/api/v1/users", [.admin]),
        api(.post, "/api/v1/users", [.admin], body: #"{"username": "", "displayName": "", "role": "viewer", "password": ""}"#),
        // Another user's record: the admin's, asked for by each role (users may read their own).
        api(.get, "/api/v1/users/{id}", [.admin], uri: "/api/v1/users/{admin}"),
        api(.get, "/api/v1/inbox", everyone),
        api(.post, "/api/v1/inbox/{id}/read", everyone, uri: "/api/v1/inbox/999/read", body: "{}"),
        api(.get, "/api/v1/reminders", office),
        api(.get, "/api/v1/plans/{id}/reminder-policy", office, uri: "/api/v1/plans/{plan}/reminder-policy"),
        api(.put, "/api/v1/plans/{id}/reminder-policy", reviewers, uri: "/api/v1/plans/{plan}/reminder-policy", body: "{}"),
        api(.get, "/api/v1/reminders/order", office, uri: "/api/v1/reminders/order?key=none"),
        api(.post, "/api/v1/receipts", [.reporter], body: #"{"key": "1/2020/1/330302/assigned"}"#),
        api(.post, "/api/v1/extensions", [.reporter], body: #"{"planID": 999, "year": 2020, "deadline": "2099-01-01", "reason": "测试"}"#),
        api(.post, "/api/v1/extensions/{id}/decision", reviewers, uri: "/api/v1/extensions/999/decision", body: #"{"approve": true}"#),

        page(.get, "/static/app.css", everyone, door: .open),
        page(.get, "/static/icon.svg", everyone, door: .open),
        page(.get, "/login", everyone, door: .open),
        page(.post, "/login", everyone, door: .open),
        page(.post, "/logout", everyone, door: .open),
        page(.get, "/public", everyone, door: .open),
        page(.get, "/public/plans/{id}", everyone, uri: "/public/plans/{plan}", door: .open),
        page(.get, "/", everyone),
        page(.get, "/plans", everyone),
        page(.get, "/plans/{id}", everyone, uri: "/plans/{plan}"),
        page(.get, "/indicators/{id}", everyone, uri: "/indicators/{indicator}"),
        page(.get, "/report", [.reporter]),
        page(.post, "/report", [.reporter]),
        page(.post, "/report/tasks", [.reporter]),
        page(.get, "/report/template", [.reporter]),
        page(.post, "/report/template", [.reporter], door: .upload),
        page(.get, "/plans/{id}/report", office, uri: "/plans/{plan}/report?year=2020&format=csv"),
        page(.get, "/review", reviewers),
        page(.post, "/review", reviewers),
        page(.post, "/review/decisions", reviewers),
        page(.get, "/regions", office),
        page(.get, "/revisions", reviewers),
        page(.post, "/revisions", reviewers),
        page(.post, "/revisions/{id}/decision", [.admin], uri: "/revisions/999/decision"),
        page(.get, "/import", [.admin]),
        page(.post, "/import", [.admin], door: .upload),
        page(.get, "/import/{id}", [.admin], uri: "/import/{plan}"),
        page(.post, "/import/{id}/indicators/{indicator}", [.admin], uri: "/import/{plan}/indicators/{indicator}"),
        page(.post, "/import/{id}/publish", [.admin], uri: "/import/999/publish"),
        page(.post, "/import/{id}/heading", [.admin], uri: "/import/999/heading"),
        page(.get, "/inbox", everyone),
        page(.post, "/inbox/{id}/read", everyone, uri: "/inbox/999/read"),
        page(.post, "/inbox/receipts", [.reporter]),
        page(.post, "/inbox/extensions", [.reporter]),
        page(.get, "/reminders", office),
        page(.get, "/reminders/order", office, uri: "/reminders/order?key=none"),
        page(.post, "/reminders/extensions/{id}/decision", reviewers, uri: "/reminders/extensions/999/decision"),
    ]

    static let users: [User.Role: String] = [.admin: "admin", .reviewer: "office", .reporter: "reporter", .viewer: "viewer"]

    @Test func everyRouteHasARule() async throws {
        let world = try await TestWorld()
        let routes = buildRouter(world.config).routes.map { "\($0.method) \($0.path)" }
        let ruled = Self.rules.map(\.route)
        #expect(Set(routes).subtracting(ruled).sorted() == [], "routes without a rule")
        #expect(Set(ruled).subtracting(routes).sorted() == [], "rules without a route")
        #expect(ruled.count == Set(ruled).count, "a route with two rules")
    }

    @Test func everyRoleIsLetInOrRefusedAsTheRulesSay() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let adminID = try JSONDecoder().decode(User.self, from: try await client.call(.get, "/api/v1/me", token: try await client.login("admin")).body).id!
            for rule in Self.rules {
                let uri = rule.uri.replacingOccurrences(of: "{plan}", with: "\(world.planID)")
                    .replacingOccurrences(of: "{indicator}", with: "\(world.healthIndicator)")
                    .replacingOccurrences(of: "{admin}", with: "\(adminID)")
                let body = rule.body?.replacingOccurrences(of: "{indicator}", with: "\(world.healthIndicator)")
                    .replacingOccurrences(of: "{action}", with: "\(world.healthTask.action)")
                    .replacingOccurrences(of: "{task}", with: "\(world.healthTask.task)")
                switch rule.door {
                case .open:
                    let status = try await Self.open(rule, uri: uri, body: body, client)
                    #expect(![.unauthorized, .forbidden].contains(status), "\(rule.route) without sign-in: \(status)")
                case .api:
                    let anonymous = try await client.call(rule.method, uri, token: nil, json: body)
                    #expect(anonymous.status == .unauthorized, "\(rule.route) without sign-in: \(anonymous.status)")
                    for (role, username) in Self.users {
                        let status = try await client.call(rule.method, uri, token: try await client.login(username), json: body).status
                        Self.expect(status, for: role, rule)
                    }
                case .page, .upload:
                    let anonymous = try await Self.send(rule, uri: uri, cookie: nil, csrf: nil, client)
                    #expect(anonymous.status == .found && anonymous.location == "/login", "\(rule.route) without sign-in: \(anonymous.status)")
                    // An API token is no page session.
                    let token = try await client.login("admin")
                    let withToken = try await client.execute(uri: uri, method: rule.method, headers: [.authorization: "Bearer \(token)"]) {
                        ($0.status, $0.headers[.location])
                    }
                    #expect(withToken.0 == .found && withToken.1 == "/login", "\(rule.route) with an API token: \(withToken.0)")
                    for (role, username) in Self.users {
                        let cookie = try await PagesTests.signIn(client, username)
                        let csrf = try await PagesTests.fetch(client, .get, "/plans", cookie: cookie).csrf
                        let page = try await Self.send(rule, uri: uri, cookie: cookie, csrf: csrf, client)
                        #expect(page.location != "/login", "\(rule.route) as \(role) was sent to sign in")
                        Self.expect(page.status, for: role, rule)
                        if rule.method == .post {
                            // CSRF: the same post without the session's token is refused, whoever sends it.
                            let forged = try await Self.send(rule, uri: uri, cookie: cookie, csrf: "", client)
                            #expect(forged.status == .forbidden, "\(rule.route) as \(role) without the CSRF token: \(forged.status)")
                        }
                    }
                }
            }
        }
    }

    /// Allowed roles get through the door, whatever the handler then says of the request; others get 403.
    static func expect(_ status: HTTPResponse.Status, for role: User.Role, _ rule: Rule) {
        if rule.roles.contains(role) {
            #expect(![.unauthorized, .forbidden].contains(status), "\(rule.route) as \(role): \(status)")
        } else {
            #expect(status == .forbidden, "\(rule.route) as \(role): \(status)")
        }
    }

    /// The routes anyone may use, each asked as a browser or a client without a session would.
    static func open(_ rule: Rule, uri: String, body: String?, _ client: some TestClientProtocol) async throws -> HTTPResponse.Status {
        switch rule.route {
        case "POST /login":
            _ = try await PagesTests.signIn(client, "viewer")
            return .seeOther
        case "POST /logout":
            return try await PagesTests.fetch(client, .post, uri, cookie: nil, form: []).status
        default:
            return try await client.call(rule.method, uri, token: nil, json: body).status
        }
    }

    static func send(_ rule: Rule, uri: String, cookie: String?, csrf: String?, _ client: some TestClientProtocol) async throws -> PagesTests.Page {
        switch (rule.door, cookie) {
        case (.upload, let cookie?):
            return try await WorkflowPagesTests.upload(
                client, path: uri, field: uri == "/import" ? "document" : "template", cookie: cookie, csrf: csrf, filename: "empty.txt", data: Data())
        default:
            return try await PagesTests.fetch(client, rule.method, uri, cookie: cookie, form: rule.method == .post ? [("_csrf", csrf ?? "")] : nil)
        }
    }
}

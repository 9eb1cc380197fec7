import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import Testing

@testable import PlanWeb

/// The pages through the real app: sign-in by form and cookie, every page's key content, escaping of what
/// users typed, CSRF on every form, and reporters kept off the office's pages.
@Suite struct PagesTests {
    struct Page {
        var status: HTTPResponse.Status
        var html: String
        var location: String?
        var cookie: String?

        /// The CSRF token the page's forms carry.
        var csrf: String? {
            guard let range = html.range(of: #"name="_csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
            return String(html[range].dropFirst(#"name="_csrf" value=""#.count).dropLast())
        }
    }

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    static func fetch(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, cookie: String?, form: [(String, String)]? = nil
    ) async throws -> Page {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: Self.form($0)) }) {
            let setCookie = $0.headers[.setCookie].flatMap { $0.split(separator: ";").first.map(String.init) }
            return Page(status: $0.status, html: String(buffer: $0.body), location: $0.headers[.location], cookie: setCookie)
        }
    }

    /// Signs in as a browser does: the sign-in page gives its pre-session token in a cookie and in the form.
    static func signIn(_ client: some TestClientProtocol, _ username: String, password: String = TestWorld.password) async throws -> String {
        let form = try await fetch(client, .get, "/login", cookie: nil)
        let page = try await fetch(
            client, .post, "/login", cookie: form.cookie, form: [("username", username), ("password", password), ("_csrf", form.csrf ?? "")])
        #expect(page.status == .seeOther, "sign in \(username)")
        return try #require(page.cookie)
    }

    @Test func signingInByFormGivesACookieSessionThatIsNotAnAPIToken() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            var page = try await Self.fetch(client, .get, "/", cookie: nil)
            #expect(page.status == .found)
            #expect(page.location == "/login")
            page = try await Self.fetch(client, .get, "/login", cookie: nil)
            #expect(page.html.contains(#"<html lang="zh">"#))
            #expect(page.html.contains("/static/app.css"))
            let login = page
            #expect(login.cookie?.hasPrefix("hcm_login=") == true)
            page = try await Self.fetch(client, .post, "/login", cookie: login.cookie, form: [("username", "office"), ("password", "wrong"), ("_csrf", login.csrf ?? "")])
            #expect(page.status == .unauthorized)
            #expect(page.html.contains("用户名或密码错误"))
            // Login CSRF: a sign-in posted without the sign-in page's own token is refused, password or not.
            page = try await Self.fetch(client, .post, "/login", cookie: nil, form: [("username", "office"), ("password", TestWorld.password)])
            #expect(page.status == .forbidden)
            #expect(page.cookie?.hasPrefix("hcm_session") != true)
            page = try await Self.fetch(
                client, .post, "/login", cookie: login.cookie,
                form: [("username", "office"), ("password", TestWorld.password), ("_csrf", String(repeating: "0", count: 64))])
            #expect(page.status == .forbidden)
            let cookie = try await Self.signIn(client, "office")
            #expect(try await Self.fetch(client, .get, "/", cookie: cookie).status == .ok)
            // A cookie never authenticates the API: other sites' requests carry cookies too.
            #expect(try await client.call(.get, "/api/v1/me", token: nil).status == .unauthorized)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie]) { $0.status }
            #expect(me == .unauthorized)
            // Each sign-in is a new session; signing out ends it.
            let second = try await Self.signIn(client, "office")
            #expect(second != cookie)
            let home = try await Self.fetch(client, .get, "/", cookie: second)
            page = try await Self.fetch(client, .post, "/logout", cookie: second, form: [("_csrf", home.csrf ?? "")])
            #expect(page.location == "/login")
            #expect(try await Self.fetch(client, .get, "/", cookie: second).status == .found)
            #expect(try await Self.fetch(client, .get, "/", cookie: cookie).status == .ok)
        }
    }

    /// Session rotation: signing in from a browser that still holds a session ends that session, so a token
    /// planted or left in the browser before sign-in is worth nothing afterwards.
    @Test func signingInEndsTheBrowsersEarlierSession() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let earlier = try await Self.signIn(client, "viewer")
            // The sign-in form as opened before, in another tab; the browser sends both cookies with the post.
            let form = try await Self.fetch(client, .get, "/login", cookie: nil)
            let page = try await Self.fetch(
                client, .post, "/login", cookie: [earlier, form.cookie].compactMap { $0 }.joined(separator: "; "),
                form: [("username", "office"), ("password", TestWorld.password), ("_csrf", form.csrf ?? "")])
            #expect(page.status == .seeOther)
            let rotated = try #require(page.cookie)
            #expect(rotated != earlier)
            #expect(try await Self.fetch(client, .get, "/", cookie: rotated).status == .ok)
            #expect(try await Self.fetch(client, .get, "/", cookie: earlier).location == "/login")
        }
    }

    /// A reporter fills in the form and submits; the office approves in the review queue; the pages show it,
    /// with what the reporter typed escaped.
    @Test func aReporterSubmitsAndTheOfficeApprovesThroughThePages() async throws {
        let world = try await TestWorld()
        let id = world.healthIndicator
        try await world.test { client in
            let reporter = try await Self.signIn(client, "reporter")
            var page = try await Self.fetch(client, .get, "/", cookie: reporter)
            #expect(page.location == "/report")
            page = try await Self.fetch(client, .get, "/report", cookie: reporter)
            #expect(page.status == .ok)
            #expect(page.html.contains("人均预期寿命"))
            #expect(page.html.contains("填报截止 2021-05-10，还剩 25 天"))
            #expect(!page.html.contains("国民体质监测合格率"), "another department's indicator")
            let csrf = try #require(page.csrf)
            let fields = [("value_\(id)", "81.6"), ("evidence_\(id)", "<script>alert(1)</script>统计年鉴"), ("version_\(id)", ""), ("action", "submit")]
            page = try await Self.fetch(client, .post, "/report", cookie: reporter, form: fields)
            #expect(page.status == .forbidden, "no CSRF token")
            page = try await Self.fetch(client, .post, "/report", cookie: reporter, form: fields + [("_csrf", (csrf.hasPrefix("0") ? "1" : "0") + csrf.dropFirst())])
            #expect(page.status == .forbidden, "a forged CSRF token")
            #expect(try await world.store.observations(planID: world.planID, year: 2020, regionCode: nil).isEmpty)
            page = try await Self.fetch(client, .post, "/report", cookie: reporter, form: fields + [("_csrf", csrf)])
            #expect(page.location == "/report?saved=submit&plan=\(world.planID)")
            page = try await Self.fetch(client, .post, "/report", cookie: reporter, form: [("value_\(world.healthIndicator + 100000)", "1"), ("action", "submit"), ("_csrf", csrf)])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("请至少填写一项"))
            for office in ["/review", "/regions"] {
                #expect(try await Self.fetch(client, .get, office, cookie: reporter).status == .forbidden, "\(office) as reporter")
            }

            let office = try await Self.signIn(client, "office")
            page = try await Self.fetch(client, .get, "/review", cookie: office)
            #expect(page.html.contains("81.6"))
            #expect(page.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;统计年鉴"))
            #expect(!page.html.contains("<script>alert(1)"))
            page = try await Self.fetch(client, .post, "/review", cookie: office, form: [("items", "\(id):330302:2020:1"), ("action", "approve"), ("_csrf", page.csrf ?? "")])
            #expect(page.location == "/review?done=1")
            let stored = try await world.store.observations(planID: world.planID, year: 2020, regionCode: "330302")
            #expect(stored.map(\.status) == [.approved])
            #expect(stored.first?.evidence == "<script>alert(1)</script>统计年鉴")

            page = try await Self.fetch(client, .get, "/indicators/\(id)", cookie: office)
            #expect(page.html.contains("<svg"))
            #expect(page.html.contains("2020 年实际：81.6"))
            #expect(page.html.contains("&lt;script&gt;"))
            page = try await Self.fetch(client, .get, "/?year=2020", cookie: office)
            #expect(page.html.contains("各领域指标达标情况"))
            #expect(page.html.contains("按牵头部门"))
            #expect(page.html.contains("达标 1"))
        }
    }

    @Test func thePlanPageFiltersTheIndicatorTree() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let viewer = try await Self.signIn(client, "viewer")
            var page = try await Self.fetch(client, .get, "/plans", cookie: viewer)
            #expect(page.html.contains("健康温州行动计划（2018-2020年）"))
            page = try await Self.fetch(client, .get, "/plans/\(world.planID)", cookie: viewer)
            #expect(page.html.contains("共 141 项指标，显示 141 项"))
            page = try await Self.fetch(client, .get, "/plans/\(world.planID)?department=%E5%B8%82%E4%BD%93%E8%82%B2%E5%B1%80", cookie: viewer)
            #expect(page.html.contains("国民体质监测合格率"))
            #expect(!page.html.contains(">人均预期寿命<"))
            #expect(try await Self.fetch(client, .get, "/plans/999", cookie: viewer).status == .notFound)
            #expect(try await Self.fetch(client, .get, "/review", cookie: viewer).status == .forbidden)
            #expect(try await Self.fetch(client, .get, "/static/app.css", cookie: nil).html.contains("@media print"))
        }
    }
}

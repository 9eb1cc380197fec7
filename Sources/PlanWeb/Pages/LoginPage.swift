import Hummingbird
import PlanCore
import PlanReports
import Plot

/// Sign-in and sign-out for pages: the API's sign-in check; every sign-in gets a fresh session token (a
/// session fixed before sign-in is never reused) and ends the previous one.
struct LoginPage {
    let config: AppConfig
    let signIn: SignIn

    func add(to router: Router<AppRequestContext>) {
        router.get("/login") { _, context in
            context.user != nil && context.pageSession != nil ? .redirect(to: "/", type: .found) : form(message: nil)
        }
        router.post("/login", use: signIn)
        router.post("/logout", use: signOut)
    }

    /// The sign-in form with a fresh pre-session token, in the form and in a cookie of its own: a sign-in
    /// posted from another site carries neither the same token nor can read it, so it is refused (login CSRF:
    /// otherwise a page could sign the victim into the attacker's account).
    func form(message: String?, username: String = "", status: HTTPResponse.Status = .ok) -> Response {
        let token = Tokens.generate()
        let layout = Layout(title: "登录", user: nil, csrf: token)
        var response = layout.render(
            .form(
                .class("login"), .action("/login"), .method(.post),
                layout.csrfField,
                .unwrap(message) { .p(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .div(
                    .label(.for("username"), .text("用户名")),
                    .input(.type(.text), .id("username"), .name("username"), .value(username.xmlEscaped), .required(true),
                           .attribute(named: "autocomplete", value: "username"), .autofocus(username.isEmpty))
                ),
                .div(
                    .label(.for("password"), .text("密码")),
                    .input(.type(.password), .id("password"), .name("password"), .required(true),
                           .attribute(named: "autocomplete", value: "current-password"))
                ),
                .button(.type(.submit), .text("登录"))
            ),
            .p(.class("small muted"), .a(.href("/public"), .text("查看公开的规划与进展"))),
            status: status)
        response.setCookie(
            Cookie(name: Self.cookieName, value: token, maxAge: 3600, path: "/login", secure: config.secureCookies, httpOnly: true,
                   sameSite: .strict))
        return response
    }

    static let cookieName = "hcm_login"

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormFields(request: &request)
        let username = form["username"] ?? ""
        guard let expected = request.cookies[Self.cookieName]?.value, let sent = form["_csrf"],
            PageSession.constantTimeEqual(expected, sent)
        else {
            return self.form(message: "登录表单已过期，请重新输入后登录。", username: username, status: .forbidden)
        }
        let session: SignIn.Session
        do {
            session = try await signIn.attempt(username: username, password: form["password"] ?? "", address: context.clientAddress)
        } catch let error as APIError {
            return self.form(message: error.message, username: username, status: error.status)
        }
        if let old = context.pageSession { try await config.store.deleteSession(tokenHash: Tokens.hash(old)) }
        var response = Response.redirect(to: session.user.role == .reporter ? "/report" : "/", type: .normal)
        response.setCookie(PageSession.cookie(session.token, lifetime: config.sessionLifetime, secure: config.secureCookies))
        return response
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormFields(request: &request)
        // Signing out needs the CSRF token too: otherwise any site could sign a user out.
        if let session = context.pageSession, PageSession.isValid(csrf: form["_csrf"], context: context) {
            try await config.store.deleteSession(tokenHash: Tokens.hash(session))
        }
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(PageSession.expiredCookie(secure: config.secureCookies))
        return response
    }
}

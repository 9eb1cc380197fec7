import Foundation
import Hummingbird
import HummingbirdBcrypt
import PlanCore
import Plot

/// Sign-in and sign-out for pages. The same password check and failure limit as the API; every sign-in
/// gets a fresh session token (a session fixed before sign-in is never reused) and ends the previous one.
struct LoginPage {
    let config: AppConfig
    /// Checked when the user name is unknown, so timing does not tell which names exist.
    let dummyHash: String

    init(config: AppConfig) {
        self.config = config
        dummyHash = Bcrypt.hash("hcm-dummy-password", cost: config.bcryptCost)
    }

    func add(to router: Router<AppRequestContext>) {
        router.get("/login") { _, context in
            context.user != nil && context.pageSession != nil ? .redirect(to: "/", type: .found) : form(message: nil)
        }
        router.post("/login", use: signIn)
        router.post("/logout", use: signOut)
    }

    func form(message: String?, username: String = "", status: HTTPResponse.Status = .ok) -> Response {
        Layout(title: "登录", user: nil, csrf: nil).render(
            .form(
                .class("login"), .action("/login"), .method(.post),
                .unwrap(message) { .p(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .div(
                    .label(.for("username"), .text("用户名")),
                    .input(.type(.text), .id("username"), .name("username"), .value(username), .required(true),
                           .attribute(named: "autocomplete", value: "username"), .autofocus(username.isEmpty))
                ),
                .div(
                    .label(.for("password"), .text("密码")),
                    .input(.type(.password), .id("password"), .name("password"), .required(true),
                           .attribute(named: "autocomplete", value: "current-password"))
                ),
                .button(.type(.submit), .text("登录"))
            ),
            status: status)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormFields(request: &request)
        let username = form["username"] ?? ""
        let password = form["password"] ?? ""
        let since = AppConfig.timestamp(config.clock().addingTimeInterval(-config.loginWindow))
        if try await config.store.failedLogins(username: username, since: since) >= config.loginAttemptLimit {
            return self.form(message: "登录失败次数过多，请 15 分钟后再试", username: username, status: .tooManyRequests)
        }
        let credentials = try await config.store.credentials(username: username)
        let verified = Bcrypt.verify(password, hash: credentials?.passwordHash ?? dummyHash)
        guard let credentials, verified, let userID = credentials.user.id else {
            try await config.store.recordFailedLogin(username: username, at: config.now)
            return self.form(message: "用户名或密码错误", username: username, status: .unauthorized)
        }
        if let old = context.pageSession { try await config.store.deleteSession(tokenHash: Tokens.hash(old)) }
        let token = Tokens.generate()
        let expires = AppConfig.timestamp(config.clock().addingTimeInterval(config.sessionLifetime))
        try await config.store.createSession(tokenHash: Tokens.hash(token), userID: userID, expires: expires, at: config.now)
        var response = Response.redirect(to: credentials.user.role == .reporter ? "/report" : "/", type: .normal)
        response.setCookie(PageSession.cookie(token, lifetime: config.sessionLifetime, secure: config.secureCookies))
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

import Foundation
import Hummingbird
import HummingbirdBcrypt
import PlanCore

/// Sign in and out: a bearer token for the API, at most `loginAttemptLimit` failures per user per window.
struct SessionController {
    let config: AppConfig
    /// Checked when the user name is unknown, so timing does not tell which names exist.
    let dummyHash: String

    init(config: AppConfig) {
        self.config = config
        dummyHash = Bcrypt.hash("hcm-dummy-password", cost: config.bcryptCost)
    }

    struct Login: Decodable {
        var username: String
        var password: String
    }

    struct Session: ResponseEncodable {
        var token: String
        var expiresAt: String
        var user: User
    }

    func add(to router: Router<AppRequestContext>) {
        router.post("/api/v1/auth/login", use: login)
        router.post("/api/v1/auth/logout", use: logout)
        router.get("/api/v1/me") { _, context in try context.requireUser() }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decode(as: Login.self, context: context)
        let since = AppConfig.timestamp(config.clock().addingTimeInterval(-config.loginWindow))
        if try await config.store.failedLogins(username: body.username, since: since) >= config.loginAttemptLimit {
            throw APIError(.tooManyRequests, code: "too_many_attempts", message: "登录失败次数过多，请 15 分钟后再试")
        }
        let credentials = try await config.store.credentials(username: body.username)
        let verified = Bcrypt.verify(body.password, hash: credentials?.passwordHash ?? dummyHash)
        guard let credentials, verified, let userID = credentials.user.id else {
            try await config.store.recordFailedLogin(username: body.username, at: config.now)
            throw APIError(.unauthorized, code: "bad_credentials", message: "用户名或密码错误")
        }
        let token = Tokens.generate()
        let expires = AppConfig.timestamp(config.clock().addingTimeInterval(config.sessionLifetime))
        try await config.store.createSession(tokenHash: Tokens.hash(token), userID: userID, expires: expires, at: config.now)
        return try Session(token: token, expiresAt: expires, user: credentials.user).response(from: request, context: context)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        _ = try context.requireUser()
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            try await config.store.deleteSession(tokenHash: Tokens.hash(String(header.dropFirst("Bearer ".count))))
        }
        return .noContent
    }
}



import Foundation
import HummingbirdBcrypt
import PlanCore

/// The one sign-in check, for the API's tokens and the pages' cookie: at most `loginAttemptLimit` failures
/// per user name in `loginWindow`, the password checked with Bcrypt (against a dummy hash for unknown names,
/// so timing does not tell which names exist), then a new session stored by its token's hash.
struct SignIn: Sendable {
    struct Session {
        var token: String
        var expires: String
        var user: User
    }

    let config: AppConfig
    let dummyHash: String

    /// Made once per application: the dummy hash costs as much as a real one.
    init(config: AppConfig) {
        self.config = config
        dummyHash = Bcrypt.hash("hcm-dummy-password", cost: config.bcryptCost)
    }

    /// A new session, or an `APIError`: 429 past the failure limit, 401 for a wrong name or password.
    func attempt(username: String, password: String) async throws -> Session {
        let since = AppConfig.timestamp(config.clock().addingTimeInterval(-config.loginWindow))
        if try await config.store.failedLogins(username: username, since: since) >= config.loginAttemptLimit {
            throw APIError(.tooManyRequests, code: "too_many_attempts", message: "登录失败次数过多，请 15 分钟后再试")
        }
        let credentials = try await config.store.credentials(username: username)
        let verified = Bcrypt.verify(password, hash: credentials?.passwordHash ?? dummyHash)
        guard let credentials, verified, let userID = credentials.user.id else {
            try await config.store.recordFailedLogin(username: username, at: config.now)
            throw APIError(.unauthorized, code: "bad_credentials", message: "用户名或密码错误")
        }
        let token = Tokens.generate()
        let expires = AppConfig.timestamp(config.clock().addingTimeInterval(config.sessionLifetime))
        try await config.store.createSession(tokenHash: Tokens.hash(token), userID: userID, expires: expires, at: config.now)
        return Session(token: token, expires: expires, user: credentials.user)
    }
}

import Foundation
import HummingbirdBcrypt
import PlanCore

/// The one sign-in check, for the API's tokens and the pages' cookie: the `SignInThrottle` first (failures per
/// client address, and per user name from that address), then the store's count of failures per name from
/// anywhere (at ten times the per-address limit: a backstop against guessing from many addresses), then the
/// password checked with Bcrypt in `AppConfig.passwords` (against a dummy hash for unknown names, so timing
/// does not tell which names exist), then a new session stored by its token's hash.
struct SignIn: Sendable {
    struct Session {
        var token: String
        var expires: String
        var user: User
    }

    let config: AppConfig
    let dummyHash: String
    let throttle: SignInThrottle

    /// Made once per application: the dummy hash costs as much as a real one.
    init(config: AppConfig) {
        self.config = config
        dummyHash = Bcrypt.hash("hcm-dummy-password", cost: config.bcryptCost)
        throttle = SignInThrottle(
            window: config.loginWindow, addressLimit: config.loginAddressLimit, pairLimit: config.loginAttemptLimit)
    }

    /// A new session, or an `APIError`: 429 past a failure limit (with `Retry-After`), 401 for a wrong name or
    /// password. `address` is the client's (`AppRequestContext.clientAddress`); nil counts as one address.
    func attempt(username: String, password: String, address: String?) async throws -> Session {
        let address = address ?? "unknown"
        let now = config.clock()
        if let wait = throttle.wait(username: username, address: address, now: now) {
            throw Self.tooMany(retryAfter: wait)
        }
        let since = AppConfig.timestamp(now.addingTimeInterval(-config.loginWindow))
        if try await config.store.failedLogins(username: username, since: since) >= config.loginAttemptLimit * 10 {
            throw Self.tooMany(retryAfter: Int(config.loginWindow))
        }
        let credentials = try await config.store.credentials(username: username)
        let hash = credentials?.passwordHash ?? dummyHash
        let verified = try await config.passwords.run { Bcrypt.verify(password, hash: hash) }
        guard let credentials, verified, let userID = credentials.user.id else {
            throttle.recordFailure(username: username, address: address, now: now)
            try await config.store.recordFailedLogin(username: username, at: config.now)
            throw APIError(.unauthorized, code: "bad_credentials", message: "用户名或密码错误")
        }
        let token = Tokens.generate()
        let expires = AppConfig.timestamp(config.clock().addingTimeInterval(config.sessionLifetime))
        try await config.store.createSession(tokenHash: Tokens.hash(token), userID: userID, expires: expires, at: config.now)
        return Session(token: token, expires: expires, user: credentials.user)
    }

    private static func tooMany(retryAfter seconds: Int) -> APIError {
        let minutes = max(1, (seconds + 59) / 60)
        var error = APIError(.tooManyRequests, code: "too_many_attempts", message: "登录失败次数过多，请 \(minutes) 分钟后再试")
        error.retryAfter = seconds
        return error
    }
}

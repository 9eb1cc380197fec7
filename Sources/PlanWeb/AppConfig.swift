import Foundation
import PlanApp
import PlanStore

/// Everything the application needs to run, with development defaults; `hcm serve` and the tests build one.
public struct AppConfig: Sendable {
    public var host: String
    public var port: Int
    public var store: any PlanRepository & SessionRepository
    /// "Now", injected so reporting deadlines and sessions can be tested on a fixed clock.
    public var clock: @Sendable () -> Date
    /// Plan documents larger than this are refused with 413.
    public var maximumUploadSize: Int
    /// How long a sign-in lasts.
    public var sessionLifetime: TimeInterval
    /// Failed sign-ins allowed per user name in `loginWindow` before further attempts are refused (429).
    public var loginAttemptLimit: Int
    public var loginWindow: TimeInterval
    /// Failed sign-ins allowed per client address in `loginWindow`, whatever names are tried.
    public var loginAddressLimit = 20
    /// The request header holding the client's address when hcm runs behind a reverse proxy that sets it
    /// ("X-Forwarded-For": its last entry, the one the proxy added; "X-Real-IP"). Nil: the socket's peer.
    /// Set it only behind such a proxy: otherwise any client could name any address.
    public var clientAddressHeader: String?
    /// Bcrypt cost for new password hashes; tests lower it.
    public var bcryptCost: UInt8
    /// Whether the session cookie is sent over HTTPS only: set it when hcm is served behind TLS.
    public var secureCookies: Bool
    /// Where uploaded and stored documents are read (plan imports, data-entry templates): off the threads that
    /// answer requests, a few at a time.
    public var documents = BoundedWork(name: "文件读取", width: BoundedWork.defaultWidth, queueLimit: 4)
    /// Where passwords are checked with Bcrypt (0.1–0.25 s of CPU each at cost 12): a storm of sign-ins waits
    /// there instead of taking every thread; past 512 waiting (a deadline day's 500 reporters signing in at
    /// once still fit), it is refused at once.
    public var passwords = BoundedWork(name: "登录校验", width: BoundedWork.defaultWidth, queueLimit: 512)

    public init(
        host: String = "127.0.0.1", port: Int = 8080, store: any PlanRepository & SessionRepository,
        clock: @escaping @Sendable () -> Date = { Date() }, maximumUploadSize: Int = 16 * 1024 * 1024,
        sessionLifetime: TimeInterval = 12 * 3600, loginAttemptLimit: Int = 5, loginWindow: TimeInterval = 15 * 60,
        bcryptCost: UInt8 = 12, secureCookies: Bool = false
    ) {
        self.host = host
        self.port = port
        self.store = store
        self.clock = clock
        self.maximumUploadSize = maximumUploadSize
        self.sessionLifetime = sessionLifetime
        self.loginAttemptLimit = loginAttemptLimit
        self.loginWindow = loginWindow
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
    }

    /// ISO 8601 "now" for the store.
    var now: String { Self.timestamp(clock()) }
    /// Today as YYYY-MM-DD (China Standard Time: reporting deadlines are dates in China).
    var today: String { ChinaDate.day(of: clock()) }

    /// UTC with milliseconds, e.g. 2021-04-15T04:00:00.000Z. A format style, not an `ISO8601DateFormatter`:
    /// building one of those on every request cost 15 % of a page (measured in BENCHMARKS.md).
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

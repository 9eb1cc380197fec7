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
    /// Bcrypt cost for new password hashes; tests lower it.
    public var bcryptCost: UInt8
    /// Whether the session cookie is sent over HTTPS only: set it when hcm is served behind TLS.
    public var secureCookies: Bool

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

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PlanCore
import Testing

@testable import PlanWeb

/// Issue 17 through the app: sign-in limits by address and by name, the headers of every response, errors as
/// JSON with a log line, and CPU-heavy work kept off the threads that answer requests.
@Suite struct RobustnessTests {
    /// The world's app as seen behind a proxy that names the client in `X-Forwarded-For`.
    static func behindProxy(_ world: TestWorld) -> AppConfig {
        var config = world.config
        config.clientAddressHeader = "X-Forwarded-For"
        return config
    }

    @Test func aSprayOfNamesFromOneAddressIsRefused() async throws {
        let world = try await TestWorld()
        try await buildApplication(Self.behindProxy(world)).test(.router) { client in
            var statuses: [HTTPResponse.Status] = []
            for index in 1...30 {
                statuses.append(try await client.signIn("user\(index)", password: "guess", from: "203.0.113.7").status)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .unauthorized })
            #expect(statuses.dropFirst(20).allSatisfy { $0 == .tooManyRequests })
            // Even the right password for a real name waits, from that address; not from another.
            let refused = try await client.signIn("admin", password: TestWorld.password, from: "203.0.113.7")
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try await client.signIn("admin", password: TestWorld.password, from: "198.51.100.1").status == .ok)
        }
    }

    @Test func wrongPasswordsSlowTheNameFromThatAddressOnly() async throws {
        let world = try await TestWorld()
        try await buildApplication(Self.behindProxy(world)).test(.router) { client in
            for _ in 0..<5 {
                #expect(try await client.signIn("office", password: "wrong", from: "203.0.113.9").status == .unauthorized)
            }
            let limited = try await client.signIn("office", password: TestWorld.password, from: "203.0.113.9")
            #expect(limited.status == .tooManyRequests)
            let body = try JSONDecoder().decode(ErrorBody.self, from: limited.body)
            #expect(body.error.code == "too_many_attempts")
            #expect(body.error.message == "登录失败次数过多，请 15 分钟后再试")
            // The owner, from their own desk, signs in; another name from the first address too.
            #expect(try await client.signIn("office", password: TestWorld.password, from: "198.51.100.2").status == .ok)
            #expect(try await client.signIn("admin", password: TestWorld.password, from: "203.0.113.9").status == .ok)
        }
    }

    /// The throttle forgets failures once they leave the window, and a flood of addresses stays bounded.
    @Test func theThrottleWindowSlidesAndItsMemoryIsBounded() {
        let throttle = SignInThrottle(window: 60, addressLimit: 3, pairLimit: 2, capacity: 100)
        let start = Date(timeIntervalSince1970: 0)
        throttle.recordFailure(username: "a", address: "x", now: start)
        throttle.recordFailure(username: "a", address: "x", now: start.addingTimeInterval(10))
        #expect(throttle.wait(username: "a", address: "x", now: start.addingTimeInterval(20)) == 40)
        #expect(throttle.wait(username: "b", address: "x", now: start.addingTimeInterval(20)) == nil)
        #expect(throttle.wait(username: "a", address: "x", now: start.addingTimeInterval(61)) == nil)
        for index in 0..<1_000 {
            let at = start.addingTimeInterval(30 + Double(index) / 100)
            throttle.recordFailure(username: "n", address: "10.0.\(index / 256).\(index % 256)", now: at)
        }
        // The latest failures are still counted after older keys were forgotten.
        throttle.recordFailure(username: "n", address: "10.0.3.231", now: start.addingTimeInterval(40))
        #expect(throttle.wait(username: "n", address: "10.0.3.231", now: start.addingTimeInterval(40.5)) != nil)
        #expect(throttle.keysKept <= 100)
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            for (uri, status) in [
                ("/health", HTTPResponse.Status.ok), ("/login", .ok), ("/static/app.css", .ok), ("/api/v1/me", .unauthorized),
                ("/no/such/page", .notFound),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    let policy = response.headers[.contentSecurityPolicy] ?? ""
                    #expect(policy.hasPrefix("default-src 'none'; style-src 'self' 'sha256-"), "\(uri)")
                    #expect(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe"), "\(uri)")
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(uri)")
                    if status == .notFound {
                        let body = try JSONDecoder().decode(ErrorBody.self, from: Data(buffer: response.body))
                        #expect(body.error.code == "not_found" && body.error.message == "找不到该地址")
                    }
                }
            }
        }
    }

    /// The pages hold no script and no inline style, so the policy costs them nothing.
    @Test func thePagesNeedNothingThePolicyForbids() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let token = try await client.login("admin")
            for uri in ["/login", "/api/v1/plans/\(world.planID)/report?year=2020&format=html"] {
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    let page = String(buffer: response.body)
                    #expect(!page.contains("<script"), "\(uri)")
                    #expect(!page.contains(" style=\""), "\(uri)")
                    #expect(!page.contains(" on") || page.range(of: #" on[a-z]+="#, options: .regularExpression) == nil, "\(uri)")
                }
            }
        }
    }

    @Test func aTooLargeUploadIsAJSONError() async throws {
        let world = try await TestWorld()
        var config = world.config
        config.maximumUploadSize = 1024
        try await buildApplication(config).test(.router) { client in
            let admin = try await client.login("admin")
            let r = try await client.call(.post, "/api/v1/plans?filename=plan.txt", token: admin, json: String(repeating: "x", count: 4096))
            #expect(r.status == .contentTooLarge)
            #expect(try JSONDecoder().decode(ErrorBody.self, from: r.body).error.code == "too_large")
        }
    }

    /// Whatever a handler throws becomes a JSON 500 with a log line naming the request; a lost database
    /// connection, a 503 with `Retry-After`.
    @Test func unexpectedErrorsAreJSONAndLogged() async throws {
        struct Broken: Error {}
        let lines = LogLines()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware())
        router.post("/broken") { _, _ -> String in throw Broken() }
        let app = Application(router: router, logger: Logger(label: "test") { _ in CapturingLogHandler(lines: lines) })
        try await app.test(.router) { client in
            try await client.execute(uri: "/broken", method: .post) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let body = try JSONDecoder().decode(ErrorBody.self, from: Data(buffer: response.body))
                #expect(body.error.code == "internal")
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
        }
        #expect(lines.all.contains { $0.hasPrefix("500 POST /broken: ") && $0.contains("Broken") })
    }

    /// Work past the pool's width waits; past its queue it is refused with 503 at once.
    @Test(.timeLimit(.minutes(1))) func boundedWorkQueuesThenRefuses() async throws {
        let pool = BoundedWork(name: "测试", width: 1, queueLimit: 1)
        let gate = DispatchSemaphore(value: 0)
        let first = Task { try await pool.run { gate.wait(); return 1 } }
        while pool.admitted < 1 { try await Task.sleep(for: .milliseconds(10)) }
        let second = Task { try await pool.run { 2 } }
        while pool.admitted < 2 { try await Task.sleep(for: .milliseconds(10)) }
        do {
            _ = try await pool.run { 3 }
            Issue.record("a third job was taken while one ran and one waited")
        } catch let error as APIError {
            #expect(error.status == .serviceUnavailable && error.code == "busy" && error.retryAfter == 5)
            #expect(error.message == "服务器正忙（测试排队已满），请稍后重试")
        }
        gate.signal()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(try await pool.run { 4 } == 4)
        // Each job gives its place back just after its result.
        for _ in 0..<100 where pool.admitted > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(pool.admitted == 0)
    }
}

extension TestClientProtocol {
    /// Signs in through the API as a client at `address` (sent as the proxy would, in `X-Forwarded-For`).
    func signIn(_ username: String, password: String, from address: String) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: Data)
    {
        try await execute(
            uri: "/api/v1/auth/login", method: .post,
            headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "10.9.9.9, \(address)"],
            body: ByteBuffer(string: #"{"username": "\#(username)", "password": "\#(password)"}"#)
        ) { ($0.status, $0.headers, Data(buffer: $0.body)) }
    }
}

/// The messages logged, for tests that check a log line was written.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        lines.append(message.description)
    }
}

import Foundation
import HummingbirdBcrypt
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanStore
import Synchronization
import Testing

@testable import PlanWeb

/// Sessions are kept in memory between requests while the store is unchanged, and are never trusted longer
/// than the database would: they still expire on time, and a sign-out anywhere ends them here.
@Suite struct SessionCacheTests {
    /// Two app instances (two repositories) on one SQLite file, with a clock the test moves.
    final class TwoInstances: Sendable {
        let here: SQLitePlanRepository
        let elsewhere: SQLitePlanRepository
        let now = Mutex(TestWorld.clock)

        init() async throws {
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("hcm-sessions-\(UUID().uuidString)/hcm.sqlite").path
            here = try SQLitePlanRepository(path: path)
            elsewhere = try SQLitePlanRepository(path: path)
            _ = try await here.createUser(
                User(username: "office", displayName: "健康办", role: .reviewer),
                passwordHash: Bcrypt.hash(TestWorld.password, cost: 4), actor: "test", at: "2021-01-01T00:00:00Z")
        }

        func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
            let config = AppConfig(store: here, clock: { self.now.withLock { $0 } }, bcryptCost: 4)
            try await buildApplication(config).test(.router, body)
        }
    }

    @Test func aKeptSessionStillExpires() async throws {
        let instances = try await TwoInstances()
        try await instances.test { client in
            let cookie = try await PagesTests.signIn(client, "office")
            let token = try await client.login("office")
            for _ in 0..<2 {
                #expect(try await PagesTests.fetch(client, .get, "/", cookie: cookie).status == .ok)
                #expect(try await client.call(.get, "/api/v1/plans", token: token).status == .ok)
            }
            // Nothing is written meanwhile: only the clock moves past the session's lifetime.
            instances.now.withLock { $0 += AppConfig(store: instances.here).sessionLifetime + 1 }
            #expect(try await PagesTests.fetch(client, .get, "/", cookie: cookie).location == "/login")
            #expect(try await client.call(.get, "/api/v1/plans", token: token).status == .unauthorized)
        }
    }

    /// Signing out on another instance (here: its repository deleting the session) ends the session on this
    /// one at its next request.
    @Test func aSignOutElsewhereEndsTheSessionHere() async throws {
        let instances = try await TwoInstances()
        try await instances.test { client in
            let cookie = try await PagesTests.signIn(client, "office")
            let token = try await client.login("office")
            #expect(try await PagesTests.fetch(client, .get, "/", cookie: cookie).status == .ok)
            #expect(try await client.call(.get, "/api/v1/plans", token: token).status == .ok)
            let pageToken = try #require(cookie.split(separator: "=", maxSplits: 1).last.map(String.init))
            try await instances.elsewhere.deleteSession(tokenHash: Tokens.hash(pageToken))
            try await instances.elsewhere.deleteSession(tokenHash: Tokens.hash(token))
            #expect(try await PagesTests.fetch(client, .get, "/", cookie: cookie).location == "/login")
            #expect(try await client.call(.get, "/api/v1/plans", token: token).status == .unauthorized)
        }
    }
}

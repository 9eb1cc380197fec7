import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanStore
import Synchronization
import Testing

@testable import PlanWeb

/// Pages kept between requests are never stale: a write by this app or by anyone else on the same database
/// shows on the next request, and what users may see differently is never shared between them.
@Suite struct PageCacheTests {
    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    @Test func requestsThatMissTogetherComputeOnce() async throws {
        let world = try await TestWorld()
        let cache = PageCache()
        let computed = Counter()
        let contents = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.content("page", store: world.store) {
                        try await Task.sleep(for: .milliseconds(50))
                        return computed.next()
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(contents == Array(repeating: 1, count: 20))
        // Kept while the store is unchanged; computed again after any write.
        #expect(try await cache.content("page", store: world.store) { computed.next() } == 1)
        try await world.store.saveRegions([Region(code: "330399", name: "测试区", level: .county)], actor: "test", at: "2021-04-15T00:00:00Z")
        #expect(try await cache.content("page", store: world.store) { computed.next() } == 2)
        #expect(try await cache.content("other", store: world.store) { computed.next() } == 3)
    }

    @Test func aFailureIsNotKept() async throws {
        let world = try await TestWorld()
        let cache = PageCache()
        await #expect(throws: APIError.self) {
            try await cache.content("page", store: world.store) { () async throws -> Int in throw APIError.notFound("页面") }
        }
        #expect(try await cache.content("page", store: world.store) { 7 } == 7)
    }

    @Test func keysOfDifferentPartsDiffer() {
        #expect(PageCache.key("plan", "a|b", "c") != PageCache.key("plan", "a", "b|c"))
        #expect(PageCache.key("plan", nil, "1") != PageCache.key("plan", "1", nil))
        #expect(PageCache.key("plan", "-") != PageCache.key("plan", nil))
    }

    /// Writes made straight to the store, as a second app instance or the CLI would, show on the next page.
    @Test func pagesShowWritesMadeElsewhere() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let office = try await PagesTests.signIn(client, "office")
            let indicator = "/indicators/\(world.healthIndicator)"
            for uri in ["/", indicator, "/plans/\(world.planID)", "/public/plans/\(world.planID)"] {
                let page = try await PagesTests.fetch(client, .get, uri, cookie: office)
                #expect(page.status == .ok && !page.html.contains("新设测试区"), "\(uri)")
            }
            try await world.store.saveRegions([Region(code: "330399", name: "新设测试区", level: .county)], actor: "other instance", at: "2021-04-15T00:00:00Z")
            _ = try await world.store.apply(
                [ObservationChange(indicatorID: world.healthIndicator, regionCode: "330399", year: 2020, action: .submit, valueText: "79.5")],
                actor: "other instance", at: "2021-04-15T00:00:01Z")
            let dashboard = try await PagesTests.fetch(client, .get, "/", cookie: office).html
            #expect(dashboard.contains("新设测试区") && dashboard.contains("other instance"))
            let page = try await PagesTests.fetch(client, .get, indicator, cookie: office).html
            #expect(page.contains("新设测试区") && page.contains("79.5"))
        }
    }

    /// The indicator page kept for the office is not what a reporter gets: reporters see other regions'
    /// values only once approved; and each viewer's page carries their own name and CSRF token.
    @Test func whatDiffersByViewerIsNotShared() async throws {
        let world = try await TestWorld()
        try await world.store.saveRegions(
            [Region(code: "330302", name: "鹿城区", level: .county), Region(code: "330303", name: "龙湾区", level: .county)],
            actor: "test", at: "2021-04-15T00:00:00Z")
        _ = try await world.store.apply(
            [ObservationChange(indicatorID: world.healthIndicator, regionCode: "330303", year: 2020, action: .submit, valueText: "79.25")],
            actor: "other", at: "2021-04-15T00:00:01Z")
        try await world.test { client in
            let uri = "/indicators/\(world.healthIndicator)"
            let office = try await PagesTests.fetch(client, .get, uri, cookie: try await PagesTests.signIn(client, "office"))
            let viewer = try await PagesTests.fetch(client, .get, uri, cookie: try await PagesTests.signIn(client, "viewer"))
            let reporter = try await PagesTests.fetch(client, .get, uri, cookie: try await PagesTests.signIn(client, "reporter"))
            #expect(office.html.contains("79.25") && viewer.html.contains("79.25"))
            #expect(!reporter.html.contains("79.25"))
            #expect(office.html.contains("健康办") && viewer.html.contains("领导") && !viewer.html.contains("健康办"))
            #expect(office.csrf != nil && office.csrf != viewer.csrf)
            // Only the office may propose a revision: the form is drawn per request, not kept with the page.
            #expect(office.html.contains(#"action="/revisions""#) && !viewer.html.contains(#"action="/revisions""#))
        }
    }
}

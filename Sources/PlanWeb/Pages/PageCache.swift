import PlanStore
import Synchronization

/// Page content computed from the store alone, kept until the store changes (its `changeStamp()`), so that
/// the dashboard and the indicator pages are read, judged and rendered once per change instead of once per
/// request. Requests that miss together wait for one computation. Keys must name everything besides the
/// store that the content depends on (query, the viewer's scope, the day); what is per user or per session
/// (name, CSRF token) stays out of cached content.
final class PageCache: Sendable {
    private struct Entry {
        let stamp: String
        let task: Task<any Sendable, any Error>
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Keys come partly from query strings: the count is bounded so that no one can fill the memory.
    private let limit: Int

    init(limit: Int = 256) {
        self.limit = limit
    }

    /// A key of several parts, some written by users: each is prefixed with its length, so that no two
    /// different lists of parts make the same key.
    static func key(_ parts: String?...) -> String {
        parts.map { $0.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
    }

    /// The content for `key` as of the store's current stamp: the kept one, or `make()`'s. `stamp` is the
    /// stamp already read for this request, if any (`AppRequestContext.changeStamp`).
    func content<Content: Sendable>(
        _ key: String, stamp: String? = nil, store: any PlanRepository,
        make: @escaping @Sendable () async throws -> Content
    ) async throws -> Content {
        // Read before the content, so content kept under a stamp is never older than the stamp.
        let stamp = if let stamp { stamp } else { try await store.changeStamp() }
        let task = entries.withLock { entries in
            if let entry = entries[key], entry.stamp == stamp { return entry.task }
            if entries.count >= limit {
                entries = entries.filter { $0.value.stamp == stamp }
                if entries.count >= limit { entries.removeAll() }
            }
            let task = Task<any Sendable, any Error> { try await make() }
            entries[key] = Entry(stamp: stamp, task: task)
            return task
        }
        do {
            guard let content = try await task.value as? Content else { return try await make() }
            return content
        } catch {
            // A failure is not kept: the next request tries again.
            entries.withLock { entries in
                if entries[key]?.task == task { entries[key] = nil }
            }
            throw error
        }
    }
}

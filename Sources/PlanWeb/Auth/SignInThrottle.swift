import Foundation

/// The failed sign-ins this instance has seen, by client address and by user name from that address, within a
/// sliding window: what `SignIn` asks before it spends a Bcrypt check.
///
/// - One address may fail `addressLimit` times in the window, whatever names it tries: a spray of 30 names
///   from one address is refused (429) from the 21st on.
/// - One name may fail `pairLimit` times from one address: further tries of that name from there wait until
///   the oldest failure leaves the window; the owner signing in from another address is not held up.
///
/// Kept in memory: an attacker spreading attempts over several instances gets each instance's allowance, and a
/// restart forgets. The store's record of failures (`failedLogins`) still bounds a name over all addresses and
/// instances, at a higher limit (see `SignIn`).
final class SignInThrottle: @unchecked Sendable {
    let window: TimeInterval
    let addressLimit: Int
    let pairLimit: Int
    /// Keys kept at most; past it the oldest failures are forgotten first, so a flood of new addresses or
    /// names cannot grow memory without end.
    let capacity: Int
    // Guarded by `lock`: failure times, oldest first, by key.
    private let lock = NSLock()
    private var failures: [Key: [Date]] = [:]

    private enum Key: Hashable {
        case address(String)
        case name(String, address: String)
    }

    init(window: TimeInterval, addressLimit: Int, pairLimit: Int, capacity: Int = 50_000) {
        self.window = window
        self.addressLimit = addressLimit
        self.pairLimit = pairLimit
        self.capacity = capacity
    }

    /// How many addresses and (name, address) pairs are remembered now: at most `capacity`.
    var keysKept: Int {
        lock.withLock { failures.count }
    }

    /// Nil when `username` may be tried from `address` now; else how many seconds until it may.
    func wait(username: String, address: String, now: Date) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        let keys: [(Key, Int)] = [(.address(address), addressLimit), (.name(username, address: address), pairLimit)]
        var wait: TimeInterval = 0
        for (key, limit) in keys {
            let times = recent(key, now: now)
            guard times.count >= limit else { continue }
            // Free again when the failure that brought the count to the limit leaves the window.
            wait = max(wait, times[times.count - limit].addingTimeInterval(window).timeIntervalSince(now))
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    func recordFailure(username: String, address: String, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        // Each failure may add two keys.
        if failures.count + 2 > capacity { forgetOldest(now: now) }
        for key in [Key.address(address), .name(username, address: address)] {
            failures[key] = recent(key, now: now) + [now]
        }
    }

    /// The key's failures within the window; older ones are dropped from the record.
    private func recent(_ key: Key, now: Date) -> [Date] {
        guard let times = failures[key] else { return [] }
        let since = now.addingTimeInterval(-window)
        let kept = times.drop { $0 <= since }
        if kept.isEmpty { failures[key] = nil } else if kept.count < times.count { failures[key] = Array(kept) }
        return Array(kept)
    }

    /// Drops keys with nothing in the window, then, if still full, the half whose last failure is oldest.
    private func forgetOldest(now: Date) {
        let since = now.addingTimeInterval(-window)
        failures = failures.filter { ($0.value.last ?? .distantPast) > since }
        guard failures.count + 2 > capacity else { return }
        let byLast = failures.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
        for (key, _) in byLast.prefix(failures.count / 2) { failures[key] = nil }
    }
}

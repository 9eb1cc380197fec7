import PlanCore
import PlanStore

extension DemoData {
    /// `seedIfEmpty`, under PostgreSQL's seeding lock when the store is shared: two instances started together
    /// with `--demo` seed once.
    func seedOnce() async throws -> [(username: String, role: User.Role, password: String)]? {
        guard let shared = store as? PostgresPlanRepository else { return try await seedIfEmpty() }
        return try await shared.withSeedingLock { try await seedIfEmpty() }
    }
}

import Foundation
import HummingbirdBcrypt
import PlanCore
import PlanImport
import PlanStore

/// The demo: the Wenzhou plan (seed 000) published, Wenzhou's twelve county-level regions, the plan's
/// departments, one user per role, and synthetic observations for 2018–2020, every one marked as such.
struct DemoData {
    static let regions: [Region] = [
        Region(code: "330300", name: "温州市", level: .city)
    ]
        + [
            ("330302", "鹿城区"), ("330303", "龙湾区"), ("330304", "瓯海区"), ("330305", "洞头区"), ("330324", "永嘉县"),
            ("330326", "平阳县"), ("330327", "苍南县"), ("330328", "文成县"), ("330329", "泰顺县"), ("330381", "瑞安市"),
            ("330382", "乐清市"), ("330383", "龙港市"),
        ].map { Region(code: $0.0, name: $0.1, level: .county, parentCode: "330300") }

    /// Full names of the short names the plan's task table uses.
    static let aliases: [String: [String]] = [
        "市卫生计生委": ["卫计", "市卫计委"], "市体育局": ["体育"], "市环保局": ["环保"], "市教育局": ["教育"],
        "市民政局": ["民政"], "市人社局": ["人力社保"], "市市场监管局": ["市场监管"], "市发改委": ["发改"],
        "市财政局": ["财政"], "市公安局": ["公安"], "市科技局": ["科技"], "市经信委": ["经信"], "市残联": ["残联"],
    ]

    static let evidence = "演示数据（合成，非真实统计）"
    /// The demo accounts' mail domain, under the reserved .example TLD: nothing is ever delivered there for real.
    static let mailDomain = "hcm.example"

    let store: any PlanRepository
    let now: Date

    /// Seeds an empty database and returns the demo users' passwords; returns nil when the database already
    /// has plans (it is reused as it is).
    func seedIfEmpty() async throws -> [(username: String, role: User.Role, password: String)]? {
        guard try await store.planSummaries().isEmpty else { return nil }
        let at = ISO8601DateFormatter().string(from: now)
        guard let url = Bundle.module.url(forResource: "wenzhou-plan-2018-2020", withExtension: "txt", subdirectory: "Resources") else {
            throw DemoError.missingPlan
        }
        let plan = try PlanImporter.importPlan(at: url)
        let planID = try await store.createPlan(
            plan, source: SourceDocument(name: url.lastPathComponent, data: try Data(contentsOf: url)), actor: "demo", at: at)
        try await store.setPlanStatus(id: planID, to: .published, actor: "demo", at: at)
        try await store.saveRegions(Self.regions, actor: "demo", at: at)

        var departmentIDs: [String: Int64] = [:]
        let named = Set(plan.indicatorTables.flatMap(\.indicators).flatMap { $0.lead + $0.cooperating })
        for name in named.sorted() where Self.aliases.values.allSatisfy({ !$0.contains(name) }) {
            departmentIDs[name] = try await store.saveDepartment(
                Department(name: name, aliases: Self.aliases[name] ?? [], regionCode: "330300"), actor: "demo", at: at)
        }

        var passwords: [(String, User.Role, String)] = []
        func add(_ username: String, _ name: String, _ role: User.Role, department: String? = nil, region: String? = nil) async throws {
            let password = UserAdd.generatedPassword()
            _ = try await store.createUser(
                User(
                    username: username, displayName: name, role: role, departmentID: department.flatMap { departmentIDs[$0] },
                    regionCode: region, email: "\(username)@\(Self.mailDomain)"),
                passwordHash: Bcrypt.hash(password, cost: 10), actor: "demo", at: at)
            passwords.append((username, role, password))
        }
        try await add("admin", "系统管理员", .admin)
        try await add("office", "健康办审核员", .reviewer)
        try await add("weijian", "鹿城区卫健局填报员", .reporter, department: "市卫生计生委", region: "330302")
        try await add("tiyu", "鹿城区体育局填报员", .reporter, department: "市体育局", region: "330302")
        try await add("leader", "领导（只读）", .viewer)

        // 2018 and 2019 are reviewed history; 2020 stays open for the demo so it can be reported on today.
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: now)
        for year in 2018...2020 {
            var cycle = ReportingCycle.standard(planID: planID, year: year, planDeadline: plan.reportingDeadline)
            if year == 2020 { cycle.deadline = "\(max(thisYear, 2021))-12-31" }
            _ = try await store.openCycle(cycle, actor: "demo", at: at)
        }
        try await observations(planID: planID, at: at)
        return passwords
    }

    /// Values near each first-table target, approved for 2018–2019 and left to the reporters for 2020 in
    /// 鹿城区 (so the reporter's form has work), submitted elsewhere.
    private func observations(planID: Int64, at: String) async throws {
        let indicators = try await store.indicators(planID: planID).prefix(23)
        var generator = SplitMix64(seed: 20_181_021)
        for region in Self.regions.dropFirst() {
            for year in 2018...2020 where !(year == 2020 && region.code == "330302") {
                var changes: [ObservationChange] = []
                for stored in indicators {
                    guard let text = Self.syntheticValue(for: stored.indicator, year: year, using: &generator) else { continue }
                    changes.append(
                        ObservationChange(
                            indicatorID: stored.id, regionCode: region.code, year: year, action: .submit, valueText: text,
                            evidence: Self.evidence))
                }
                // Reviewed years were submitted and approved in spring, before their deadline; 2020's values now.
                let reportedAt = year < 2020 ? "\(year + 1)-04-20T02:00:00Z" : at
                let submitted = try await store.apply(changes, actor: "demo", at: reportedAt)
                if year < 2020 {
                    _ = try await store.apply(
                        submitted.map {
                            ObservationChange(
                                indicatorID: $0.indicatorID!, regionCode: $0.regionCode, year: $0.year, action: .approve,
                                expectedVersion: $0.version)
                        }, actor: "demo", at: "\(year + 1)-04-28T02:00:00Z")
                }
            }
        }
    }

    /// A plausible value: the target's number moved a little either way; "达标" for a judged target.
    static func syntheticValue(for indicator: Indicator, year: Int, using generator: inout SplitMix64) -> String? {
        guard let target = indicator.target(for: year) ?? indicator.targets.last else { return nil }
        let spread = Double.random(in: -0.04...0.03, using: &generator)
        switch target.parsed {
        case .comparison(let c) where c.multiplier == nil:
            return NumberText.format((c.value * (1 + spread) * 100).rounded() / 100)
        case .compound(let parts):
            return parts.compactMap { $0.singleValue.map { NumberText.format(($0 * (1 + spread) * 100).rounded() / 100) } }
                .joined(separator: "；")
        case .externalReference, .qualitative, .trend:
            return spread > -0.03 ? "达标" : "未达标"
        default:
            return nil
        }
    }

    enum DemoError: Error, CustomStringConvertible {
        case missingPlan
        var description: String { "演示规划文件缺失（PlanCLI 资源 wenzhou-plan-2018-2020.txt）" }
    }
}

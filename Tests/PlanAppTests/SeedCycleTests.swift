import Foundation
import PlanApp
import PlanCore
import PlanImport
import PlanStore
import Testing

/// Each seed plan run through its first yearly cycle as a new office would, through the use cases: imported →
/// departments confirmed (as proposed) → published → a cycle → a reporter of the first indicator's lead
/// department submits a value for every indicator of theirs with a numeric target → a reviewer approves →
/// the board equals the evaluation → the report names the plan.
@Suite struct SeedCycleTests {
    static let seeds = SubmitObservationsTests.seeds
    static let now = "2021-04-15T00:00:00Z"

    @Test(arguments: ["000_43dbf30d6d3ada74.txt", "001_f18f6f04fe395455.txt", "002_9db75b001e849600.txt", "003_3a1667128172d8df.txt", "004_c2b086509075f3da.txt"])
    func aSeedRunsItsFirstCycle(_ seed: String) async throws {
        let store = try SubmitObservationsTests.store()
        let plan = try PlanImporter.importPlan(at: Self.seeds.appendingPathComponent(seed))
        let planID = try await store.createPlan(plan, source: nil, actor: "test", at: Self.now)
        let admin = try await store.createUser(User(username: "admin", displayName: "管理员", role: .admin), passwordHash: "x", actor: "test", at: Self.now)
        let reviewer = try await store.createUser(User(username: "office", displayName: "健康办", role: .reviewer), passwordHash: "x", actor: "test", at: Self.now)

        // Import review: a plan without a title gets one from the office before it can be published.
        let publish = PublishPlan(store: store)
        if plan.title.isEmpty {
            await #expect(throws: AppError.self) { try await publish(planID: planID, by: admin, now: Self.now) }
            try await EditDraftPlan(store: store)(planID: planID, PlanHeading(plan).retitled("健康行动计划（\(seed)）"), by: admin, now: Self.now)
        }
        // A plan the importer found no indicator table in is not published: there is nothing to report on.
        guard plan.indicatorTables.contains(where: { !$0.indicators.isEmpty }) else {
            await #expect(throws: AppError.invalid("规划“\(plan.title)”没有任何指标，不能发布：请检查导入结果或重新导入", field: "indicators")) {
                try await publish(planID: planID, by: admin, now: Self.now)
            }
            return
        }
        // Departments: every unit name is a department or an alias of one, or a collective name; none is both.
        let proposals = try await publish.proposals(planID: planID)
        let names = Set(proposals.departments.flatMap { [$0.name] + $0.aliases })
        #expect(names.isDisjoint(with: proposals.collective))
        #expect(proposals.collective.allSatisfy(DepartmentNames.isCollective))
        let saved = try await publish(planID: planID, departments: proposals.departments, by: admin, now: Self.now)
        #expect(saved.count == proposals.departments.count)
        #expect(Set(try await store.departments().map(\.name)) == Set(proposals.departments.map(\.name)))

        // A cycle for the first year with a target, open today.
        let indicators = try await store.indicators(planID: planID)
        let year = indicators.flatMap { $0.indicator.targets.compactMap(\.year) }.min() ?? plan.period?.end ?? 2020
        _ = try await store.openCycle(ReportingCycle(planID: planID, year: year, opens: "2021-01-01", deadline: "2021-12-31"), actor: "test", at: Self.now)

        // The reporter of the first led indicator's department reports a value at each single target with an
        // inclusive comparator it leads; where the plan names no lead at all (seed 004), the administrator does.
        let led = indicators.first { stored in stored.indicator.lead.contains { DepartmentNames.department(for: $0, in: saved) != nil } }
        let department = led?.indicator.lead.lazy.compactMap { DepartmentNames.department(for: $0, in: saved) }.first
        let reporter =
            department == nil
            ? admin
            : try await store.createUser(
                User(username: "reporter", displayName: "填报员", role: .reporter, departmentID: department?.id, regionCode: "330000"),
                passwordHash: "x", actor: "test", at: Self.now)
        let changes = indicators.compactMap { stored -> ObservationChange? in
            let indicator = stored.indicator
            guard department.map({ d in (indicator.lead + indicator.cooperating).contains(where: d.isNamed) }) ?? true,
                case .comparison(let c)? = indicator.judgedTarget(for: year)?.parsed, c.multiplier == nil,
                [.atLeast, .atMost, .reach].contains(c.op), indicator.checkedRange?.contains(c.value) ?? true
            else { return nil }
            return ObservationChange(
                indicatorID: stored.id, regionCode: "330000", year: year, action: .submit, valueText: NumberText.format(c.value))
        }
        let today = "2021-04-15"
        if !changes.isEmpty {
            let submitted = try await SubmitObservations(store: store)(changes, by: reporter, today: today, now: Self.now)
            #expect(submitted.count == changes.count)
            let approvals = submitted.map {
                ObservationChange(indicatorID: $0.indicatorID!, regionCode: $0.regionCode, year: $0.year, action: .approve, expectedVersion: $0.version)
            }
            await #expect(throws: AppError.self, "four eyes: the submitter cannot approve") {
                try await ReviewObservations(store: store)(approvals, by: User(username: reporter.username, displayName: "", role: .admin), now: Self.now)
            }
            _ = try await ReviewObservations(store: store)(approvals, by: reviewer, now: Self.now)
        }

        // The evaluation, and the board from it: the same counts by domain and region.
        let evaluation = try await AnnualEvaluation.load(store: store, planID: planID, year: year)
        let board = Board(evaluation, departments: try await store.departments())
        #expect(board.year == year)
        let approvedIDs = Set(changes.map(\.indicatorID))
        if !changes.isEmpty {
            let region = try #require(evaluation.regions.first)
            for item in region.indicators where approvedIDs.contains(item.indicatorID ?? -1) {
                // A value at its target is met, whichever way is better.
                #expect(item.status == .met, "\(item.name) \(item.actualText ?? "") \(item.explanation)")
            }
            #expect(board.regions.map(\.code) == ["330000"])
            #expect(board.regions[0].counts.total == region.indicators.count)
            let domainTotal = board.domains.map(\.counts.total).reduce(0, +)
            #expect(domainTotal == region.indicators.count)
            for group in region.summary.byDomain {
                #expect(board.domains.first { $0.name == group.name }?.counts.met == group.counts.met)
            }
            #expect(!board.departments.contains { DepartmentNames.isCollective($0.name) })
        }
        let html = evaluation.report.html()
        #expect(html.contains(evaluation.planTitle.isEmpty ? "\(year)" : evaluation.planTitle))
    }
}

extension PlanHeading {
    func retitled(_ title: String) -> PlanHeading {
        var heading = self
        heading.title = title
        return heading
    }
}

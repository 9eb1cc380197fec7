import Foundation
import PlanApp
import PlanCore
import PlanImport
import PlanStore
import Testing

/// Seed 003's two indicator tables both number from 1: a value and a decision land on the indicator they
/// were given for, never on the other table's indicator with the same code.
@Suite struct IndicatorIdentityTests {
    @Test func codesSharedByTwoTablesStayTwoIndicators() async throws {
        let store = try SubmitObservationsTests.store()
        let now = SubmitObservationsTests.now
        var plan = try PlanImporter.importPlan(at: SubmitObservationsTests.seeds.appendingPathComponent("003_3a1667128172d8df.txt"))
        plan.title = plan.title.isEmpty ? "鹿城区卫计“十三五”规划" : plan.title
        let planID = try await store.createPlan(plan, source: nil, actor: "test", at: now)
        let admin = try await store.createUser(User(username: "admin", displayName: "管理员", role: .admin), passwordHash: "x", actor: "test", at: now)
        let office = User(username: "office", displayName: "健康办", role: .reviewer)
        try await PublishPlan(store: store)(planID: planID, by: admin, now: now)
        let indicators = try await store.indicators(planID: planID)
        // Two indicators with one code, in different tables.
        let shared = Dictionary(grouping: indicators.filter { $0.indicator.code != nil }, by: { $0.indicator.code! }).values.first { $0.count >= 2 }
        let pair = try #require(shared)
        let (first, second) = (pair[0], pair[1])
        let year = try #require(second.indicator.targets.compactMap(\.year).min() ?? plan.period?.end)
        _ = try await store.openCycle(ReportingCycle(planID: planID, year: year, opens: "2021-01-01", deadline: "2021-12-31"), actor: "test", at: now)

        // A value for the second: judged qualitatively or numerically, whichever its own target is.
        let target = second.indicator.judgedTarget(for: year)
        let value: String =
            switch target?.parsed {
            case .qualitative?: QualitativeChoice.choices(for: target!.text).met
            case let parsed? where parsed.expectsNumber: NumberText.format(parsed.values.first ?? 1)
            default: "已完成"
            }
        let submitted = try await SubmitObservations(store: store)(
            [ObservationChange(indicatorID: second.id, regionCode: "330302", year: year, action: .submit, valueText: value)],
            by: admin, today: "2021-04-15", now: now)
        _ = try await ReviewObservations(store: store)(
            [ObservationChange(indicatorID: second.id, regionCode: "330302", year: year, action: .approve, expectedVersion: submitted[0].version)],
            by: office, now: now)
        try await store.recordDecision(
            ReviewerDecision(
                indicator: second.indicator.code!, regionCode: "330302", year: year, verdict: .met, evidence: "核实", author: "office",
                decidedAt: now, indicatorID: second.id),
            planID: planID)

        let evaluation = try await AnnualEvaluation.load(store: store, planID: planID, year: year)
        let items = try #require(evaluation.regions.first).indicators
        let judgedSecond = try #require(items.first { $0.indicatorID == second.id })
        let judgedFirst = try #require(items.first { $0.indicatorID == first.id })
        #expect(judgedSecond.actualText == value)
        #expect(judgedSecond.status == .met)
        #expect(judgedFirst.actualText == nil, "the other table's code \(first.indicator.code!) has no value")
        #expect(judgedFirst.decision == nil)
        #expect(judgedFirst.status == .noData)
    }
}

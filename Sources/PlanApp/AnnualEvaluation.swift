import Foundation
import PlanCore
import PlanReports
import PlanStore

/// A plan evaluated and scored for a year, from the store: the approved observations, the submission facts
/// behind deductions (late, returned), and the region names. `hcm evaluate`, `hcm report` and the API's
/// evaluation and report routes all go through this, so they agree to the last cell.
public struct AnnualEvaluation: Sendable, Encodable {
    public var planID: Int64
    public var planTitle: String
    public var year: Int
    public var regions: [RegionEvaluation]
    public var assessment: Assessment
    /// Region names by code, for the report.
    public var regionNames: [String: String]
    public var period: Period?

    /// The scheme used when a plan has none of its own: equal weights, proportional marks when not met, half
    /// a point off per late submission (at most 5) and a fifth per return (at most 2), on a 100-point scale.
    public static let defaultScheme = ScoringScheme(
        version: 1, late: .init(perSubmission: 0.5, cap: 5), returned: .init(perSubmission: 0.2, cap: 2))

    /// Evaluates `planID` for `year`: every region with approved values, or only `region`; under `scheme`, else
    /// the plan's latest stored scheme, else the default; with the reviewers' decisions of the year.
    public static func load(
        store: any PlanRepository, planID: Int64, year: Int, region: String? = nil, scheme: ScoringScheme? = nil
    ) async throws -> AnnualEvaluation {
        guard let read = try await store.plan(id: planID) else { throw StoreError.notFound("plan \(planID)") }
        // Departments are scored as the departments they are: aliases folded, collective names left out.
        let plan = read.withLeadsFolded(into: try await store.departments())
        let observations = try await store.observations(planID: planID, year: nil, regionCode: region)
        let decisions = try await store.decisions(planID: planID, year: year)
        let stored = try await store.scoringSchemes(planID: planID).last
        let scheme = scheme ?? stored ?? defaultScheme
        let evaluator = PlanEvaluator(plan: plan, observations: observations, decisions: decisions)
        let regions = region.map { [evaluator.evaluate(year: year, region: $0)] } ?? evaluator.evaluateAllRegions(year: year)
        let cycle = try await store.cycles(planID: planID).first { $0.year == year }
        let facts = try await submissionFacts(store: store, observations: observations.filter { $0.year == year }, cycle: cycle)
        let names = Dictionary(try await store.regions().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        return AnnualEvaluation(
            planID: planID, planTitle: plan.title, year: year, regions: regions,
            assessment: scheme.assess(regions, submissions: facts, year: year), regionNames: names, period: plan.period)
    }

    /// For every value of the year: whether it was first submitted after the deadline in force for the
    /// submitter's department in that region (the cycle's, or an approved extension's; a day in China's time,
    /// UTC+8), and how often it was returned, from its history.
    public static func submissionFacts(store: any PlanRepository, observations: [Observation], cycle: ReportingCycle?) async throws
        -> [SubmissionFacts]
    {
        var extensions: [ExtensionRequest] = []
        if let cycle { extensions = try await store.extensions(planID: cycle.planID) }
        let departments = Dictionary(try await store.users().map { ($0.username, $0.departmentID) }, uniquingKeysWith: { first, _ in first })
        var facts: [SubmissionFacts] = []
        for observation in observations {
            guard let id = observation.id else { continue }
            let history = try await store.history(observationID: id)
            let returned = history.filter { $0.status == .returned }.count
            let submitted = history.first { $0.status == .submitted }
            let firstSubmission = submitted.flatMap { ChinaDate.day(ofTimestamp: $0.changedAt) }
            let deadline = cycle.map {
                ExtensionRequest.deadline(
                    of: $0, departmentID: submitted.flatMap { departments[$0.changedBy] } ?? nil, regionCode: observation.regionCode,
                    extensions: extensions)
            }
            let late = deadline.map { d in firstSubmission.map { $0 > d } ?? false } ?? false
            if late || returned > 0 {
                facts.append(SubmissionFacts(
                    indicator: observation.indicator, indicatorID: observation.indicatorID, regionCode: observation.regionCode, late: late,
                    returnedCount: returned))
            }
        }
        return facts
    }

    public var report: AnnualReport {
        AnnualReport(
            planTitle: planTitle, year: year, period: period, evaluations: regions, assessment: assessment,
            regionNames: regionNames)
    }

    private enum CodingKeys: String, CodingKey {
        case planID, planTitle, year, regions, assessment
    }
}

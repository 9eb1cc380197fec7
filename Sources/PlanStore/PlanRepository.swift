import Foundation
import PlanCore

/// Everything hcm keeps, behind one protocol: the GRDB implementation (a SQLite file, the embedded default)
/// and, for several app instances, a PostgreSQL one. Every write is one transaction: it fully happens or not
/// at all, and it leaves an audit entry. Times are passed in (ISO 8601), so callers and tests own the clock.
public protocol PlanRepository: ReminderRepository {
    // MARK: Regions, departments, users
    /// Adds the regions, or updates those whose code exists.
    func saveRegions(_ regions: [Region], actor: String, at: String) async throws
    func regions() async throws -> [Region]
    /// Saves a department (new when its id is nil) and returns its id.
    func saveDepartment(_ department: Department, actor: String, at: String) async throws -> Int64
    func departments() async throws -> [Department]
    func createUser(_ user: User, passwordHash: String, actor: String, at: String) async throws -> User
    func credentials(username: String) async throws -> (user: User, passwordHash: String)?
    func user(id: Int64) async throws -> User?
    func users() async throws -> [User]

    // MARK: Plans
    /// Stores an imported plan as a draft, with its source document, and returns its id.
    func createPlan(_ plan: Plan, source: SourceDocument?, actor: String, at: String) async throws -> Int64
    func setPlanStatus(id: Int64, to status: PlanStatus, actor: String, at: String) async throws
    func planSummaries() async throws -> [PlanSummary]
    /// The plan with its current targets (as changed by approved revisions).
    func plan(id: Int64) async throws -> Plan?
    func indicators(planID: Int64) async throws -> [StoredIndicator]
    /// Indicators by id, ordered by id, with their current targets, read together; unknown ids are left out.
    func indicators(ids: [Int64]) async throws -> [StoredIndicator]
    /// The document the plan was imported from, as uploaded.
    func sourceDocument(planID: Int64) async throws -> SourceDocument?
    /// Corrects an indicator of a draft plan (the office reviewing an import). Once a plan is published its
    /// targets change only through approved revisions, so any other status is refused.
    func editDraftIndicator(id: Int64, _ indicator: Indicator, actor: String, at: String) async throws
    /// Corrects the heading (title, region, period, base year, deadline) of a draft plan; any other status is
    /// refused, as for indicators.
    func editDraftPlan(id: Int64, _ heading: PlanHeading, actor: String, at: String) async throws
    /// Sets the office's own plausible range of an indicator's values (nil: the default from unit and name),
    /// whatever the plan's status: it is no target, so no revision is needed; the change is audited.
    func setPlausibleRange(indicatorID: Int64, _ range: PlausibleRange?, actor: String, at: String) async throws

    // MARK: Reporting
    func openCycle(_ cycle: ReportingCycle, actor: String, at: String) async throws -> ReportingCycle
    func cycles(planID: Int64) async throws -> [ReportingCycle]
    func observations(planID: Int64, year: Int?, regionCode: String?) async throws -> [Observation]
    /// Applies a batch of changes atomically: a stale version, a refused transition or an invalid value in
    /// any change leaves every observation as it was.
    func apply(_ changes: [ObservationChange], actor: String, at: String) async throws -> [Observation]
    /// Every state the observation has had, oldest first.
    func history(observationID: Int64) async throws -> [ObservationRevision]
    /// One observation by its id, as it is now.
    func observation(id: Int64) async throws -> Observation?

    // MARK: Task progress
    /// Saves a task's progress for a region and year. `expectedVersion` is the version the writer last read,
    /// nil only when there is none yet; a stale one is a conflict and nothing is written.
    func saveTaskProgress(_ progress: TaskProgress, expectedVersion: Int?, actor: String, at: String) async throws
        -> TaskProgress
    func taskProgress(planID: Int64, year: Int?, regionCode: String?) async throws -> [TaskProgress]

    // MARK: Target revisions
    func proposeRevision(_ revision: TargetRevision, at: String) async throws -> TargetRevision
    /// Approving changes the target; rejecting leaves it.
    func decideRevision(id: Int64, approve: Bool, actor: String, at: String) async throws -> TargetRevision
    func revisions(planID: Int64) async throws -> [TargetRevision]

    // MARK: Assessment
    /// Stores a new version of the plan's scoring scheme (numbered after the latest; the given number is
    /// ignored) and returns it as stored.
    func saveScoringScheme(_ scheme: ScoringScheme, planID: Int64, actor: String, at: String) async throws -> ScoringScheme
    /// Every version of the plan's scoring scheme, oldest first.
    func scoringSchemes(planID: Int64) async throws -> [ScoringScheme]
    /// Adds a reviewer's decision on a qualitative item; earlier decisions on the item stay as its history.
    func recordDecision(_ decision: ReviewerDecision, planID: Int64) async throws
    /// The plan's decisions (of one year, or all), oldest first: the last for an item is the one that counts.
    func decisions(planID: Int64, year: Int?) async throws -> [ReviewerDecision]

    // MARK: Audit
    /// The latest entries first.
    func auditLog(limit: Int) async throws -> [AuditEntry]
    /// A token that changes whenever any write commits (sessions and users included), by this process or any
    /// other: what is read from the store may be reused for as long as it stays the same. Asked on every
    /// signed-in request, so it is one small read at most.
    func changeStamp() async throws -> String
}

/// The document a plan was imported from, kept with it.
public struct SourceDocument: Sendable, Equatable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// An indicator as stored, with its id.
public struct StoredIndicator: Sendable, Equatable {
    public var id: Int64
    public var planID: Int64
    public var indicator: Indicator

    public init(id: Int64, planID: Int64, indicator: Indicator) {
        self.id = id
        self.planID = planID
        self.indicator = indicator
        // The domain value knows its identity too, so whatever is built from it (evaluation, links) uses the id.
        self.indicator.id = id
    }
}

extension PlanRepository {
    /// One indicator with its current targets.
    public func indicator(id: Int64) async throws -> StoredIndicator? {
        try await indicators(ids: [id]).first
    }
}

import Foundation
import PlanCore
import Testing

@testable import PlanStore

/// The repository contract on the embedded store: a real SQLite file per test.
@Suite struct SQLiteRepositoryTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-store-\(UUID().uuidString)")

    func store() throws -> SQLitePlanRepository {
        try SQLitePlanRepository(path: directory.appendingPathComponent("hcm.sqlite").path)
    }

    @Test func organisation() async throws { try await RepositoryContract.organisationRoundTrips(store()) }
    @Test func plans() async throws { try await RepositoryContract.plansKeepTheImportedDocument(store()) }
    @Test func yearlyCycle() async throws { try await RepositoryContract.theYearlyCycle(store()) }
    @Test func staleWrites() async throws { try await RepositoryContract.staleWritesAndBatchesAreRefusedWhole(store()) }
    @Test func concurrentWrites() async throws { try await RepositoryContract.concurrentWritesOneWins(store()) }
    @Test func concurrentBatches() async throws { try await RepositoryContract.concurrentBatchesAreEachAllOrNothing(store()) }
    /// A database that cannot be written refuses every batch, one after another: none waits for ever.
    @Test(.timeLimit(.minutes(1))) func batchesOnAClosedDatabaseFail() async throws {
        let store = try store()
        let (_, indicator) = try await RepositoryContract.publishedPlan(store)
        try store.pool.close()
        for year in [2019, 2020] {
            await #expect(throws: (any Error).self) {
                _ = try await store.apply(
                    [ObservationChange(indicatorID: indicator, regionCode: "330302", year: year, action: .submit, valueText: "81")],
                    actor: "wsj", at: RepositoryContract.t0)
            }
        }
    }
    @Test func concurrentFirstWrites() async throws { try await RepositoryContract.concurrentFirstWritesOneWins(store()) }
    @Test func sessions() async throws { try await RepositoryContract.sessionsAndFailedSignIns(store()) }
    @Test func oneIndicator() async throws { try await RepositoryContract.oneIndicatorByID(store()) }
    @Test func draftEdits() async throws { try await RepositoryContract.draftIndicatorsAreEditableUntilPublished(store()) }
    @Test func assessment() async throws { try await RepositoryContract.schemesAndDecisionsAreKept(store()) }
    @Test func taskProgress() async throws { try await RepositoryContract.taskProgressIsVersioned(store()) }
    @Test func targetRevisions() async throws { try await RepositoryContract.targetsChangeOnlyByApprovedRevision(store()) }
    @Test func reminderRounds() async throws { try await RepositoryContract.reminderRoundsAreRecordedOnce(store()) }
    @Test func outboxClaims() async throws { try await RepositoryContract.outboxMessagesAreClaimedByOneSender(store()) }
    @Test func inboxReceiptsExtensions() async throws { try await RepositoryContract.inboxReceiptsExtensionsAndEmail(store()) }
    @Test func changeStamp() async throws {
        let store = try store()
        try await RepositoryContract.theChangeStampFollowsWrites(store)
        // Reads and refused writes leave it as it is: pages kept stay valid.
        let stamp = try await store.changeStamp()
        let planID = try await store.planSummaries()[0].id
        _ = try await store.observations(planID: planID, year: nil, regionCode: nil)
        await #expect(throws: StoreError.self) {
            _ = try await store.apply(
                [ObservationChange(indicatorID: 987_654, regionCode: "330302", year: 2020, action: .submit, valueText: "1")],
                actor: "wsj", at: RepositoryContract.t0)
        }
        #expect(try await store.changeStamp() == stamp)
    }
    /// A second repository on the same file is what the CLI is while `hcm serve` runs.
    @Test func changeStampOfOtherInstances() async throws {
        try await RepositoryContract.theChangeStampFollowsOtherInstances(store(), other: store())
    }

    /// What was acknowledged is there after reopening the file, and an online backup holds the same data.
    @Test func reopeningAndBackupKeepEverything() async throws {
        let path = directory.appendingPathComponent("hcm.sqlite").path
        var planID: Int64 = 0
        do {
            let first = try SQLitePlanRepository(path: path)
            planID = try await RepositoryContract.publishedPlan(first).planID
            try first.backup(to: directory.appendingPathComponent("backup.sqlite").path)
        }
        let reopened = try SQLitePlanRepository(path: path)
        let copy = try SQLitePlanRepository(path: directory.appendingPathComponent("backup.sqlite").path)
        #expect(try await reopened.planSummaries().map(\.id) == [planID])
        #expect(try await copy.planSummaries() == reopened.planSummaries())
        #expect(try await copy.indicators(planID: planID) == reopened.indicators(planID: planID))
    }
}

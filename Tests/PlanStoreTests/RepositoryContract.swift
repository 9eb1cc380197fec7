import Foundation
import PlanCore
import PlanImport
import PlanStore
import Testing

/// The behaviour every `PlanRepository` must have, written once against the protocol. Each implementation's
/// suite runs every check on a fresh store of its own kind.
enum RepositoryContract {
    static let seedURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt").standardized
    static let t0 = "2021-03-01T09:00:00Z"

    /// A published Wenzhou plan and the id of its first indicator (人均预期寿命).
    static func publishedPlan(_ store: any PlanRepository) async throws -> (planID: Int64, indicatorID: Int64) {
        let plan = try PlanImporter.importPlan(at: seedURL)
        let id = try await store.createPlan(
            plan, source: SourceDocument(name: "wenzhou.txt", data: try Data(contentsOf: seedURL)), actor: "admin", at: t0)
        try await store.setPlanStatus(id: id, to: .published, actor: "admin", at: t0)
        let indicators = try await store.indicators(planID: id)
        return (id, indicators[0].id)
    }

    static func organisationRoundTrips(_ store: any PlanRepository) async throws {
        try await store.saveRegions([
            Region(code: "330300", name: "温州市", level: .city),
            Region(code: "330302", name: "鹿城区", level: .county, parentCode: "330300"),
        ], actor: "admin", at: t0)
        #expect(try await store.regions().map(\.name) == ["温州市", "鹿城区"])
        let id = try await store.saveDepartment(
            Department(name: "市卫生健康委", aliases: ["卫计", "市卫生计生委"], regionCode: "330300"), actor: "admin", at: t0)
        #expect(try await store.departments() == [Department(id: id, name: "市卫生健康委", aliases: ["卫计", "市卫生计生委"], regionCode: "330300")])
        let user = try await store.createUser(
            User(username: "wsj", displayName: "卫健委填报员", role: .reporter, departmentID: id, regionCode: "330302"),
            passwordHash: "$2b$12$hash", actor: "admin", at: t0)
        #expect(user.id != nil)
        let found = try await store.credentials(username: "wsj")
        #expect(found?.user == user)
        #expect(found?.passwordHash == "$2b$12$hash")
        #expect(try await store.user(id: user.id!) == user)
        #expect(try await store.users() == [user])
        #expect(try await store.auditLog(limit: 10).map(\.entity).contains("region"))
        await #expect(throws: StoreError.invalid(field: "username", message: "用户名“wsj”已存在")) {
            _ = try await store.createUser(user, passwordHash: "x", actor: "admin", at: t0)
        }
    }

    static func plansKeepTheImportedDocument(_ store: any PlanRepository) async throws {
        let imported = try PlanImporter.importPlan(at: seedURL)
        let (id, _) = try await publishedPlan(store)
        #expect(try await store.planSummaries() == [
            PlanSummary(id: id, title: "健康温州行动计划（2018-2020年）", region: "温州", period: Period(start: 2018, end: 2020), status: .published)
        ])
        // The plan as imported, each indicator carrying the id it is stored under.
        var stored = try #require(try await store.plan(id: id))
        let ids = try await store.indicators(planID: id).map(\.id)
        #expect(stored.indicatorTables.flatMap(\.indicators).map(\.id) == ids.map { $0 })
        for t in stored.indicatorTables.indices {
            for i in stored.indicatorTables[t].indicators.indices { stored.indicatorTables[t].indicators[i].id = nil }
        }
        #expect(stored == imported)
        let indicators = try await store.indicators(planID: id)
        #expect(indicators.count == 23 + 118)
        #expect(indicators[0].indicator.name == "人均预期寿命")
        #expect(try await store.indicator(id: indicators[5].id) == indicators[5])
        #expect(try await store.indicator(id: 987_654) == nil)
        #expect(try await store.plan(id: 999) == nil)
        await #expect(throws: StoreError.notFound("plan 999")) {
            try await store.setPlanStatus(id: 999, to: .archived, actor: "admin", at: t0)
        }
    }

    /// Submit → return with a comment → fix and resubmit → approve, and the history shows every version.
    static func theYearlyCycle(_ store: any PlanRepository) async throws {
        let (planID, indicator) = try await publishedPlan(store)
        let cycle = try await store.openCycle(
            .standard(planID: planID, year: 2020, planDeadline: "05-10"), actor: "admin", at: t0)
        #expect(cycle.deadline == "2021-05-10")
        #expect(try await store.cycles(planID: planID) == [cycle])

        func change(_ action: ObservationAction, _ value: String? = nil, comment: String? = nil, version: Int?) -> ObservationChange {
            ObservationChange(
                indicatorID: indicator, regionCode: "330302", year: 2020, action: action, valueText: value,
                comment: comment, expectedVersion: version)
        }
        let submitted = try await store.apply([change(.submit, "81.0", version: nil)], actor: "wsj", at: "2021-04-01T08:00:00Z")
        #expect(submitted[0].status == .submitted)
        #expect(submitted[0].version == 1)
        let returned = try await store.apply([change(.return, comment: "请核对统计口径", version: 1)], actor: "office", at: "2021-04-02T08:00:00Z")
        #expect(returned[0].status == .returned)
        #expect(returned[0].comment == "请核对统计口径")
        let resubmitted = try await store.apply([change(.submit, "81.2", version: 2)], actor: "wsj", at: "2021-04-03T08:00:00Z")
        #expect(resubmitted[0].status == .resubmitted)
        let approved = try await store.apply([change(.approve, version: 3)], actor: "office", at: "2021-04-04T08:00:00Z")
        #expect(approved[0].status == .approved)
        #expect(approved[0].valueText == "81.2")

        let history = try await store.history(observationID: approved[0].id!)
        #expect(history.map(\.version) == [1, 2, 3, 4])
        #expect(history.map(\.status) == [.submitted, .returned, .resubmitted, .approved])
        #expect(history.map(\.valueText) == ["81.0", "81.0", "81.2", "81.2"])
        #expect(history.map(\.changedBy) == ["wsj", "office", "wsj", "office"])
        #expect(try await store.observations(planID: planID, year: 2020, regionCode: "330302") == approved)
        #expect(try await store.observations(planID: planID, year: 2019, regionCode: nil).isEmpty)
        let audit = try await store.auditLog(limit: 4)
        #expect(audit.map(\.action) == ["approve", "submit", "return", "submit"])
        #expect(audit[0].before?.contains("resubmitted") == true)
    }

    /// A stale version is refused with the current one, and a batch with one bad change changes nothing.
    static func staleWritesAndBatchesAreRefusedWhole(_ store: any PlanRepository) async throws {
        let (planID, first) = try await publishedPlan(store)
        let second = try await store.indicators(planID: planID)[1].id
        let saved = try await store.apply(
            [ObservationChange(indicatorID: first, regionCode: "330302", year: 2020, action: .saveDraft, valueText: "80.9")],
            actor: "wsj", at: t0)
        #expect(saved[0].status == .draft)
        let batch = [
            ObservationChange(indicatorID: second, regionCode: "330302", year: 2020, action: .submit, valueText: "22"),
            ObservationChange(indicatorID: first, regionCode: "330302", year: 2020, action: .submit, valueText: "81", expectedVersion: 7),
        ]
        await #expect(throws: StoreError.conflict(expected: 7, current: 1)) {
            _ = try await store.apply(batch, actor: "wsj", at: t0)
        }
        // Nothing of the batch happened: the second indicator has no value, the first is still the draft.
        #expect(try await store.observations(planID: planID, year: 2020, regionCode: nil) == saved)
        await #expect(throws: StoreError.self) {
            _ = try await store.apply(
                [ObservationChange(indicatorID: first, regionCode: "330302", year: 2020, action: .approve, expectedVersion: 1)],
                actor: "office", at: t0)
        }
        await #expect(throws: StoreError.invalid(field: "valueText", message: "请填写数值")) {
            _ = try await store.apply(
                [ObservationChange(indicatorID: second, regionCode: "330302", year: 2020, action: .submit, valueText: " ")],
                actor: "wsj", at: t0)
        }
        await #expect(throws: StoreError.notFound("indicator 987654")) {
            _ = try await store.apply(
                [ObservationChange(indicatorID: 987_654, regionCode: "330302", year: 2020, action: .submit, valueText: "1")],
                actor: "wsj", at: t0)
        }
        // A batch may change one observation twice: the second change sees the first, both are in its history.
        let twice = try await store.apply(
            [
                ObservationChange(indicatorID: second, regionCode: "330303", year: 2020, action: .saveDraft, valueText: "21"),
                ObservationChange(indicatorID: first, regionCode: "330303", year: 2020, action: .saveDraft, valueText: "80"),
                ObservationChange(indicatorID: second, regionCode: "330303", year: 2020, action: .submit, valueText: "22", expectedVersion: 1),
            ], actor: "wsj", at: t0)
        #expect(twice.map(\.version) == [1, 1, 2])
        #expect(twice.map(\.status) == [.draft, .draft, .submitted])
        #expect(try await store.history(observationID: twice[2].id!).map(\.valueText) == ["21", "22"])
        #expect(try await store.auditLog(limit: 3).map(\.entityID) == [twice[2], twice[1], twice[0]].map { "\($0.id!)" })
        // The 说明 stays with the value and in its history; the submitter stays after a reviewer's change;
        // one observation reads back by its id.
        let explained = try await store.apply(
            [ObservationChange(indicatorID: first, regionCode: "330304", year: 2020, action: .submit, valueText: "95", explanation: "口径调整")],
            actor: "wsj", at: t0)
        let returned = try await store.apply(
            [ObservationChange(indicatorID: first, regionCode: "330304", year: 2020, action: .return, comment: "请核对", expectedVersion: 1)],
            actor: "office", at: t0)
        #expect(explained[0].explanation == "口径调整")
        #expect(returned[0].submittedBy == "wsj")
        #expect(returned[0].updatedBy == "office")
        #expect(try await store.observation(id: returned[0].id!) == returned[0])
        #expect(try await store.observation(id: 987_654) == nil)
        #expect(try await store.history(observationID: returned[0].id!).map(\.explanation) == ["口径调整", "口径调整"])
    }

    /// Many batches at once (SQLite commits those that wait together, each in a savepoint): each is all or
    /// nothing on its own. The bad ones — an unknown indicator as their last change — are refused whole and
    /// leave nothing; every other is stored whole, as it was answered, with its history and audit entries.
    static func concurrentBatchesAreEachAllOrNothing(_ store: any PlanRepository) async throws {
        let (planID, _) = try await publishedPlan(store)
        let indicators = try await store.indicators(planID: planID).prefix(5).map(\.id)
        let auditBefore = try await store.auditLog(limit: 1_000).count
        let outcomes = await withTaskGroup(of: (Int, Result<[Observation], any Error>).self) { group in
            for batch in 0..<60 {
                group.addTask {
                    var changes = indicators.map {
                        ObservationChange(indicatorID: $0, regionCode: "R\(batch)", year: 2020, action: .submit, valueText: "\(batch)")
                    }
                    if batch % 4 == 3 {
                        changes.append(ObservationChange(indicatorID: 987_654, regionCode: "R\(batch)", year: 2020, action: .submit, valueText: "1"))
                    }
                    do {
                        return (batch, .success(try await store.apply(changes, actor: "r\(batch)", at: t0)))
                    } catch {
                        return (batch, .failure(error))
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let stored = Dictionary(grouping: try await store.observations(planID: planID, year: 2020, regionCode: nil), by: \.regionCode)
        for batch in 0..<60 {
            switch outcomes[batch] {
            case .success(let written):
                #expect(batch % 4 != 3)
                #expect(written.map(\.valueText) == Array(repeating: "\(batch)", count: indicators.count))
                #expect(stored["R\(batch)"] == written, "batch \(batch) stored as answered")
                for observation in written {
                    #expect(try await store.history(observationID: observation.id!).map(\.valueText) == ["\(batch)"])
                }
            case .failure(let error):
                #expect(batch % 4 == 3, "batch \(batch): \(error)")
                #expect(error as? StoreError == .notFound("indicator 987654"))
                #expect(stored["R\(batch)"] == nil, "nothing of batch \(batch) stored")
            case nil:
                Issue.record("batch \(batch) not answered")
            }
        }
        #expect(try await store.auditLog(limit: 1_000).count - auditBefore == 45 * indicators.count)
    }

    /// Two writers of the same version: exactly one wins, the other is told the current version.
    static func concurrentWritesOneWins(_ store: any PlanRepository) async throws {
        let (_, indicator) = try await publishedPlan(store)
        _ = try await store.apply(
            [ObservationChange(indicatorID: indicator, regionCode: "330302", year: 2020, action: .saveDraft, valueText: "80")],
            actor: "a", at: t0)
        let outcomes = await withTaskGroup(of: Result<Int, any Error>.self) { group in
            for value in ["81", "82"] {
                group.addTask {
                    do {
                        let saved = try await store.apply(
                            [ObservationChange(indicatorID: indicator, regionCode: "330302", year: 2020, action: .saveDraft, valueText: value, expectedVersion: 1)],
                            actor: value, at: t0)
                        return .success(saved[0].version)
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let wins = outcomes.compactMap { try? $0.get() }
        #expect(wins == [2])
        let losses = outcomes.compactMap { outcome -> StoreError? in
            if case .failure(let error) = outcome { return error as? StoreError }
            return nil
        }
        #expect(losses.count == 1)
        if case .conflict(let expected, let current) = losses.first {
            #expect(expected == 1)
            #expect(current == 2)
        } else {
            Issue.record("the losing write was not a conflict: \(losses)")
        }
    }

    /// Two writers of an observation that does not exist yet, for several years at once: for each year exactly
    /// one creates it, the other is told it exists now (as if it had read version 1 and named none).
    static func concurrentFirstWritesOneWins(_ store: any PlanRepository) async throws {
        let (planID, indicator) = try await publishedPlan(store)
        let years = Array(2016...2020)
        let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for year in years {
                for value in ["81", "82"] {
                    group.addTask {
                        do {
                            let saved = try await store.apply(
                                [ObservationChange(indicatorID: indicator, regionCode: "330302", year: year, action: .saveDraft, valueText: value)],
                                actor: value, at: t0)
                            return (year, .success(saved[0].version))
                        } catch {
                            return (year, .failure(error))
                        }
                    }
                }
            }
            return await group.reduce(into: [Int: [Result<Int, any Error>]]()) { $0[$1.0, default: []].append($1.1) }
        }
        for year in years {
            let results = outcomes[year] ?? []
            #expect(results.compactMap { try? $0.get() } == [1], "year \(year)")
            let losses = results.compactMap { outcome -> (any Error)? in
                if case .failure(let error) = outcome { return error }
                return nil
            }
            #expect(losses.map { $0 as? StoreError } == [.conflict(expected: 0, current: 1)], "year \(year): \(losses)")
        }
        let stored = try await store.observations(planID: planID, year: nil, regionCode: "330302")
        #expect(stored.map(\.year) == years)
        for observation in stored {
            #expect(try await store.history(observationID: observation.id!).map(\.version) == [1])
        }
    }

    /// Sessions live until they expire or are ended, and both moves change the store's stamp (the app keeps
    /// sessions read under a stamp); failed sign-ins are counted per user name from a time.
    static func sessionsAndFailedSignIns(_ store: any PlanRepository & SessionRepository) async throws {
        let user = try await store.createUser(
            User(username: "office", displayName: "健康办", role: .reviewer), passwordHash: "$2b$12$hash", actor: "admin", at: t0)
        let before = try await store.changeStamp()
        try await store.createSession(tokenHash: "h1", userID: user.id!, expires: "2021-03-02T09:00:00Z", at: t0)
        let signedIn = try await store.changeStamp()
        let session = try #require(try await store.session(tokenHash: "h1"))
        #expect(session == StoredSession(user: user, expires: "2021-03-02T09:00:00Z"))
        #expect(session.isLive(at: "2021-03-01T10:00:00Z"))
        #expect(!session.isLive(at: "2021-03-02T09:00:00Z"))
        #expect(try await store.session(tokenHash: "unknown") == nil)
        try await store.deleteSession(tokenHash: "h1")
        #expect(try await store.session(tokenHash: "h1") == nil)
        let signedOut = try await store.changeStamp()
        #expect(Set([before, signedIn, signedOut]).count == 3)

        for minute in ["00", "05", "10"] {
            try await store.recordFailedLogin(username: "office", at: "2021-03-01T09:\(minute):00Z")
        }
        try await store.recordFailedLogin(username: "other", at: t0)
        #expect(try await store.failedLogins(username: "office", since: "2021-03-01T09:05:00Z") == 2)
        #expect(try await store.failedLogins(username: "office", since: "2021-03-01T08:00:00Z") == 3)
        #expect(try await store.failedLogins(username: "nobody", since: t0) == 0)
    }

    /// Task progress is versioned like an observation: a stale write is a conflict and leaves the stored
    /// report as it was; a task the plan does not have is refused; every save is in the audit log.
    static func taskProgressIsVersioned(_ store: any PlanRepository) async throws {
        let (planID, _) = try await publishedPlan(store)
        let first = TaskProgress(planID: planID, actionIndex: 0, taskIndex: 1, regionCode: "330302", year: 2020, status: .inProgress, note: "已开展义诊 12 场")
        let saved = try await store.saveTaskProgress(first, expectedVersion: nil, actor: "wsj", at: t0)
        #expect(saved.version == 1)
        #expect(saved.updatedBy == "wsj")
        var done = saved
        done.status = .completed
        let updated = try await store.saveTaskProgress(done, expectedVersion: 1, actor: "wsj", at: t0)
        #expect(updated.version == 2)
        #expect(updated.id == saved.id)
        await #expect(throws: StoreError.conflict(expected: 1, current: 2)) {
            _ = try await store.saveTaskProgress(first, expectedVersion: 1, actor: "other", at: t0)
        }
        await #expect(throws: StoreError.conflict(expected: 0, current: 2)) {
            _ = try await store.saveTaskProgress(first, expectedVersion: nil, actor: "other", at: t0)
        }
        var missing = first
        missing.taskIndex = 999
        await #expect(throws: StoreError.invalid(field: "taskIndex", message: "规划中没有第 1 项行动下的第 1000 项任务")) {
            _ = try await store.saveTaskProgress(missing, expectedVersion: nil, actor: "wsj", at: t0)
        }
        var long = first
        long.regionCode = "330303"
        long.note = String(repeating: "长", count: 2001)
        await #expect(throws: StoreError.invalid(field: "note", message: "进展说明不能超过 2000 字")) {
            _ = try await store.saveTaskProgress(long, expectedVersion: nil, actor: "wsj", at: t0)
        }
        #expect(try await store.taskProgress(planID: planID, year: 2020, regionCode: nil) == [updated])
        #expect(try await store.taskProgress(planID: planID, year: 2019, regionCode: nil).isEmpty)
        #expect(try await store.taskProgress(planID: planID, year: nil, regionCode: "330303").isEmpty)
        let audit = try await store.auditLog(limit: 2)
        #expect(audit.map(\.entity) == ["taskProgress", "taskProgress"])
        #expect(audit[0].before?.contains("inProgress") == true)
    }

    /// The change stamp changes with every kind of write. (That it stays while nothing is written holds only
    /// where nothing else writes: PostgreSQL's is the cluster's, and other tests write there meanwhile.)
    static func theChangeStampFollowsWrites(_ store: any PlanRepository) async throws {
        let empty = try await store.changeStamp()
        let (planID, indicatorID) = try await publishedPlan(store)
        var stamps = [empty, try await store.changeStamp()]
        _ = try await store.apply(
            [ObservationChange(indicatorID: indicatorID, regionCode: "330302", year: 2020, action: .submit, valueText: "81")],
            actor: "wsj", at: t0)
        stamps.append(try await store.changeStamp())
        try await store.saveRegions([Region(code: "330302", name: "鹿城区", level: .county)], actor: "admin", at: t0)
        stamps.append(try await store.changeStamp())
        _ = try await store.openCycle(.standard(planID: planID, year: 2019, planDeadline: nil), actor: "admin", at: t0)
        stamps.append(try await store.changeStamp())
        #expect(Set(stamps).count == stamps.count, "\(stamps)")
    }

    /// Writes by another instance on the same database (another app instance, the CLI) move this instance's
    /// stamp too: at once on SQLite, once their notification arrives on PostgreSQL (waited for here up to
    /// 5 s; it takes well under a millisecond).
    static func theChangeStampFollowsOtherInstances(
        _ store: any PlanRepository & SessionRepository, other: any PlanRepository & SessionRepository
    ) async throws {
        func moved(from stamp: String) async throws -> Bool {
            for _ in 0..<500 {
                if try await store.changeStamp() != stamp { return true }
                try await Task.sleep(for: .milliseconds(10))
            }
            return false
        }
        var stamp = try await store.changeStamp()
        try await other.saveRegions([Region(code: "330302", name: "鹿城区", level: .county)], actor: "other", at: t0)
        #expect(try await moved(from: stamp))
        #expect(try await store.regions().map(\.code) == ["330302"])
        let user = try await other.createUser(
            User(username: "office", displayName: "健康办", role: .reviewer), passwordHash: "$2b$12$hash", actor: "admin", at: t0)
        try await other.createSession(tokenHash: "h1", userID: user.id!, expires: "2021-03-02T09:00:00Z", at: t0)
        stamp = try await store.changeStamp()
        try await other.deleteSession(tokenHash: "h1")
        #expect(try await moved(from: stamp), "a sign-out elsewhere")
        #expect(try await store.session(tokenHash: "h1") == nil)
    }

    /// One indicator by id, with its current targets; nil for an id that does not exist.
    static func oneIndicatorByID(_ store: any PlanRepository) async throws {
        let (planID, indicatorID) = try await publishedPlan(store)
        let all = try await store.indicators(planID: planID)
        #expect(try await store.indicator(id: indicatorID) == all[0])
        #expect(try await store.indicator(id: all[5].id) == all[5])
        #expect(try await store.indicator(id: 999_999) == nil)
        // Several at once: the same indicators, by id, unknown ids left out, duplicates once.
        let ids = [all[7].id, all[2].id, 999_999, all[7].id, all[140].id]
        #expect(try await store.indicators(ids: ids) == [all[2], all[7], all[140]])
        #expect(try await store.indicators(ids: []) == [])
    }

    /// The office corrects a draft's indicator while reviewing the import; once published, only revisions may.
    static func draftIndicatorsAreEditableUntilPublished(_ store: any PlanRepository) async throws {
        let plan = try PlanImporter.importPlan(at: seedURL)
        let source = SourceDocument(name: "wenzhou.txt", data: try Data(contentsOf: seedURL))
        let planID = try await store.createPlan(plan, source: source, actor: "admin", at: t0)
        #expect(try await store.sourceDocument(planID: planID) == source)
        #expect(try await store.sourceDocument(planID: 999_999) == nil)
        let first = try await store.indicators(planID: planID)[0]
        var corrected = first.indicator
        corrected.unit = "岁（周岁）"
        corrected.lead = ["市卫生健康委"]
        corrected.targets = [Target(year: 2019, text: "81.3"), Target(year: 2020, text: "≥81.6")]
        try await store.editDraftIndicator(id: first.id, corrected, actor: "office", at: t0)
        #expect(try await store.indicator(id: first.id)?.indicator == corrected)
        #expect(try await store.plan(id: planID)?.indicatorTables[0].indicators[0] == corrected)
        #expect(try await store.auditLog(limit: 1).first?.action == "edit")
        await #expect(throws: StoreError.notFound("indicator 999999")) {
            try await store.editDraftIndicator(id: 999_999, corrected, actor: "office", at: t0)
        }
        try await store.setPlanStatus(id: planID, to: .published, actor: "admin", at: t0)
        await #expect(throws: StoreError.invalid(field: "plan", message: "规划已发布或归档，指标只能通过目标调整修改")) {
            try await store.editDraftIndicator(id: first.id, first.indicator, actor: "office", at: t0)
        }
        #expect(try await store.indicator(id: first.id)?.indicator == corrected)
    }

    /// Scoring schemes are versioned by the store, every version kept; decisions are only added.
    static func schemesAndDecisionsAreKept(_ store: any PlanRepository) async throws {
        let (planID, _) = try await publishedPlan(store)
        let first = try await store.saveScoringScheme(ScoringScheme(version: 99, defaultWeight: 2), planID: planID, actor: "admin", at: t0)
        #expect(first.version == 1)
        let second = try await store.saveScoringScheme(
            ScoringScheme(version: 1, domainWeights: ["健康水平": 3], whenNotMet: .zero), planID: planID, actor: "admin", at: t0)
        #expect(second.version == 2)
        await #expect(throws: StoreError.invalid(field: "defaultWeight", message: "默认权重必须大于 0")) {
            _ = try await store.saveScoringScheme(ScoringScheme(version: 1, defaultWeight: 0), planID: planID, actor: "admin", at: t0)
        }
        await #expect(throws: StoreError.notFound("plan 999")) {
            _ = try await store.saveScoringScheme(ScoringScheme(version: 1), planID: 999, actor: "admin", at: t0)
        }
        #expect(try await store.scoringSchemes(planID: planID) == [first, second])
        #expect(try await store.auditLog(limit: 1).first?.entity == "scoringScheme")

        func decision(_ verdict: ReviewerDecision.Verdict, year: Int, evidence: String = "暗访记录") -> ReviewerDecision {
            ReviewerDecision(indicator: "8", regionCode: "330302", year: year, verdict: verdict, evidence: evidence, author: "office", decidedAt: t0)
        }
        try await store.recordDecision(decision(.notMet, year: 2019), planID: planID)
        try await store.recordDecision(decision(.met, year: 2019), planID: planID)
        try await store.recordDecision(decision(.met, year: 2020), planID: planID)
        await #expect(throws: StoreError.invalid(field: "evidence", message: "请写明判定依据（佐证材料）")) {
            try await store.recordDecision(decision(.met, year: 2019, evidence: "  "), planID: planID)
        }
        #expect(try await store.decisions(planID: planID, year: 2019).map(\.verdict) == [.notMet, .met])
        #expect(try await store.decisions(planID: planID, year: nil).count == 3)
        #expect(try await store.auditLog(limit: 1).first?.actor == "office")
    }

    /// A published target changes only through an approved revision.
    static func targetsChangeOnlyByApprovedRevision(_ store: any PlanRepository) async throws {
        let (planID, indicator) = try await publishedPlan(store)
        func target2020() async throws -> String? {
            let stored = try await store.indicators(planID: planID)
            return stored.first { $0.id == indicator }?.indicator.target(for: 2020)?.text
        }
        #expect(try await target2020() == "81.5")
        let proposed = try await store.proposeRevision(
            TargetRevision(indicatorID: indicator, year: 2020, newText: "81.2", reason: "统计口径调整", proposedBy: "office"), at: t0)
        #expect(proposed.oldText == "81.5")
        #expect(try await target2020() == "81.5")
        let rejected = try await store.decideRevision(id: proposed.id!, approve: false, actor: "admin", at: t0)
        #expect(rejected.status == .rejected)
        #expect(try await target2020() == "81.5")
        await #expect(throws: StoreError.self) {
            _ = try await store.decideRevision(id: proposed.id!, approve: true, actor: "admin", at: t0)
        }
        let second = try await store.proposeRevision(
            TargetRevision(indicatorID: indicator, year: 2020, newText: "81.2", reason: "省里下达目标调整", proposedBy: "office"), at: t0)
        let approved = try await store.decideRevision(id: second.id!, approve: true, actor: "admin", at: t0)
        #expect(approved.decidedBy == "admin")
        #expect(try await target2020() == "81.2")
        #expect(try await store.plan(id: planID)?.indicatorTables[0].indicators[0].target(for: 2020)?.text == "81.2")
        #expect(try await store.revisions(planID: planID).map(\.status) == [.rejected, .approved])
        await #expect(throws: StoreError.invalid(field: "reason", message: "请写明调整理由")) {
            _ = try await store.proposeRevision(
                TargetRevision(indicatorID: indicator, year: 2020, newText: "80", reason: "", proposedBy: "office"), at: t0)
        }
    }
}

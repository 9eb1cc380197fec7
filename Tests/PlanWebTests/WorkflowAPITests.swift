import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import Testing

@testable import PlanWeb

@Suite struct WorkflowAPITests {
    @Test func submitReturnResubmitApprove() async throws { try await WorkflowAPIScenarios.submitReturnResubmitApprove(on: .sqlite) }
    @Test func aStaleWriteIsAConflictWithTheCurrentVersion() async throws { try await WorkflowAPIScenarios.aStaleWriteIsAConflictWithTheCurrentVersion(on: .sqlite) }
    @Test func reportersStayInTheirLane() async throws { try await WorkflowAPIScenarios.reportersStayInTheirLane(on: .sqlite) }
    @Test func invalidInputChangesNothing() async throws { try await WorkflowAPIScenarios.invalidInputChangesNothing(on: .sqlite) }
    @Test func targetsChangeThroughApprovedRevisions() async throws { try await WorkflowAPIScenarios.targetsChangeThroughApprovedRevisions(on: .sqlite) }
    @Test func tasksAreReportedByTheirDepartments() async throws { try await WorkflowAPIScenarios.tasksAreReportedByTheirDepartments(on: .sqlite) }
}

@Suite(Backend.postgresOnly) struct PostgresWorkflowAPITests {
    @Test func submitReturnResubmitApprove() async throws { try await WorkflowAPIScenarios.submitReturnResubmitApprove(on: .postgres) }
    @Test func aStaleWriteIsAConflictWithTheCurrentVersion() async throws { try await WorkflowAPIScenarios.aStaleWriteIsAConflictWithTheCurrentVersion(on: .postgres) }
    @Test func reportersStayInTheirLane() async throws { try await WorkflowAPIScenarios.reportersStayInTheirLane(on: .postgres) }
    @Test func invalidInputChangesNothing() async throws { try await WorkflowAPIScenarios.invalidInputChangesNothing(on: .postgres) }
    @Test func targetsChangeThroughApprovedRevisions() async throws { try await WorkflowAPIScenarios.targetsChangeThroughApprovedRevisions(on: .postgres) }
    @Test func tasksAreReportedByTheirDepartments() async throws { try await WorkflowAPIScenarios.tasksAreReportedByTheirDepartments(on: .postgres) }
}

/// The reporting workflow through the real app, the same on every store.
enum WorkflowAPIScenarios {
    static func observations(_ data: Data) throws -> [Observation] { try JSONDecoder().decode([Observation].self, from: data) }

    /// A reporter submits, the office returns with a comment, the reporter fixes and resubmits, the office
    /// approves, and the history shows every version.
    static func submitReturnResubmitApprove(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        let id = world.healthIndicator
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let office = try await client.login("office")
            var r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": [{"indicatorID": \#(id), "year": 2020, "valueText": "81.0"}]}"#)
            #expect(r.status == .ok)
            #expect(try observations(r.body).first?.status == .submitted)
            r = try await client.call(
                .post, "/api/v1/observations/review", token: office,
                json: #"{"changes": [{"indicatorID": \#(id), "regionCode": "330302", "year": 2020, "action": "return", "comment": "请核对口径", "expectedVersion": 1}]}"#)
            #expect(try observations(r.body).first?.status == .returned)
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": [{"indicatorID": \#(id), "year": 2020, "valueText": "81.3", "expectedVersion": 2}]}"#)
            #expect(try observations(r.body).first?.status == .resubmitted)
            r = try await client.call(
                .post, "/api/v1/observations/review", token: office,
                json: #"{"changes": [{"indicatorID": \#(id), "regionCode": "330302", "year": 2020, "action": "approve", "expectedVersion": 3}]}"#)
            let approved = try #require(try observations(r.body).first)
            #expect(approved.status == .approved)
            r = try await client.call(.get, "/api/v1/observations/\(approved.id!)/history", token: office)
            let history = try JSONDecoder().decode([ObservationRevision].self, from: r.body)
            #expect(history.map(\.status) == [.submitted, .returned, .resubmitted, .approved])
            #expect(history.map(\.valueText) == ["81.0", "81.0", "81.3", "81.3"])
            #expect(history[1].comment == "请核对口径")
        }
    }

    static func aStaleWriteIsAConflictWithTheCurrentVersion(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let body = #"{"changes": [{"indicatorID": \#(world.healthIndicator), "year": 2020, "action": "saveDraft", "valueText": "81"}]}"#
            _ = try await client.call(.post, "/api/v1/observations", token: reporter, json: body)
            let stale = try await client.call(.post, "/api/v1/observations", token: reporter, json: body)
            #expect(stale.status == .conflict)
            let error = try errorBody(stale.body)
            #expect(error.code == "stale_version")
            #expect(error.currentVersion == 1)
        }
    }

    /// Reporters write only their department's indicators, in their region, while the cycle is open; they
    /// cannot read another region's drafts.
    static func reportersStayInTheirLane(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let other = try await client.login("other")
            var r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": [{"indicatorID": \#(world.sportsIndicator), "year": 2020, "valueText": "93"}]}"#)
            #expect(r.status == .forbidden)
            #expect(try errorBody(r.body).field == "indicatorID")
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": [{"indicatorID": \#(world.healthIndicator), "regionCode": "330303", "year": 2020, "valueText": "81"}]}"#)
            #expect(r.status == .forbidden)
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": [{"indicatorID": \#(world.healthIndicator), "year": 2018, "valueText": "81"}]}"#)
            #expect(r.status == .forbidden)
            #expect(try errorBody(r.body).code == "cycle_closed")
            _ = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": [{"indicatorID": \#(world.healthIndicator), "year": 2020, "action": "saveDraft", "valueText": "81"}]}"#)
            r = try await client.call(.get, "/api/v1/observations?plan=\(world.planID)&year=2020", token: other)
            #expect(try observations(r.body).isEmpty)
            r = try await client.call(.get, "/api/v1/observations?plan=\(world.planID)&year=2020", token: reporter)
            #expect(try observations(r.body).count == 1)
        }
    }

    /// Invalid input gets the right status and leaves the database unchanged.
    static func invalidInputChangesNothing(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let reporter = try await client.login("reporter")
            var r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": [{"indicatorID": \#(world.healthIndicator), "year": 2020, "valueText": "1.2.3"}]}"#)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).field == "valueText")
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": "nope"}"#)
            #expect(r.status == .badRequest)
            r = try await client.call(.post, "/api/v1/observations", token: reporter, json: #"{"changes": []}"#)
            #expect(r.status == .unprocessableContent)
            r = try await client.call(.get, "/api/v1/plans/999", token: reporter)
            #expect(r.status == .notFound)
            #expect(try await world.store.observations(planID: world.planID, year: nil, regionCode: nil).isEmpty)
        }
    }

    /// A target changes only through a revision an administrator approves.
    static func targetsChangeThroughApprovedRevisions(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        try await world.test { client in
            let office = try await client.login("office")
            let admin = try await client.login("admin")
            // A target hcm cannot read, and a year outside the plan period (2018–2020), are refused.
            var r = try await client.call(.post, "/api/v1/revisions", token: office, json: #"{"indicatorID": \#(world.healthIndicator), "year": 2020, "newText": "提高一点", "reason": "省级下达调整"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(try errorBody(r.body).field == "newText")
            r = try await client.call(.post, "/api/v1/revisions", token: office, json: #"{"indicatorID": \#(world.healthIndicator), "year": 2030, "newText": "82", "reason": "省级下达调整"}"#)
            #expect(try errorBody(r.body).message == "2030 年不在规划期（2018–2020 年）内，不能调整“人均预期寿命”该年的目标")
            r = try await client.call(.post, "/api/v1/revisions", token: office, json: #"{"indicatorID": \#(world.healthIndicator), "year": 2020, "newText": "81.2", "reason": "省级下达调整"}"#)
            let proposal = try JSONDecoder().decode(TargetRevision.self, from: r.body)
            r = try await client.call(.post, "/api/v1/revisions/\(proposal.id!)/decision", token: office, json: #"{"approve": true}"#)
            #expect(r.status == .forbidden)
            #expect(try await world.store.indicators(planID: world.planID).first { $0.id == world.healthIndicator }?.indicator.target(for: 2020)?.text == "81.5")
            r = try await client.call(.post, "/api/v1/revisions/\(proposal.id!)/decision", token: admin, json: #"{"approve": true}"#)
            #expect(r.status == .ok)
            #expect(try await world.store.indicators(planID: world.planID).first { $0.id == world.healthIndicator }?.indicator.target(for: 2020)?.text == "81.2")
        }
    }

    /// A reporter reports the progress of a task their department leads, in their region; a task of another
    /// department is refused; a stale report is a conflict; the office reads every region's reports.
    static func tasksAreReportedByTheirDepartments(on backend: Backend) async throws {
        let world = try await TestWorld(backend)
        let (ours, theirs) = (world.healthTask, world.otherTask)
        let uri = "/api/v1/plans/\(world.planID)/task-progress"
        try await world.test { client in
            let reporter = try await client.login("reporter")
            let office = try await client.login("office")
            var r = try await client.call(.post, uri, token: reporter, json: #"{"actionIndex": \#(ours.0), "taskIndex": \#(ours.1), "year": 2020, "status": "inProgress", "note": "已开展 <b>义诊</b> 12 场"}"#)
            #expect(r.status == .ok)
            let saved = try JSONDecoder().decode(TaskProgress.self, from: r.body)
            #expect(saved.regionCode == "330302")
            #expect(saved.version == 1)
            r = try await client.call(.post, uri, token: reporter, json: #"{"actionIndex": \#(ours.0), "taskIndex": \#(ours.1), "year": 2020, "status": "completed"}"#)
            #expect(r.status == .conflict)
            r = try await client.call(.post, uri, token: reporter, json: #"{"actionIndex": \#(ours.0), "taskIndex": \#(ours.1), "year": 2020, "status": "completed", "note": "已开展 <b>义诊</b> 12 场", "expectedVersion": 1}"#)
            #expect(try JSONDecoder().decode(TaskProgress.self, from: r.body).status == .completed)
            r = try await client.call(.post, uri, token: reporter, json: #"{"actionIndex": \#(theirs.0), "taskIndex": \#(theirs.1), "year": 2020, "status": "completed"}"#)
            #expect(r.status == .forbidden)
            #expect(try errorBody(r.body).field == "taskIndex")
            r = try await client.call(.post, uri, token: reporter, json: #"{"actionIndex": 99, "taskIndex": 0, "year": 2020, "status": "completed"}"#)
            #expect(r.status == .unprocessableContent)
            r = try await client.call(.post, uri, token: reporter, json: #"{"actionIndex": \#(ours.0), "taskIndex": \#(ours.1), "year": 2018, "status": "completed"}"#)
            #expect(try errorBody(r.body).code == "cycle_closed")
            r = try await client.call(.post, uri, token: reporter, json: #"{"actionIndex": \#(ours.0), "taskIndex": \#(ours.1), "year": 2020, "status": "finished"}"#)
            #expect(r.status == .badRequest)
            r = try await client.call(.get, uri + "?year=2020", token: office)
            let reports = try JSONDecoder().decode([TaskProgress].self, from: r.body)
            #expect(reports.map(\.status) == [.completed])
            #expect(reports.first?.note == "已开展 <b>义诊</b> 12 场")
        }
    }
}

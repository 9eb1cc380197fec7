import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanImport
import PlanStore

/// Plans: list, read, upload a document as a draft, publish; their indicators, cycles and revisions.
struct PlansController {
    let config: AppConfig

    struct PublishRequest: Decodable {
        var departments: [DepartmentProposal]?
    }

    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/plans") { _, context in
            _ = try context.requireUser()
            return try await config.store.planSummaries()
        }
        router.post("/api/v1/plans", use: upload)
        router.get("/api/v1/plans/:id") { request, context in
            _ = try context.requireUser()
            let id = try context.pathID()
            guard let plan = try await config.store.plan(id: id) else { throw APIError.notFound("规划 \(id)") }
            return plan
        }
        // `{"departments": [{"name": …, "aliases": […]}]}` as the administrator confirmed them; an empty body
        // publishes with the departments proposed (GET …/department-proposals).
        router.post("/api/v1/plans/:id/publish") { request, context -> [Department] in
            let user = try context.require(.admin)
            let body = try await request.body.collect(upTo: 1024 * 1024)
            let confirmed: [DepartmentProposal]?
            do {
                confirmed = body.readableBytes == 0 ? nil : try JSONDecoder().decode(PublishRequest.self, from: Data(buffer: body)).departments
            } catch let error as DecodingError {
                throw APIError(error)
            }
            return try await PublishPlan(store: config.store)(planID: try context.pathID(), departments: confirmed, by: user, now: config.now)
        }
        // Import review: the draft's title, region, period, base year and deadline (PlanHeading's JSON).
        router.put("/api/v1/plans/:id") { request, context -> HTTPResponse.Status in
            let user = try context.require(.admin)
            let heading = try await request.decode(as: PlanHeading.self, context: context)
            try await EditDraftPlan(store: config.store)(planID: try context.pathID(), heading, by: user, now: config.now)
            return .noContent
        }
        // The office's own plausible range of an indicator's values: {"low": 0, "high": 200}; both null: the default.
        router.put("/api/v1/indicators/:id/plausible-range") { request, context -> HTTPResponse.Status in
            let user = try context.require(.admin, .reviewer)
            let range = try await request.decode(as: PlausibleRange.self, context: context)
            try await SetPlausibleRange(store: config.store)(indicatorID: try context.pathID(), range, by: user, now: config.now)
            return .noContent
        }
        router.get("/api/v1/plans/:id/department-proposals") { request, context -> DepartmentProposals in
            _ = try context.require(.admin)
            return try await PublishPlan(store: config.store).proposals(planID: try context.pathID())
        }
        router.post("/api/v1/plans/:id/archive") { request, context -> HTTPResponse.Status in
            let user = try context.require(.admin)
            try await config.store.setPlanStatus(
                id: try context.pathID(), to: .archived, actor: user.username, at: config.now)
            return .noContent
        }
        router.get("/api/v1/plans/:id/indicators") { request, context in
            _ = try context.requireUser()
            return try await config.store.indicators(planID: try context.pathID())
                .map(IndicatorResource.init)
        }
        router.post("/api/v1/plans/:id/cycles", use: openCycle)
        router.get("/api/v1/plans/:id/cycles") { request, context in
            _ = try context.requireUser()
            return try await config.store.cycles(planID: try context.pathID())
        }
    }

    struct Created: ResponseEncodable {
        var id: Int64
        var title: String
        var warnings: [ImportWarning]
    }

    /// The raw document as the body, its file name in `?filename=` (the extension picks the reader).
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.require(.admin)
        guard let name = request.uri.queryParameters.get("filename"), !name.isEmpty else {
            throw APIError(.badRequest, code: "bad_request", message: "请在 filename 参数中给出文件名（扩展名决定读取方式）", field: "filename")
        }
        let body = try await request.body.collect(upTo: config.maximumUploadSize)
        let data = Data(buffer: body)
        let plan: Plan
        do {
            plan = try await config.documents.run { PlanInterpreter.interpret(try PlanImporter.readDocument(data, named: name)) }
        } catch let error as ImportError {
            throw APIError(.unprocessableContent, code: "unreadable_document", message: error.description, field: "document")
        }
        let id = try await config.store.createPlan(plan, source: SourceDocument(name: name, data: data), actor: user.username, at: config.now)
        var response = try Created(id: id, title: plan.title, warnings: plan.warnings).response(from: request, context: context)
        response.status = .created
        return response
    }

    struct CycleRequest: Decodable {
        var year: Int
        var opens: String?
        var deadline: String?
    }

    @Sendable func openCycle(_ request: Request, context: AppRequestContext) async throws -> ReportingCycle {
        let user = try context.require(.admin)
        let planID = try context.pathID()
        let body = try await request.decode(as: CycleRequest.self, context: context)
        try Years.check(body.year)
        return try await OpenCycle(store: config.store)(
            planID: planID, year: body.year, opens: body.opens, deadline: body.deadline, by: user, now: config.now)
    }
}

/// An indicator with its stored id, as the API shows it.
struct IndicatorResource: Encodable {
    var id: Int64
    var indicator: Indicator

    init(_ stored: StoredIndicator) {
        id = stored.id
        indicator = stored.indicator
    }

    func encode(to encoder: any Encoder) throws {
        try indicator.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
    }

    private enum Key: String, CodingKey { case id }
}

import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanReports
import PlanStore

/// The offline data-entry template over the API: a reporter downloads their form as XLSX and uploads it
/// filled in (the raw file as the body); every row is checked, and nothing is written unless all are valid.
struct TemplateController {
    let config: AppConfig

    func add(to router: Router<AppRequestContext>) {
        // `?plan=ID` chooses among several plans open for reporting; with one, it may be left out.
        router.get("/api/v1/template") { request, context -> Response in
            let user = try context.require(.reporter)
            return try await Self.download(for: user, plan: request.uri.queryParameters.get("plan", as: Int64.self), config: config)
        }
        router.post("/api/v1/template") { request, context -> [Observation] in
            let user = try context.require(.reporter)
            let action = try Self.action(request.uri.queryParameters.get("action"))
            let body = try await request.body.collect(upTo: config.maximumUploadSize)
            return try await Self.upload(
                Data(buffer: body), named: "template.xlsx", action: action, plan: request.uri.queryParameters.get("plan", as: Int64.self),
                by: user, config: config)
        }
    }

    static func action(_ text: String?) throws -> ObservationAction {
        guard let action = ObservationAction(rawValue: text ?? "saveDraft"), [.saveDraft, .submit].contains(action) else {
            throw APIError(.badRequest, code: "bad_request", message: "action 应为 saveDraft 或 submit", field: "action")
        }
        return action
    }

    static func sheet(for user: User, plan: Int64?, config: AppConfig) async throws -> (ReporterPage.Sheet, String) {
        guard let sheet = try await ReporterPage(config: config).sheet(for: user, plan: plan), let region = user.regionCode else {
            throw APIError(.forbidden, code: "cycle_closed", message: "目前没有开放的填报周期，或账号未绑定部门和地区")
        }
        return (sheet, region)
    }

    static func download(for user: User, plan: Int64?, config: AppConfig) async throws -> Response {
        let (sheet, region) = try await sheet(for: user, plan: plan, config: config)
        let data = try DataEntryTemplate.workbook(sheet, region: region).xlsx()
        return Download(data: data, filename: DataEntryTemplate.filename(sheet, region: region), format: "xlsx").response
    }

    /// Checks every row, then writes all of them in one batch through the same checks as the form.
    static func upload(_ data: Data, named name: String, action: ObservationAction, plan: Int64?, by user: User, config: AppConfig)
        async throws -> [Observation]
    {
        let (sheet, region) = try await sheet(for: user, plan: plan, config: config)
        let (changes, problems) = try await config.documents.run {
            TemplateUpload.changes(from: data, named: name, sheet: sheet, region: region, action: action)
        }
        guard problems.isEmpty else {
            var error = APIError(
                .unprocessableContent, code: "invalid_template", message: "模板中有 \(problems.count) 处问题，未保存任何数据", field: "template")
            error.problems = problems
            throw error
        }
        return try await SubmitObservations(store: config.store)(changes, by: user, today: config.today, now: config.now)
    }
}

import Foundation
import Hummingbird
import PlanApp
import PlanCore
import PlanReports
import PlanStore

/// Evaluation and the annual report for the office: the same numbers as `hcm evaluate` and `hcm report`.
struct ReportsController {
    let config: AppConfig

    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/plans/:id/evaluation") { request, context -> AnnualEvaluation in
            _ = try context.require(.admin, .reviewer, .viewer)
            let (planID, year, region) = try Self.selection(request, context)
            return try await AnnualEvaluation.load(store: config.store, planID: planID, year: year, region: region)
        }
        router.get("/api/v1/plans/:id/board") { request, context -> Board in
            _ = try context.require(.admin, .reviewer, .viewer)
            let (planID, year, region) = try Self.selection(request, context)
            let evaluation = try await AnnualEvaluation.load(store: config.store, planID: planID, year: year, region: region)
            return Board(evaluation, departments: try await config.store.departments())
        }
        router.get("/api/v1/plans/:id/report") { request, context -> Response in
            _ = try context.require(.admin, .reviewer, .viewer)
            return try await Self.report(request, context, config: config)
        }
    }

    /// `?year=2020&region=330302`: the year is required.
    static func selection(_ request: Request, _ context: AppRequestContext) throws -> (Int64, Int, String?) {
        let planID = try context.pathID()
        guard let year = try Years.query(request) else {
            throw APIError(.badRequest, code: "bad_request", message: "请指定 year 参数（评估年度）", field: "year")
        }
        return (planID, year, request.uri.queryParameters.get("region").flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The report as a download: `?year=…&format=docx|html|xlsx|csv` (HTML is shown, the others saved).
    static func report(_ request: Request, _ context: AppRequestContext, config: AppConfig) async throws -> Response {
        let (planID, year, region) = try selection(request, context)
        let format = request.uri.queryParameters.get("format") ?? "html"
        guard AnnualReport.formats.contains(format) else {
            throw APIError(.badRequest, code: "bad_request", message: "format 应为 docx、html、xlsx、csv 或 scorecards", field: "format")
        }
        let report = try await AnnualEvaluation.load(store: config.store, planID: planID, year: year, region: region).report
        let name = format == "scorecards" ? "\(report.planTitle) \(year) 年度部门考核计分卡.docx" : "\(report.title).\(format)"
        return Download(data: try report.file(format), filename: name, format: format == "scorecards" ? "docx" : format).response
    }
}

/// A file sent to the browser, with its type and a name that survives Chinese (RFC 6266 / 5987).
struct Download {
    var data: Data
    var filename: String
    var format: String

    static let types = [
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8", "html": "text/html; charset=utf-8",
    ]

    var response: Response {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: allowed) ?? "report"
        let disposition = format == "html" ? "inline" : "attachment"
        return Response(
            status: .ok,
            headers: [
                .contentType: Self.types[format] ?? "application/octet-stream",
                .contentDisposition: "\(disposition); filename=\"report.\(format)\"; filename*=UTF-8''\(encoded)",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

import Foundation
import Hummingbird
import PlanApp
import PlanStore

/// An API error as JSON: `{"error": {"code": …, "message": …, "field": …}}` with the matching HTTP status.
public struct APIError: Error, HTTPResponseError {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var field: String?
    /// For a stale write: the version the record is at now.
    public var currentVersion: Int?
    /// For an uploaded spreadsheet: every problem, by sheet, row and column.
    var problems: [TemplateUpload.Problem]?
    /// Seconds after which a refused request may be tried again (503, 429): sent as `Retry-After`.
    var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, currentVersion: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.currentVersion = currentVersion
    }

    public var headers: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { fields[.retryAfter] = "\(retryAfter)" }
        return fields
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ErrorBody(error: .init(code: code, message: message, field: field, currentVersion: currentVersion, problems: problems))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var buffer = ByteBuffer()
        buffer.writeBytes(try encoder.encode(body))
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    static let unauthorized = APIError(.unauthorized, code: "unauthorized", message: "请先登录")
    static let forbidden = APIError(.forbidden, code: "forbidden", message: "没有权限执行此操作")

    static func notFound(_ what: String) -> APIError { APIError(.notFound, code: "not_found", message: "找不到\(what)") }

    /// The API's reading of a store refusal.
    init(_ error: StoreError) {
        switch error {
        case .notFound(let what): self = .notFound(what)
        case .conflict(_, let current):
            self.init(.conflict, code: "stale_version", message: "数据已被他人修改，请刷新后重试", field: "expectedVersion", currentVersion: current)
        case .invalid(let field, let message): self.init(.unprocessableContent, code: "invalid", message: message, field: field)
        }
    }

    /// The API's reading of a use case's refusal.
    init(_ error: AppError) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .invalid: .unprocessableContent
            case .forbidden: .forbidden
            case .notFound: .notFound
            }
        self.init(status, code: error.code, message: error.message, field: error.field)
    }
}

extension APIError {
    /// A body that does not decode, with the field at fault: never the value sent, which may be anything.
    init(_ error: DecodingError) {
        func field(_ path: [any CodingKey]) -> String? {
            let field = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return field.isEmpty ? nil : String(field.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            let name = field(context.codingPath + [key]) ?? key.stringValue
            self.init(.badRequest, code: "bad_request", message: "缺少必填字段 \(name)", field: name)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            if let name = field(context.codingPath) {
                self.init(.badRequest, code: "bad_request", message: "字段 \(name) 的值类型或取值无效", field: name)
            } else {
                self.init(.badRequest, code: "bad_request", message: "请求内容不是有效的 JSON，或不是所需的结构")
            }
        @unknown default:
            self.init(.badRequest, code: "bad_request", message: "请求内容不是有效的 JSON")
        }
    }
}

/// The JSON shape of every API error.
struct ErrorBody: Codable {
    struct Detail: Codable {
        var code: String
        var message: String
        var field: String?
        var currentVersion: Int?
        var problems: [TemplateUpload.Problem]?
    }

    var error: Detail
}

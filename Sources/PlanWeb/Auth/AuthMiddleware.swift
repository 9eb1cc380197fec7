import Foundation
import HTTPTypes
import Hummingbird
import PlanApp
import PlanCore
import PlanStore

/// Reads `Authorization: Bearer <token>` (the API) or the session cookie (pages, never the API: a cookie
/// goes along with requests other sites make, so only forms carrying the CSRF token may use it) and puts the
/// session's user in the context. Sessions live in the database, so every app instance recognises every token;
/// each instance keeps those it has read until the store changes.
struct AuthMiddleware: RouterMiddleware {
    let config: AppConfig
    let sessions = SessionCache()

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let name = config.clientAddressHeader, let field = HTTPField.Name(name), let value = request.headers[field],
            let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            context.clientAddress = last
        }
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            context.user = try await user(token: String(header.dropFirst("Bearer ".count)), context: &context)
        } else if !request.uri.path.hasPrefix("/api/"), let token = request.cookies[PageSession.cookieName]?.value,
            !token.isEmpty
        {
            context.user = try await user(token: token, context: &context)
            if context.user != nil { context.pageSession = token }
        }
        return try await next(request, context)
    }

    /// The token's user; the stamp read for it stays in the context for the kept pages.
    private func user(token: String, context: inout AppRequestContext) async throws -> User? {
        let stamp = try await config.store.changeStamp()
        context.changeStamp = stamp
        return try await sessions.user(tokenHash: Tokens.hash(token), stamp: stamp, now: config.now, store: config.store)
    }
}

/// Turns every error into a JSON error with the right status: the store's refusals, too large bodies (413), a
/// database that cannot be reached (503 with `Retry-After`), and anything else (500). The 413, 503 and 500 are
/// logged with the request's method and path: a 500 with an empty body and nothing in the log told nobody
/// anything (issue 17).
struct ErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as StoreError {
            throw APIError(error)
        } catch let error as APIError {
            throw error
        } catch let error as AppError {
            throw APIError(error)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // Hummingbird's own (NIOTooManyBytesError from `collect(upTo:)`) has an empty body.
            context.logger.notice("413 \(request.method) \(request.uri.path): body over the limit")
            throw APIError(.contentTooLarge, code: "too_large", message: "上传的文件过大")
        } catch let error as any HTTPResponseError {
            // The router's 404 and 405, in the same JSON as every other error.
            throw APIError(error.status, code: Self.code(error.status), message: Self.message(error.status))
        } catch let error where StoreFailure.isUnavailable(error) {
            context.logger.error("503 \(request.method) \(request.uri.path): database unavailable: \(String(reflecting: error))")
            var unavailable = APIError(.serviceUnavailable, code: "database_unavailable", message: "数据库暂时无法连接，请稍后重试")
            unavailable.retryAfter = 5
            throw unavailable
        } catch is CancellationError {
            throw APIError(.serviceUnavailable, code: "shutting_down", message: "服务器正在停止，请稍后重试")
        } catch {
            context.logger.error("500 \(request.method) \(request.uri.path): \(String(reflecting: error))")
            throw APIError(.internalServerError, code: "internal", message: "服务器内部错误，已记录日志，请稍后重试")
        }
    }

    private static func code(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        default: "http_\(status.code)"
        }
    }

    private static func message(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "找不到该地址"
        case .methodNotAllowed: "该地址不支持这种请求方法"
        default: "请求无法处理（HTTP \(status.code)）"
        }
    }
}

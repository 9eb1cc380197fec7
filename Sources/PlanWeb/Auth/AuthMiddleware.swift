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

/// Turns the store's refusals and too large bodies into JSON errors with the right status.
struct ErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as StoreError {
            throw APIError(error)
        } catch let error as AppError {
            throw APIError(error)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, code: "too_large", message: "上传的文件过大")
        }
    }
}

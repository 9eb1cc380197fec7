import Hummingbird
import PlanCore

/// Sign in and out of the API: a bearer token, through the same check as the pages' sign-in.
struct SessionController {
    let config: AppConfig
    let signIn: SignIn

    struct Login: Decodable {
        var username: String
        var password: String
    }

    struct Session: ResponseEncodable {
        var token: String
        var expiresAt: String
        var user: User
    }

    func add(to router: Router<AppRequestContext>) {
        router.post("/api/v1/auth/login", use: login)
        router.post("/api/v1/auth/logout", use: logout)
        router.get("/api/v1/me") { _, context in try context.requireUser() }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decode(as: Login.self, context: context)
        let session = try await signIn.attempt(username: body.username, password: body.password, address: context.clientAddress)
        return try Session(token: session.token, expiresAt: session.expires, user: session.user)
            .response(from: request, context: context)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        _ = try context.requireUser()
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            try await config.store.deleteSession(tokenHash: Tokens.hash(String(header.dropFirst("Bearer ".count))))
        }
        return .noContent
    }
}



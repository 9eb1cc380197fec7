import Hummingbird
import PlanCore

/// The context of one request: Hummingbird's core storage and the signed-in user, if any.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    /// The page session's token when the user came in by the session cookie (pages); nil for bearer tokens.
    var pageSession: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The signed-in user, or 401.
    func requireUser() throws -> User {
        guard let user else { throw APIError.unauthorized }
        return user
    }

    /// The signed-in user if their role is one of `roles`, else 401/403.
    func require(_ roles: User.Role...) throws -> User {
        let user = try requireUser()
        guard roles.contains(user.role) else { throw APIError.forbidden }
        return user
    }
}

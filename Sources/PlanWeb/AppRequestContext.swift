import Foundation
import Hummingbird
import PlanCore

/// The context of one request: Hummingbird's core storage and the signed-in user, if any.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: User?
    /// The page session's token when the user came in by the session cookie (pages); nil for bearer tokens.
    var pageSession: String?
    /// The store's change stamp as read for the session, before anything else this request reads.
    var changeStamp: String?
    /// The client's address: the socket's peer, or the proxy's header (`AppConfig.clientAddressHeader`, read
    /// by `AuthMiddleware`). Sign-in limits count by it.
    var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies whose refusal names the field (Hummingbird's own decoder answers with text of its own).
    public var requestDecoder: JSONBodyDecoder { JSONBodyDecoder() }

    /// The integer path parameter `name` (`/plans/:id`), or 400 naming it.
    func pathID(_ name: String = "id") throws -> Int64 {
        guard let id = parameters.get(name, as: Int64.self) else {
            throw APIError(.badRequest, code: "bad_request", message: "路径中的 \(name) 应为整数", field: name)
        }
        return id
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

/// Reads a JSON body; a body that does not decode is a 400 `APIError` naming the field, as `changes[0].year`.
public struct JSONBodyDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch let error as DecodingError {
            throw APIError(error)
        }
    }
}

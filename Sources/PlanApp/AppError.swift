import PlanCore
import PlanStore

/// Why a use case refuses: what kind of refusal (the web maps it to a status), a stable code, the message in
/// words for the person, and the field at fault.
public struct AppError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The input breaks a rule (422).
        case invalid
        /// The user may not do this (403).
        case forbidden
        /// What the input names does not exist (404).
        case notFound
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var field: String?

    public init(_ kind: Kind, code: String, message: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.field = field
    }

    public static func invalid(_ message: String, field: String? = nil) -> AppError {
        AppError(.invalid, code: "invalid", message: message, field: field)
    }

    public static func forbidden(_ message: String, code: String = "forbidden", field: String? = nil) -> AppError {
        AppError(.forbidden, code: code, message: message, field: field)
    }

    public static func notFound(_ what: String) -> AppError {
        AppError(.notFound, code: "not_found", message: "找不到\(what)")
    }

    init(_ refused: RefusedValue) {
        self = .invalid(refused.message, field: refused.field)
    }
}

extension AppError: CustomStringConvertible {
    public var description: String { message }
}

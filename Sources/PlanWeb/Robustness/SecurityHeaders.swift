import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PlanReports

/// The headers every response carries, errors included: the outermost middleware, so it also renders the
/// errors thrown inside it (`HTTPResponseError`s, which `ErrorMiddleware` has made of everything else).
///
/// - `Content-Security-Policy`: nothing but the app's own stylesheet, icon and forms. The pages have no script
///   and no inline style; the one inline style allowed is the annual report's, by its hash (the report is also
///   a file people keep, so it carries its styles). No script of any kind, no frames, no plugins.
/// - `X-Frame-Options: DENY` beside `frame-ancestors 'none'` for browsers that know only the former.
/// - `X-Content-Type-Options: nosniff`: a download is never read as a page.
/// - `Referrer-Policy: same-origin`: plan and report addresses do not leave the site.
struct SecurityHeadersMiddleware: RouterMiddleware {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self' '\(hash(AnnualReport.css))'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    static let fields: HTTPFields = [
        .contentSecurityPolicy: contentSecurityPolicy,
        HTTPField.Name("X-Frame-Options")!: "DENY",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        for field in Self.fields where response.headers[field.name] == nil {
            response.headers.append(field)
        }
        return response
    }

    /// A CSP source for an inline element's exact text: 'sha256-…'.
    private static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }
}

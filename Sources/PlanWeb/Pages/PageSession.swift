import Crypto
import Foundation
import Hummingbird
import HummingbirdBcrypt
import PlanCore

/// Sign-in for pages: a session cookie (HttpOnly, SameSite=Lax) holding a token whose hash is stored like
/// the API's, a new token at every sign-in (the old session ends), and a CSRF token every form carries.
enum PageSession {
    static let cookieName = "hcm_session"

    /// The CSRF token of a session: derived from its secret token, so it needs no storage, and another site,
    /// which cannot read the cookie, cannot forge it.
    static func csrfToken(for session: String) -> String {
        Tokens.hex(SHA256.hash(data: Data("hcm-csrf:\(session)".utf8)))
    }

    /// Whether a submitted form belongs to this session.
    static func isValid(csrf: String?, context: AppRequestContext) -> Bool {
        guard let session = context.pageSession, let csrf else { return false }
        return constantTimeEqual(csrf, csrfToken(for: session))
    }

    static func cookie(_ token: String, lifetime: TimeInterval, secure: Bool) -> Cookie {
        Cookie(
            name: cookieName, value: token, maxAge: Int(lifetime), path: "/", secure: secure, httpOnly: true,
            sameSite: .lax)
    }

    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

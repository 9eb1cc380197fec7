import Foundation
import PlanCore

/// The few rules both stores apply the same way to 督办 rows.
enum ReminderNumbering {
    /// Matches the 编号 of `year`'s 督办单 (健康办督〔2026〕7号), whatever the office's name.
    static func pattern(_ year: Int) -> String { "%督〔\(year)〕%" }

    /// The outbox columns an outcome sets: status, last error, next attempt (nil: unchanged), sent time.
    static func columns(of outcome: DeliveryOutcome, at: String) -> (String, String?, String?, String?) {
        switch outcome {
        case .sent: (OutboxMessage.Status.sent.rawValue, nil, nil, at)
        case .retry(let error, let next): (OutboxMessage.Status.pending.rawValue, error, next, nil)
        case .failed(let error): (OutboxMessage.Status.failed.rawValue, error, nil, nil)
        }
    }

    /// The policy's problems as a store refusal.
    static func check(_ policy: ReminderPolicy) throws {
        if !policy.problems.isEmpty { throw StoreError.invalid(field: "policy", message: policy.problems.joined(separator: "；")) }
    }

    /// A trimmed address with one @ and a dot after it, nil for an empty one; anything else is refused — also
    /// what could break out of an SMTP command or header (spaces, line breaks, brackets, commas).
    static func checkedEmail(_ email: String?) throws -> String? {
        guard let email else { return nil }
        let trimmed = email.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            trimmed.count <= 254, !trimmed.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
        else { throw StoreError.invalid(field: "email", message: "“\(email)”不是有效的电子邮箱地址") }
        return trimmed
    }
}

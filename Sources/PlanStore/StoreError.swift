/// Why a repository refused a write. Each case says what and where, for the API's error body.
public enum StoreError: Error, Equatable, Sendable {
    /// The record does not exist ("observation 42").
    case notFound(String)
    /// Someone changed the record since it was read: the write named `expected`, the record is at `current`.
    case conflict(expected: Int, current: Int)
    /// A value breaks a rule of the workflow (a field and what is wrong with it).
    case invalid(field: String, message: String)
}

/// Why a repository refused a write. Each case says what and where, for the API's error body.
public enum StoreError: Error, Equatable, Sendable {
    /// The record does not exist ("observation 42").
    case notFound(String)
    /// Someone changed the record since it was read: the write named `expected`, the record is at `current`.
    case conflict(expected: Int, current: Int)
    /// A value breaks a rule of the workflow (a field and what is wrong with it).
    case invalid(field: String, message: String)
}

extension StoreError: CustomStringConvertible {
    /// The refusal in words, for the command line.
    public var description: String {
        switch self {
        case .notFound(let what): "找不到 \(what)"
        case .conflict(let expected, let current): "数据已被他人修改（读取时为第 \(expected) 版，现为第 \(current) 版）"
        case .invalid(let field, let message): "\(field)：\(message)"
        }
    }
}

import Dispatch
import Foundation

/// Runs CPU-heavy synchronous work — reading an uploaded document, checking a password with Bcrypt — on
/// threads of its own, at most `width` jobs at once and at most `queueLimit` waiting; more is refused at once
/// with 503 and `Retry-After`.
///
/// Why not simply `await` the work in the handler: handlers run on Swift's cooperative pool, one thread per
/// core. Two hostile uploads read there took both threads of a 2-core machine, and `/health` went unanswered
/// for 23–30 s (issue 17). Work sent here leaves the pool to requests.
///
/// ```swift
/// let plan = try await config.documents.run { try PlanImporter.readDocument(data, named: name) }
/// ```
public final class BoundedWork: @unchecked Sendable {
    /// Named in the 503's message: "文件读取", "登录校验".
    let name: String
    let width: Int
    let queueLimit: Int
    private let queue: DispatchQueue
    // Guarded by `lock`: the jobs running and those waiting, in order of arrival.
    private let lock = NSLock()
    private var running = 0
    private var waiting: [@Sendable () -> Void] = []

    public init(name: String, width: Int, queueLimit: Int) {
        self.name = name
        self.width = max(1, width)
        self.queueLimit = max(0, queueLimit)
        queue = DispatchQueue(label: "hcm.bounded-work.\(name)", qos: .utility, attributes: .concurrent)
    }

    /// One less than the cores (at least one): the last core is left to requests.
    public static var defaultWidth: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    /// `work`'s result, once a place is free; `APIError` 503 when `queueLimit` jobs are waiting already.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job: @Sendable () -> Void = {
                continuation.resume(with: Result { try work() })
                self.finish()
            }
            switch admit(job) {
            case .start: queue.async(execute: job)
            case .wait: break
            case .refuse: continuation.resume(throwing: busy)
            }
        }
    }

    /// The jobs running and waiting now.
    var admitted: Int {
        lock.withLock { running + waiting.count }
    }

    private enum Admission { case start, wait, refuse }

    private func admit(_ job: @escaping @Sendable () -> Void) -> Admission {
        lock.lock()
        defer { lock.unlock() }
        if running < width {
            running += 1
            return .start
        }
        guard waiting.count < queueLimit else { return .refuse }
        waiting.append(job)
        return .wait
    }

    /// Hands the finished job's place to the first waiting one, or frees it.
    private func finish() {
        lock.lock()
        let next = waiting.isEmpty ? nil : waiting.removeFirst()
        if next == nil { running -= 1 }
        lock.unlock()
        if let next { queue.async(execute: next) }
    }

    private var busy: APIError {
        var error = APIError(.serviceUnavailable, code: "busy", message: "服务器正忙（\(name)排队已满），请稍后重试")
        error.retryAfter = 5
        return error
    }
}

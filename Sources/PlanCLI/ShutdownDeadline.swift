import Dispatch
import Foundation

/// Ends `hcm serve` if stopping gracefully after SIGTERM or SIGINT takes longer than `bound`: the server
/// stops taking requests and waits for those in flight, and one waiting on a database that will never answer
/// used to keep the instance running for ever (issue 17). Store operations have their own bound
/// (`PostgresDeadline`, 30 s), longer than this one: this is the promise to whoever sent the signal, stopped
/// within 10 s in every state.
enum ShutdownDeadline {
    static let bound: TimeInterval = 8

    /// Watches for the signals until the returned sources are cancelled.
    static func arm() -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
            // As swift-service-lifecycle does: the signal is ignored, and seen through a dispatch source.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                DispatchQueue.global().asyncAfter(deadline: .now() + bound) {
                    say("hcm 未能在 \(Int(bound)) 秒内停止（仍有请求或数据库连接未结束），强制退出")
                    exit(1)
                }
            }
            source.resume()
            return source
        }
    }
}

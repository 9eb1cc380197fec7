import Foundation

/// What `hcm serve` runs beside the web application: a reminder round every `roundInterval`, and the outbox
/// delivered every `deliveryInterval`, until cancelled. Several instances may run it on one PostgreSQL: the
/// round records under a lock and the sender claims under leases, so nothing is sent twice.
public struct ReminderService: Sendable {
    public let round: ReminderRound
    public let sender: OutboxSender
    public var roundInterval: Duration
    public var deliveryInterval: Duration
    /// Where a failed round or delivery is told (the server's log).
    public let log: @Sendable (String) -> Void
    /// "Now" for rounds and deliveries; tests fix it.
    public let clock: @Sendable () -> Date

    public init(
        round: ReminderRound, sender: OutboxSender, roundInterval: Duration = .seconds(900),
        deliveryInterval: Duration = .seconds(60), clock: @escaping @Sendable () -> Date = { Date() },
        log: @escaping @Sendable (String) -> Void
    ) {
        self.round = round
        self.sender = sender
        self.roundInterval = roundInterval
        self.deliveryInterval = deliveryInterval
        self.clock = clock
        self.log = log
    }

    public func run() async {
        let timer = ContinuousClock()
        var nextRound = timer.now
        while !Task.isCancelled {
            if timer.now >= nextRound {
                nextRound = timer.now.advanced(by: roundInterval)
                do {
                    let report = try await round.run(at: clock())
                    // In quiet hours the report lists what is due, but nothing was sent.
                    if !report.quiet, !report.notices.isEmpty {
                        log("督办：\(report.reminders.count) 条提醒，\(report.escalations.count) 项督办，\(report.notices.count) 人")
                    }
                } catch {
                    log("督办轮次失败：\(error)")
                }
            }
            do {
                _ = try await sender.deliverAll(now: clock())
            } catch {
                log("督办消息发送失败：\(error)")
            }
            try? await Task.sleep(for: deliveryInterval)
        }
    }
}

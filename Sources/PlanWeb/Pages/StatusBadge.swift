import PlanCore
import PlanReports
import Plot

/// Status words and badges. A status always shows its word, never colour alone.
enum StatusBadge {
    static func name(_ status: Evaluation.Status) -> String { status.chineseName }

    static func name(_ status: Observation.Status) -> String {
        switch status {
        case .draft: "草稿"
        case .submitted: "已提交"
        case .approved: "已通过"
        case .returned: "已退回"
        case .resubmitted: "已重新提交"
        }
    }

    static func badge(_ status: Evaluation.Status, count: Int? = nil) -> Node<HTML.BodyContext> {
        .span(.class("status \(status.rawValue)"), .text(count.map { "\(name(status)) \($0)" } ?? name(status)))
    }

    static func badge(_ status: Observation.Status) -> Node<HTML.BodyContext> {
        .span(.class("status \(status.rawValue)"), .text(name(status)))
    }

    /// The four counts of a tally as badges.
    static func lights(_ tally: Tally) -> Node<HTML.BodyContext> {
        .div(.class("lights"), .forEach(Evaluation.Status.allCases) { badge($0, count: tally[$0]) })
    }

    /// A bar of the met share, with the percentage as text.
    static func bar(_ tally: Tally) -> Node<HTML.BodyContext> {
        guard let share = tally.metShare else { return .span(.class("muted"), .text("—")) }
        let percent = Int((share * 100).rounded())
        return .div(
            .div(.class("bar"), .attribute(named: "role", value: "img"), .attribute(named: "aria-label", value: "达标 \(percent)%"),
                 .span(.class("w\(percent)"))),
            .span(.class("small"), .text("\(percent)%")))
    }
}

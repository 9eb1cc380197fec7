import Hummingbird
import PlanApp
import PlanCore
import PlanStore
import Plot

/// Import review's heading (title, region, period, base year, deadline — a plan is never published without a
/// title) and the departments publishing will create, with the short names folded in and the collective
/// names set apart.
extension ImportPage {
    func headingSection(planID: Int64, plan: Plan, proposals: DepartmentProposals, layout: Layout) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("heading"), .text("规划信息")),
            .form(
                .class("filters"), .method(.post), .action("/import/\(planID)/heading"), layout.csrfField,
                field("title", "标题", plan.title, required: true),
                field("region", "地区", plan.region ?? ""),
                field("periodStart", "规划期起", plan.period.map { "\($0.start)" } ?? ""),
                field("periodEnd", "规划期止", plan.period.map { "\($0.end)" } ?? ""),
                field("baseYear", "基期年", plan.baseYear.map(String.init) ?? ""),
                field("deadline", "填报截止（MM-DD）", plan.reportingDeadline ?? ""),
                .button(.type(.submit), .class("secondary"), .text("保存规划信息"))
            ),
            .h2(.id("departments"), .text("发布时创建的部门（\(proposals.departments.count)）")),
            .ul(.forEach(proposals.departments) { proposal in
                .li(.text(proposal.name),
                    .if(!proposal.aliases.isEmpty, .span(.class("muted"), .text("（又称：\(proposal.aliases.joined(separator: "、"))）"))),
                    .if(proposal.existingID != nil, .span(.class("muted"), .text(" · 已有部门"))))
            }),
            .if(!proposals.collective.isEmpty,
                .p(.class("small muted"), .text("统称，不作为部门：\(proposals.collective.joined(separator: "、"))")))
        )
    }

    private func field(_ name: String, _ label: String, _ value: String, required: Bool = false) -> Node<HTML.FormContext> {
        .div(.label(.for("heading-\(name)"), .text(label)),
             .input(.type(.text), .id("heading-\(name)"), .name(name), .value(value.xmlEscaped), .required(required)))
    }

    /// Saves the heading through `EditDraftPlan`; a refusal is shown on the page.
    @Sendable func saveHeading(_ context: AppRequestContext, _ user: User, _ form: FormFields) async throws -> Response {
        let id = try context.pathID()
        func text(_ name: String) -> String? {
            let value = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        func year(_ name: String) throws -> Int? {
            guard let value = text(name) else { return nil }
            guard let year = Int(value) else { throw AppError.invalid("“\(value.prefix(20))”不是年份", field: name) }
            return year
        }
        let start = try year("periodStart"), end = try year("periodEnd")
        let heading = PlanHeading(
            title: text("title") ?? "", region: text("region"),
            period: start.flatMap { s in end.map { Period(start: s, end: $0) } }, baseYear: try year("baseYear"),
            reportingDeadline: text("deadline"))
        try await EditDraftPlan(store: config.store)(planID: id, heading, by: user, now: config.now)
        return .redirect(to: "/import/\(id)?saved=\(id)#heading", type: .normal)
    }
}

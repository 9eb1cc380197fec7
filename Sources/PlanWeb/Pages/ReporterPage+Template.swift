import Hummingbird
import PlanApp
import PlanCore
import PlanStore
import Plot

/// The offline template on the reporter's page: download the form as Excel, upload it filled in.
extension ReporterPage {
    func templateSection(plan: Int64, layout: Layout) -> Node<HTML.BodyContext> {
        .group(
            .h2(.id("template"), .text("离线填报")),
            .p(.text("数据需要线下汇总时，可"), .a(.href("/report/template?plan=\(plan)"), .text("下载本部门的 Excel 填报模板")),
               .text("，填好“本年值”和“佐证说明”后在此上传：每一行都会检查，全部无误才会保存。")),
            .form(
                .class("filters"), .method(.post), .action("/report/template"), .attribute(named: "enctype", value: "multipart/form-data"),
                layout.csrfField,
                .input(.type(.hidden), .name("plan"), .value("\(plan)")),
                .div(.label(.for("template-file"), .text("填好的模板（.xlsx）")),
                     .input(.type(.file), .id("template-file"), .name("template"), .required(true), .attribute(named: "accept", value: ".xlsx"))),
                .div(.label(.for("template-action"), .text("上传后")),
                     .select(.id("template-action"), .attribute(named: "name", value: "action"),
                             .choice("saveDraft", "保存为草稿", selected: true), .choice("submit", "直接提交审核", selected: false))),
                .button(.type(.submit), .class("secondary"), .text("上传模板"))
            )
        )
    }

    @Sendable func uploadTemplate(_ context: AppRequestContext, _ user: User, _ form: MultipartForm) async throws -> Response {
        let action = try TemplateController.action(form["action"]?.text)
        let plan = (form["plan"]?.text).flatMap { Int64($0) }
        guard let file = form["template"], !file.data.isEmpty else {
            return try await page(
                user: user, context: context, notice: nil, error: "请选择填好的模板文件。", entered: [:], status: .unprocessableContent, plan: plan)
        }
        do {
            _ = try await TemplateController.upload(
                file.data, named: file.filename ?? "template.xlsx", action: action, plan: plan, by: user, config: config)
        } catch let error as APIError {
            return try await page(
                user: user, context: context, notice: nil, error: error.message, entered: [:], problems: error.problems ?? [],
                status: error.status, plan: plan)
        } catch let error as StoreError {
            let api = APIError(error)
            return try await page(
                user: user, context: context, notice: nil, error: "未保存任何数据。" + api.message, entered: [:], status: api.status, plan: plan)
        } catch let error as AppError {
            return try await page(
                user: user, context: context, notice: nil, error: "未保存任何数据。" + error.message, entered: [:], status: APIError(error).status,
                plan: plan)
        }
        return .redirect(to: "/report?saved=\(action == .submit ? "templateSubmit" : "template")\(plan.map { "&plan=\($0)" } ?? "")", type: .normal)
    }
}

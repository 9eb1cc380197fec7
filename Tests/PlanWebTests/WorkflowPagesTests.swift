import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanStore
import Testing

@testable import PlanWeb

/// The office's and reporters' working pages beyond data entry: importing a plan document, target
/// revisions, task progress and the public view, through the real app.
@Suite struct WorkflowPagesTests {
    typealias Pages = PagesTests

    /// A multipart/form-data body as a browser sends a file upload.
    static func upload(
        _ client: some TestClientProtocol, path: String = "/import", field: String = "document", cookie: String, csrf: String?,
        filename: String, data: Data
    ) async throws -> PagesTests.Page {
        let boundary = "----hcmTestBoundary7MA4YWxkTrZu0gW"
        var body = Data()
        if let csrf {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n".utf8))
        body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(bytes: body)
        ) {
            PagesTests.Page(status: $0.status, html: String(buffer: $0.body), location: $0.headers[.location], cookie: nil)
        }
    }

    /// Upload the seed document → a draft shown beside its source lines with the importer's guesses
    /// highlighted → correct a cell → publish; a broken file is named and stores nothing.
    @Test func theOfficeImportsReviewsCorrectsAndPublishesAPlanDocument() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let admin = try await Pages.signIn(client, "admin")
            var page = try await Pages.fetch(client, .get, "/import", cookie: admin)
            #expect(page.status == .ok)
            #expect(page.html.contains(#"enctype="multipart/form-data""#))
            let csrf = try #require(page.csrf)
            let seed = try Data(contentsOf: TestWorld.seed)
            let before = try await world.store.planSummaries().count

            page = try await Self.upload(client, cookie: admin, csrf: nil, filename: "温州.txt", data: seed)
            #expect(page.status == .forbidden, "no CSRF token")
            page = try await Self.upload(client, cookie: admin, csrf: csrf, filename: "broken.docx", data: Data("not a zip".utf8))
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("broken.docx"))
            #expect(try await world.store.planSummaries().count == before, "nothing stored for a broken file")

            page = try await Self.upload(client, cookie: admin, csrf: csrf, filename: "温州.txt", data: seed)
            #expect(page.status == .seeOther)
            let location = try #require(page.location)
            let draftID = try #require(Int64(location.dropFirst("/import/".count)))
            #expect(try await world.store.planSummaries().first { $0.id == draftID }?.status == .draft)

            page = try await Pages.fetch(client, .get, location, cookie: admin)
            #expect(page.status == .ok)
            let summary = page.html.contains("141 项指标")
            #expect(summary)
            let draft = try #require(try await world.store.plan(id: draftID))
            let warned = try #require(draft.warnings.first { $0.sourceLine != nil })
            #expect(page.html.contains("第 \(warned.sourceLine!) 行："))
            // A row of targets folded into the indicator above it is flagged on that indicator's row; the
            // guesses about unlabelled columns are shown above their table.
            let folded = try #require(draft.warnings.first { $0.message.contains("并入上一指标") })
            let header = try #require(draft.warnings.first { $0.message.contains("没有表头") })
            let warnedRows = page.html.components(separatedBy: #"class="warned""#).count - 1
            #expect(warnedRows >= 1)
            #expect(page.html.contains("⚠ \(folded.message)"))
            #expect(page.html.contains(#"<p class="notice warning">第 \#(header.sourceLine!) 行：\#(header.message)</p>"#))
            // A guess from the title (far above any table) stays in the list only.
            let title = try #require(draft.warnings.first { $0.message.contains("由标题推断") })
            let misplaced = page.html.contains(#"<p class="notice warning">第 \#(title.sourceLine!) 行："#)
            #expect(!misplaced)
            // The first indicator's row shows its own source line from the document beside the parsed cells.
            let first = try await world.store.indicators(planID: draftID)[0]
            let sourceLine = try #require(first.indicator.sourceLine)
            let lineText = String(decoding: seed, as: UTF8.self).components(separatedBy: "\n")[sourceLine - 1]
                .trimmingCharacters(in: .whitespaces)
            #expect(!lineText.isEmpty)
            #expect(page.html.contains(#"id="line-\#(sourceLine)""#))
            #expect(page.html.contains("人均预期寿命"))

            let edit = "/import/\(draftID)/indicators/\(first.id)"
            var fields = [("code", "1.1"), ("name", #"人均预期寿命"><b>"#), ("unit", "岁"), ("baseline", "80.9"),
                          ("target_2020", "≥81.6"), ("lead", "市卫生健康委、市统计局"), ("cooperating", "")]
            page = try await Pages.fetch(client, .post, edit, cookie: admin, form: fields)
            #expect(page.status == .forbidden, "no CSRF token")
            fields.append(("_csrf", csrf))
            page = try await Pages.fetch(client, .post, edit, cookie: admin, form: fields)
            #expect(page.status == .seeOther)
            let corrected = try #require(try await world.store.indicator(id: first.id)).indicator
            #expect(corrected.name == #"人均预期寿命"><b>"#)
            #expect(corrected.lead == ["市卫生健康委", "市统计局"])
            #expect(corrected.target(for: 2020)?.text == "≥81.6")
            #expect(corrected.target(for: 2018) == nil, "an emptied (absent) target cell removes that year's target")
            page = try await Pages.fetch(client, .get, location, cookie: admin)
            // Typed text stays inside its attribute: the quote is escaped there, the tag everywhere.
            let escaped = page.html.contains(#"value="人均预期寿命&quot;&gt;&lt;b&gt;""#)
            let broken = page.html.contains(#"人均预期寿命"><b>"#)
            #expect(escaped)
            #expect(!broken)
            page = try await Pages.fetch(client, .post, edit, cookie: admin, form: [("name", " "), ("_csrf", csrf)])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("指标名称不能为空"))

            // The heading: a title is required, a period must read; the departments publishing will create are listed.
            #expect(try await Pages.fetch(client, .get, location, cookie: admin).html.contains("发布时创建的部门"))
            page = try await Pages.fetch(
                client, .post, "/import/\(draftID)/heading", cookie: admin, form: [("title", " "), ("periodStart", "2018"), ("_csrf", csrf)])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("标题不能为空"))
            page = try await Pages.fetch(
                client, .post, "/import/\(draftID)/heading", cookie: admin,
                form: [("title", "健康温州行动计划（修订稿）"), ("periodStart", "2018"), ("periodEnd", "2020"), ("deadline", "05-10"), ("_csrf", csrf)])
            #expect(page.location == "/import/\(draftID)?saved=\(draftID)#heading")
            #expect(try await world.store.planSummaries().first { $0.id == draftID }?.title == "健康温州行动计划（修订稿）")

            page = try await Pages.fetch(client, .post, "/import/\(draftID)/publish", cookie: admin, form: [("_csrf", csrf)])
            #expect(page.location == "/plans/\(draftID)")
            #expect(try await world.store.planSummaries().first { $0.id == draftID }?.status == .published)
            page = try await Pages.fetch(client, .post, edit, cookie: admin, form: fields)
            #expect(page.status == .unprocessableContent, "a published plan changes only by revisions")

            let office = try await Pages.signIn(client, "office")
            #expect(try await Pages.fetch(client, .get, "/import", cookie: office).status == .forbidden, "reviewers do not import")
            let reporter = try await Pages.signIn(client, "reporter")
            #expect(try await Pages.fetch(client, .get, location, cookie: reporter).status == .forbidden)
        }
    }

    /// A Word document (.docx, with merged cells) goes through the same page to the same draft.
    @Test func aWordDocumentImportsThroughThePage() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let admin = try await Pages.signIn(client, "admin")
            let csrf = try await Pages.fetch(client, .get, "/import", cookie: admin).csrf
            let docx = TestWorld.seed.deletingLastPathComponent().appendingPathComponent("../docx/000_43dbf30d6d3ada74.docx").standardized
            let page = try await Self.upload(client, cookie: admin, csrf: csrf, filename: "健康温州行动计划.docx", data: try Data(contentsOf: docx))
            let draftID = try #require(page.location.flatMap { Int64($0.dropFirst("/import/".count)) })
            #expect(try await world.store.indicators(planID: draftID).count == 23 + 118)
            #expect(try await world.store.sourceDocument(planID: draftID)?.name == "健康温州行动计划.docx")
            let review = try await Pages.fetch(client, .get, "/import/\(draftID)", cookie: admin)
            let shown = review.html.contains("来源：健康温州行动计划.docx · 2 张指标表、141 项指标")
            #expect(shown)
        }
    }

    /// The office proposes a new target on the indicator's page; only an administrator approves it; the
    /// target changes then, and the history keeps both.
    @Test func targetRevisionsAreProposedAndApprovedThroughThePages() async throws {
        let world = try await TestWorld()
        let id = world.healthIndicator
        try await world.test { client in
            let office = try await Pages.signIn(client, "office")
            var page = try await Pages.fetch(client, .get, "/indicators/\(id)", cookie: office)
            #expect(page.html.contains("提出调整"))
            let csrf = try #require(page.csrf)
            page = try await Pages.fetch(
                client, .post, "/revisions", cookie: office,
                form: [("indicator", "\(id)"), ("year", "2020"), ("newText", "≥81.2"), ("reason", ""), ("_csrf", csrf)])
            #expect(page.status == .unprocessableContent)
            #expect(page.html.contains("请填写调整理由"))
            page = try await Pages.fetch(
                client, .post, "/revisions", cookie: office,
                form: [("indicator", "\(id)"), ("year", "2020"), ("newText", "≥81.2"), ("reason", "<i>统计口径</i>调整"), ("_csrf", csrf)])
            #expect(page.location == "/indicators/\(id)?proposed=1#revisions")
            page = try await Pages.fetch(client, .get, "/revisions", cookie: office)
            #expect(page.html.contains("待批准（1）"))
            #expect(page.html.contains("&lt;i&gt;统计口径&lt;/i&gt;调整"))
            #expect(!page.html.contains("批准</button>"), "a reviewer proposes but does not decide")
            let revision = try #require(try await world.store.revisions(planID: world.planID).first)
            page = try await Pages.fetch(client, .post, "/revisions/\(revision.id!)/decision", cookie: office, form: [("approve", "yes"), ("_csrf", csrf)])
            #expect(page.status == .forbidden)

            let admin = try await Pages.signIn(client, "admin")
            page = try await Pages.fetch(client, .get, "/revisions", cookie: admin)
            let adminCSRF = try #require(page.csrf)
            page = try await Pages.fetch(client, .post, "/revisions/\(revision.id!)/decision", cookie: admin, form: [("approve", "yes"), ("_csrf", adminCSRF)])
            #expect(page.location == "/revisions?decided=\(revision.id!)")
            #expect(try await world.store.indicator(id: id)?.indicator.target(for: 2020)?.text == "≥81.2")
            page = try await Pages.fetch(client, .get, "/revisions", cookie: admin)
            #expect(page.html.contains("待批准（0）"))
            #expect(page.html.contains("已批准"))
            page = try await Pages.fetch(client, .get, "/indicators/\(id)", cookie: admin)
            #expect(page.html.contains("2020 年：≥81.2"))
            let reporter = try await Pages.signIn(client, "reporter")
            #expect(try await Pages.fetch(client, .get, "/revisions", cookie: reporter).status == .forbidden)
            #expect(!(try await Pages.fetch(client, .get, "/indicators/\(id)", cookie: reporter)).html.contains("提出调整"))
        }
    }

    /// A reporter records their department's task progress; another department's task is refused; a stale
    /// version is a conflict.
    @Test func reportersRecordTaskProgressOnTheirPage() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            let reporter = try await Pages.signIn(client, "reporter")
            var page = try await Pages.fetch(client, .get, "/report", cookie: reporter)
            #expect(page.html.contains("2020 年度任务进展"))
            let csrf = try #require(page.csrf)
            let mine = "\(world.healthTask.action):\(world.healthTask.task)"
            #expect(page.html.contains(#"value="\#(mine)""#))
            #expect(!page.html.contains(#"value="\#(world.otherTask.action):\#(world.otherTask.task)""#))
            page = try await Pages.fetch(
                client, .post, "/report/tasks", cookie: reporter,
                form: [("task", mine), ("status", "inProgress"), ("note", "已完成<b>一半</b>"), ("version", ""), ("_csrf", csrf)])
            #expect(page.location == "/report?saved=task&plan=\(world.planID)#tasks")
            let saved = try await world.store.taskProgress(planID: world.planID, year: 2020, regionCode: "330302")
            #expect(saved.map(\.status) == [.inProgress])
            #expect(saved.first?.note == "已完成<b>一半</b>")
            page = try await Pages.fetch(client, .get, "/report?saved=task", cookie: reporter)
            #expect(page.html.contains("任务进展已保存"))
            #expect(page.html.contains("已完成&lt;b&gt;一半&lt;/b&gt;"))
            page = try await Pages.fetch(
                client, .post, "/report/tasks", cookie: reporter,
                form: [("task", mine), ("status", "completed"), ("note", ""), ("version", ""), ("_csrf", csrf)])
            #expect(page.status == .conflict, "written without the version just saved")
            page = try await Pages.fetch(
                client, .post, "/report/tasks", cookie: reporter,
                form: [("task", "\(world.otherTask.action):\(world.otherTask.task)"), ("status", "completed"), ("version", ""), ("_csrf", csrf)])
            #expect(page.status == .forbidden)
            #expect(try await world.store.taskProgress(planID: world.planID, year: 2020, regionCode: nil).count == 1)
        }
    }

    /// Anyone can read a published plan; drafts are not public; the public page has no forms and no
    /// unreviewed values.
    @Test func thePublicSeesPublishedPlansOnly() async throws {
        let world = try await TestWorld()
        try await world.test { client in
            var page = try await Pages.fetch(client, .get, "/public", cookie: nil)
            #expect(page.status == .ok)
            #expect(page.html.contains("健康温州行动计划（2018-2020年）"))
            page = try await Pages.fetch(client, .get, "/public/plans/\(world.planID)", cookie: nil)
            #expect(page.status == .ok)
            #expect(page.html.contains("人均预期寿命"))
            #expect(page.html.contains("各领域指标达标情况"))
            #expect(!page.html.contains("<form"))
            let draft = try await world.store.createPlan(
                Plan(title: "内部草稿", indicatorTables: [], actions: [], projects: [], proseTargets: [], warnings: []),
                source: nil, actor: "admin", at: "2021-01-01T00:00:00Z")
            #expect(try await Pages.fetch(client, .get, "/public/plans/\(draft)", cookie: nil).status == .notFound)
            #expect(!(try await Pages.fetch(client, .get, "/public", cookie: nil)).html.contains("内部草稿"))
        }
    }
}

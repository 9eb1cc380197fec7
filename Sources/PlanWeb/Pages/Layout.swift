import Hummingbird
import PlanCore
import PlanReports
import Plot

/// The frame of every page: the header with the navigation the user's role allows, the content, and the
/// stylesheet served by the app itself (intranets are often offline: no CDN, no external asset).
struct Layout {
    var title: String
    var user: User?
    /// The CSRF token forms on the page carry; nil on pages without a session.
    var csrf: String?

    func render(_ content: Node<HTML.BodyContext>..., status: HTTPResponse.Status = .ok) -> Response {
        let html = HTML(
            .lang(.chinese),
            .head(
                .encoding(.utf8),
                // Not Plot's `.title`, which copies the title into meta attributes it does not escape.
                .element(named: "title", text: "\(title) · 健康城市监测"),
                .viewport(.accordingToDevice),
                .stylesheet("/static/app.css"),
                .favicon("/static/icon.svg", type: "image/svg+xml")
            ),
            .body(
                .a(.class("skip"), .href("#main"), .text("跳到正文")),
                .header(
                    .class("top"),
                    .a(.class("brand"), .href("/"), .text("健康城市监测")),
                    .nav(.attribute(named: "aria-label", value: "主导航"), .ul(.forEach(links) { link in
                        .li(.a(.href(link.href), .text(link.label)))
                    })),
                    .unwrap(user) { user in
                        .form(
                            .class("signout"), .action("/logout"), .method(.post),
                            .span(.text("\(user.displayName)（\(Self.roleName(user.role))）")),
                            csrfField,
                            .button(.type(.submit), .text("退出"))
                        )
                    }
                ),
                .main(.id("main"), .h1(.text(title)), .group(content))
            )
        )
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html.render())))
    }

    /// The hidden field every form posts.
    var csrfField: Node<HTML.FormContext> {
        .input(.type(.hidden), .name("_csrf"), .value(csrf ?? ""))
    }

    private var links: [(href: String, label: String)] {
        guard let user else { return [] }
        switch user.role {
        case .admin:
            return [("/", "总览"), ("/plans", "规划"), ("/review", "审核"), ("/revisions", "目标调整"), ("/regions", "地区对比"),
                    ("/import", "导入")]
        case .reviewer: return [("/", "总览"), ("/plans", "规划"), ("/review", "审核"), ("/revisions", "目标调整"), ("/regions", "地区对比")]
        case .reporter: return [("/report", "我的填报"), ("/plans", "规划")]
        case .viewer: return [("/", "总览"), ("/plans", "规划"), ("/regions", "地区对比")]
        }
    }

    static func roleName(_ role: User.Role) -> String {
        switch role {
        case .admin: "管理员"
        case .reviewer: "审核员"
        case .reporter: "填报员"
        case .viewer: "只读"
        }
    }
}

extension Node where Context == HTML.SelectContext {
    /// An `<option>` with its text as content (Plot's own takes attributes only).
    static func choice(_ value: String, _ text: String, selected: Bool) -> Node {
        .element(
            named: "option",
            nodes: [.attribute(named: "value", value: value.xmlEscaped, ignoreIfValueIsEmpty: false)]
                + (selected ? [.attribute(named: "selected", value: "selected")] : []) + [.text(text)])
    }
}

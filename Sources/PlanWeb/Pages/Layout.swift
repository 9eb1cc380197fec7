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
    /// The signed-in user's unread messages, shown in the header: set once per page request (PagesController),
    /// so that no page has to pass it along.
    @TaskLocal static var unread = 0

    func render(_ content: Node<HTML.BodyContext>..., status: HTTPResponse.Status = .ok) -> Response {
        render(html: Node<HTML.BodyContext>.group(content).render(), status: status)
    }

    /// The page around content rendered already (kept pages). The frame is written out rather than built
    /// with Plot: it is the same few elements on every request, and Plot's renderer copied the whole content
    /// once per enclosing element — a fifth of a kept page's time (BENCHMARKS.md). Everything variable in
    /// it is escaped.
    func render(html content: String, status: HTTPResponse.Status = .ok) -> Response {
        var page = #"<!DOCTYPE html><html lang="zh"><head><meta charset="UTF-8"/><title>"#
        page += "\(title) · 健康城市监测".xmlEscaped
        page += #"</title><meta name="viewport" content="width=device-width, initial-scale=1.0"/>"#
        page += #"<link rel="stylesheet" href="/static/app.css" type="text/css"/>"#
        page += #"<link rel="shortcut icon" href="/static/icon.svg" type="image/svg+xml"/></head>"#
        page += ##"<body><a class="skip" href="#main">跳到正文</a><header class="top"><a class="brand" href="/">健康城市监测</a>"##
        page += #"<nav aria-label="主导航"><ul>"#
        for link in links {
            let label = link.href == "/inbox" && Self.unread > 0 ? "\(link.label)（\(Self.unread)）" : link.label
            page += #"<li><a href="\#(link.href)">\#(label)</a></li>"#
        }
        page += "</ul></nav>"
        if let user {
            page += #"<form class="signout" action="/logout" method="post"><span>"#
            page += "\(user.displayName)（\(Self.roleName(user.role))）".xmlEscaped
            page += #"</span><input type="hidden" name="_csrf" value="\#((csrf ?? "").xmlEscaped)"/><button type="submit">退出</button></form>"#
        }
        page += #"</header><main id="main"><h1>"# + title.xmlEscaped + "</h1>"
        // The content is most of the page: copied once, into the response's buffer.
        let end = "</main></body></html>"
        var body = ByteBuffer()
        body.reserveCapacity(page.utf8.count + content.utf8.count + end.utf8.count)
        body.writeString(page)
        body.writeString(content)
        body.writeString(end)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: body))
    }

    /// The hidden field every form posts.
    var csrfField: Node<HTML.FormContext> {
        .raw(csrfInput)
    }

    /// The same field written out, for forms around kept content.
    var csrfInput: String {
        #"<input type="hidden" name="_csrf" value=""# + (csrf ?? "").xmlEscaped + #""/>"#
    }

    /// The navigation the user's role allows (fixed text: written into the page as it is).
    private var links: [(href: String, label: String)] {
        guard let user else { return [] }
        switch user.role {
        case .admin:
            return [("/", "总览"), ("/plans", "规划"), ("/review", "审核"), ("/revisions", "目标调整"), ("/regions", "地区对比"),
                    ("/import", "导入"), ("/reminders", "督办"), ("/inbox", "消息")]
        case .reviewer:
            return [("/", "总览"), ("/plans", "规划"), ("/review", "审核"), ("/revisions", "目标调整"), ("/regions", "地区对比"),
                    ("/reminders", "督办"), ("/inbox", "消息")]
        case .reporter: return [("/report", "我的填报"), ("/plans", "规划"), ("/inbox", "消息")]
        case .viewer: return [("/", "总览"), ("/plans", "规划"), ("/regions", "地区对比"), ("/reminders", "督办"), ("/inbox", "消息")]
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

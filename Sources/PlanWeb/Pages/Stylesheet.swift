import Hummingbird

/// The one stylesheet, served from `/static/app.css`: system fonts (CJK included), status colours that also
/// carry a word (never colour alone), tablet-width layout, and a print style for plan and indicator pages.
enum Stylesheet {
    static let css = """
        :root { --ink: #1d2733; --muted: #5b6675; --line: #d8dde3; --accent: #1c5fa8; --bg: #f6f7f9;
          --met: #1f7a3a; --metbg: #e3f3e7; --notmet: #b3261e; --notmetbg: #fbe6e4; --review: #8a5a00; --reviewbg: #fdf1d6;
          --nodata: #5b6675; --nodatabg: #eceff2; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.6 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
          color: var(--ink); background: var(--bg); }
        a { color: var(--accent); }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 16px; padding: 8px 20px; background: #0f3d6e; color: #fff; }
        header.top a { color: #fff; text-decoration: none; } .brand { font-weight: 700; font-size: 17px; }
        header.top nav ul { display: flex; gap: 14px; list-style: none; margin: 0; padding: 0; }
        header.top nav a:hover, header.top nav a:focus { text-decoration: underline; }
        .signout { margin-left: auto; display: flex; gap: 8px; align-items: center; }
        main { max-width: 1200px; margin: 0 auto; padding: 16px 20px 40px; }
        h1 { font-size: 22px; margin: 8px 0 16px; } h2 { font-size: 18px; margin: 24px 0 8px; }
        table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 16px; }
        th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #eef2f6; font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; margin-bottom: 16px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
        .card h3 { margin: 0 0 8px; font-size: 15px; }
        .card.unread { border-left: 4px solid #1d4ed8; margin-bottom: 12px; }
        .card pre { white-space: pre-wrap; font-family: inherit; margin: 0 0 8px; }
        .lights { display: flex; gap: 6px; flex-wrap: wrap; }
        .status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; white-space: nowrap; }
        .status.met { color: var(--met); background: var(--metbg); } .status.notMet { color: var(--notmet); background: var(--notmetbg); }
        .status.needsReview { color: var(--review); background: var(--reviewbg); } .status.noData { color: var(--nodata); background: var(--nodatabg); }
        .status.returned { color: var(--notmet); background: var(--notmetbg); } .status.approved { color: var(--met); background: var(--metbg); }
        .status.submitted, .status.resubmitted { color: var(--review); background: var(--reviewbg); } .status.draft { color: var(--nodata); background: var(--nodatabg); }
        .bar { height: 8px; background: var(--nodatabg); border-radius: 4px; overflow: hidden; min-width: 80px; }
        .bar span { display: block; height: 100%; background: var(--met); }
        .notice { padding: 8px 12px; border-radius: 6px; margin-bottom: 12px; background: #e8f0fb; border: 1px solid #b9cfee; }
        .notice.error { background: var(--notmetbg); border-color: #efb8b2; }
        .muted { color: var(--muted); } .small { font-size: 13px; }
        form.inline { display: inline; } .filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 12px; }
        label { display: block; font-size: 13px; color: var(--muted); }
        input[type=text], input[type=password], select, textarea { font: inherit; padding: 5px 8px; border: 1px solid #aab3bd; border-radius: 4px; min-width: 0; width: 100%; }
        button, .button { font: inherit; padding: 6px 14px; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        :focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
        .login { max-width: 360px; margin: 40px auto; background: #fff; padding: 20px; border: 1px solid var(--line); border-radius: 6px; }
        .login div { margin-bottom: 12px; }
        .chart { width: 100%; max-width: 720px; height: auto; background: #fff; border: 1px solid var(--line); }
        .chart .grid { stroke: #e3e7eb; } .chart .axis { font-size: 12px; fill: var(--muted); }
        .chart .actual-line { fill: none; stroke: var(--accent); stroke-width: 2; } .chart .actual { fill: var(--accent); }
        .chart .target { stroke: var(--notmet); stroke-width: 2.5; } .chart .baseline { fill: #888; }
        .chart .legend text { font-size: 12px; fill: var(--ink); }
        .matrix td { text-align: center; } .matrix th.row { white-space: nowrap; }
        .scroll { overflow-x: auto; } table.draft input { min-width: 6em; } td.source { min-width: 16em; font-size: 13px; }
        tr.warned td { background: var(--reviewbg); } .warning { color: var(--review); } .notice.warning { background: var(--reviewbg); border-color: #ecd39a; }
        @media (max-width: 800px) { main { padding: 12px; } th, td { padding: 4px; font-size: 14px; } .signout span { display: none; } }
        @media print { header.top, .filters, form, .skip { display: none !important; } body { background: #fff; }
          main { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } table { page-break-inside: auto; }
          tr { page-break-inside: avoid; } .status { border: 1px solid #999; } }
        """
        // The bar's width as a class, one per percent: the Content-Security-Policy allows no style attribute.
        + (0...100).map { " .bar .w\($0) { width: \($0)%; }" }.joined()

    /// The tab icon: a cross in the brand's blue (declared on every page, so browsers do not ask for a
    /// /favicon.ico that does not exist).
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f3d6e"/>\
        <path d="M13 6h6v7h7v6h-7v7h-6v-7H6v-6h7z" fill="#fff"/></svg>
        """

    static var iconResponse: Response {
        Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "max-age=86400"],
            body: .init(byteBuffer: ByteBuffer(string: icon)))
    }

    static var response: Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: css)))
    }
}

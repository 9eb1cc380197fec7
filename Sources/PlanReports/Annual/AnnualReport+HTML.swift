import PlanCore

extension AnnualReport {
    /// The report as one self-contained HTML page (its own styles, the chart as inline SVG): the same
    /// sections and numbers as the Word document, for the browser and for printing.
    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>\(title.xmlEscaped)</title>"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>\(Self.css)</style></head><body><main>"
        out += "<h1>\(title.xmlEscaped)</h1>"
        out += "<p class=\"muted\">评估年度：\(year) 年" + (period.map { "　规划期：\($0.start)–\($0.end) 年" } ?? "") + "　依据已审核通过的监测数据</p>"
        out += "<h2>一、总体情况</h2>"
        out += summary.map { "<p>\($0.xmlEscaped)</p>" }.joined()
        out += "<figure>" + DomainStatusChart(domains: domains).svg(title: "各领域指标达标情况")
        out += "<figcaption>图 1　各领域指标达标情况</figcaption></figure>"
        out += Self.html(domainOverview)
        out += "<h2>二、分领域指标情况</h2>"
        for (index, domain) in domains.enumerated() {
            out += "<h3>（\(Self.chineseNumeral(index + 1))）\(domain.name.xmlEscaped)</h3>" + Self.html(domainTable(domain.name))
        }
        out += "<h2>三、未达标和预警指标</h2>"
        let shortfalls = shortfallTable
        out += shortfalls.rows.isEmpty ? "<p>没有未达标或预警的指标。</p>" : Self.html(shortfalls)
        out += "<h2>四、考核排名</h2><h3>（一）地区排名</h3>"
        out += Self.html(rankingTable(assessment.regions, named: regionName, kind: "地区"))
        out += "<h3>（二）牵头部门排名</h3>" + Self.html(rankingTable(assessment.departments, named: { $0 }, kind: "牵头部门"))
        return out + "</main></body></html>\n"
    }

    static func html(_ table: TextTable) -> String {
        var out = "<table><thead><tr>" + table.header.map { "<th>\($0.xmlEscaped)</th>" }.joined() + "</tr></thead><tbody>"
        for row in table.rows {
            out += "<tr>" + row.map { cell in
                let classes = [cell.isNumber ? "num" : nil, cell.status?.rawValue].compactMap { $0 }.joined(separator: " ")
                return (classes.isEmpty ? "<td>" : "<td class=\"\(classes)\">") + cell.text.xmlEscaped + "</td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// Public: the web tier allows exactly this inline style, by its hash, in its Content-Security-Policy.
    public static let css = """
        body { margin: 0; font: 15px/1.6 "Noto Serif CJK SC", "Songti SC", SimSun, serif; color: #1d2733; background: #fff; }
        main { max-width: 1000px; margin: 0 auto; padding: 24px; }
        h1 { font-size: 24px; text-align: center; } h2 { font-size: 19px; margin-top: 28px; } h3 { font-size: 16px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
        th, td { border: 1px solid #9aa3ad; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #dce6f1; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.met { background: #e3f3e7; } td.notMet { background: #fbe6e4; } td.needsReview { background: #fdf1d6; } td.noData { background: #eceff2; }
        .muted { color: #5b6675; } figure { margin: 16px 0; } figcaption { text-align: center; font-size: 13px; color: #5b6675; }
        .chart { width: 100%; height: auto; } .chart .axis { font-size: 12px; fill: #1d2733; }
        @media print { main { max-width: none; padding: 0; } tr { page-break-inside: avoid; } h2, h3 { page-break-after: avoid; } }
        """
}

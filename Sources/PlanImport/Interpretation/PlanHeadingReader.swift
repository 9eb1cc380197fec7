import Foundation
import PlanCore

/// The plan's title, region, period, base year and reporting deadline, from its opening paragraphs and prose.
struct PlanHeadingReader {
    var title: String?
    var titleLine: Int?
    var period: Period?
    var baseYear: Int?
    var region: String?
    var reportingDeadline: String?

    private static let titleWords = [
        "行动计划", "实施方案", "发展规划", "规划", "行动方案", "纲要", "考核指标", "指标分解", "计划", "行动", "总结",
    ]

    init(paragraphs: [OutlineParagraph]) {
        findTitle(paragraphs)
        if title == nil { findCitedTitle(paragraphs) }
        if let title { period = Self.period(in: title) }
        let opening = paragraphs.prefix(40)
        if period == nil {
            period = opening.lazy.compactMap { Self.statedPeriod(in: $0.text) }.first
        }
        baseYear = opening.lazy.compactMap { Self.statedBaseYear(in: $0.text) }.first
        reportingDeadline = paragraphs.lazy.compactMap { Self.deadline(in: $0.text) }.first
        if let title { region = Self.region(in: title) }
    }

    /// The first short opening line naming a plan, not the notice that forwards it ("关于印发…的通知").
    private mutating func findTitle(_ paragraphs: [OutlineParagraph]) {
        for (index, paragraph) in paragraphs.prefix(30).enumerated() {
            if paragraph.heading?.level == .part { break }
            let text = Self.closeGaps(paragraph.text)
            // A web page's breadcrumb ("首页 > 政务公开 > 规划计划") and a sentence (a PDF's short line) name no plan.
            guard text.count <= 60, !text.hasPrefix("关于"), !text.includes("《"), !text.includes("印发"), !text.includes(">"),
                !text.includes("。"), !text.includes("，"), !text.hasPrefix("表"), !text.hasPrefix("附"),
                Self.titleWords.contains(where: text.includes)
            else { continue }
            var full = text
            // A title whose period went to the next line: "健康瓦房店建设行动计划" + "（2017-2020年）".
            if Self.period(in: full) == nil, index + 1 < paragraphs.count {
                let next = Self.closeGaps(paragraphs[index + 1].text)
                if next.hasPrefix("（") || next.hasPrefix("("), Self.period(in: next) != nil, next.count <= 16 {
                    full += next
                }
            }
            title = full
            titleLine = paragraph.line
            return
        }
    }

    /// Words with which a preface or covering notice cites the plan's own name: "编制了《…》", "现将《…》印发给你们".
    private static let citingWords = ["编制了", "编制", "制定了", "制定", "现将", "印发了", "特制定", "研究制定了"]

    /// A plan whose title line is lost still names itself in its preface: the first 《…》 after a citing word
    /// that names a plan.
    private mutating func findCitedTitle(_ paragraphs: [OutlineParagraph]) {
        for paragraph in paragraphs.prefix(40) {
            let text = Self.closeGaps(paragraph.text)
            for word in Self.citingWords {
                guard let cue = text.range(of: word + "《"),
                    let close = text[cue.upperBound...].firstIndex(of: "》")
                else { continue }
                let cited = String(text[cue.upperBound..<close])
                guard cited.count <= 60, Self.titleWords.contains(where: cited.includes) else { continue }
                title = cited
                titleLine = paragraph.line
                citedTitle = true
                return
            }
        }
    }

    /// Whether the title was taken from the plan's citation of itself rather than a title line.
    private(set) var citedTitle = false

    /// Removes the spaces Word export leaves between Chinese characters ("实施 方案" → "实施方案").
    static func closeGaps(_ text: String) -> String {
        let chars = Array(text.trimmed())
        var result = ""
        for (i, c) in chars.enumerated() {
            if c == " " || c == "\u{3000}" {
                let before = i > 0 ? chars[i - 1] : " "
                let after = i + 1 < chars.count ? chars[i + 1] : " "
                if !(before.isASCII && after.isASCII) { continue }
            }
            result.append(c)
        }
        return result
    }

    /// "（2018-2020年）", "2018—2020年", "“十三五”".
    static func period(in text: String) -> Period? {
        if let span = yearSpan(in: text) { return span }
        let fiveYearPlans = ["十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026]
        for (name, start) in fiveYearPlans where text.contains(name) {
            return Period(start: start, end: start + 4)
        }
        return nil
    }

    private static func yearSpan(in text: String) -> Period? {
        TextPatterns.yearSpan(in: text).map { Period(start: $0.start, end: $0.end) }
    }

    /// "规划期限为2016-2020年".
    private static func statedPeriod(in text: String) -> Period? {
        guard text.includes("期限") || text.includes("规划期") else { return nil }
        return yearSpan(in: text)
    }

    /// "以2015年为基准年", "基准年为2015年".
    private static func statedBaseYear(in text: String) -> Int? {
        guard text.includes("基准年") || text.includes("基期年") else { return nil }
        return TextPatterns.year(in: text, after: "以", before: "年为基准年")
            ?? TextPatterns.year(in: text, after: "以", before: "年为基期年")
            ?? TextPatterns.year(in: text, after: "基准年为", before: "年")
    }

    /// "每年5月10日前完成上一年度监测数据的填报" → "05-10".
    static func deadline(in text: String) -> String? {
        guard text.includes("每年"), ["填报", "报送", "上报", "提交", "报告"].contains(where: text.includes) else { return nil }
        let chars = Array(text)
        var i = 0
        while i + 1 < chars.count {
            defer { i += 1 }
            guard chars[i] == "每", chars[i + 1] == "年", let month = TextPatterns.number(in: chars, from: i + 2),
                month.range.lowerBound == i + 2, month.range.upperBound < chars.count, chars[month.range.upperBound] == "月",
                (1...12).contains(month.value)
            else { continue }
            let dayStart = month.range.upperBound + 1
            // "每年2月底前": the month's last day (28 February: a deadline every year must exist every year).
            if dayStart + 1 < chars.count, chars[dayStart] == "底", chars[dayStart + 1] == "前" {
                let last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month.value - 1]
                return (month.value < 10 ? "0" : "") + "\(month.value)-\(last)"
            }
            guard let day = TextPatterns.number(in: chars, from: dayStart), day.range.lowerBound == dayStart,
                day.range.upperBound < chars.count, chars[day.range.upperBound] == "日", (1...31).contains(day.value)
            else { continue }
            let after = String(chars[(day.range.upperBound + 1)...].prefix(2))
            guard after.hasPrefix("前") || after == "之前" || after == "以前" else { continue }
            return (month.value < 10 ? "0" : "") + "\(month.value)-" + (day.value < 10 ? "0" : "") + "\(day.value)"
        }
        return nil
    }

    /// "健康温州行动计划" → "温州": the words between 健康 and 建设/行动/城市 or a year.
    static func region(in title: String) -> String? {
        let chars = Array(title)
        guard let start = chars.firstIndex(of: "健"), start + 1 < chars.count, chars[start + 1] == "康" else { return nil }
        let from = start + 2
        for length in 2...5 where from + length < chars.count {
            let next = chars[from + length]
            let rest = String(chars[(from + length)...].prefix(2))
            if rest == "建设" || rest == "行动" || rest == "城市" || next.isASCIIDigit {
                let name = chars[from..<from + length]
                return name.allSatisfy({ !$0.isASCII && $0.isLetter }) ? String(name) : nil
            }
        }
        return nil
    }
}

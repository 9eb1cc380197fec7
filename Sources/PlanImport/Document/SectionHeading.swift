import Foundation

/// A numbered heading of a plan's prose: "一、主要任务", "第三章 主要任务", "（一）…行动。", "第一节 …",
/// "1.加强自然生态保护。", "（1）…".
struct SectionHeading: Equatable {
    enum Level: Int, Comparable {
        /// 一、 / 第一章
        case part = 1
        /// 第一节
        case chapterSection = 2
        /// （一）
        case section = 3
        /// 1. / 1、
        case item = 4
        /// （1）
        case subitem = 5

        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    var level: Level
    /// The numbering as written, without its punctuation ("一", "1").
    var code: String
    /// The heading's words up to the first full stop ("加强自然生态保护").
    var title: String
    /// What follows the title on the same line.
    var rest: String

    init?(_ line: String) {
        let text = line.trimmed()
        guard let (level, code, afterNumber) = Self.numbering(text) else { return nil }
        let body = afterNumber.trimmed()
        guard let first = body.first, !first.isNumber || level == .item && body.count > 1 else { return nil }
        self.level = level
        self.code = code
        if let stop = body.firstIndex(where: { $0 == "。" }) {
            title = String(body[..<stop]).trimmed()
            rest = String(body[body.index(after: stop)...]).trimmed()
        } else {
            title = body
            rest = ""
        }
        if title.isEmpty { return nil }
    }

    private static let chineseNumerals = Set("一二三四五六七八九十")

    private static func numbering(_ text: String) -> (Level, String, Substring)? {
        let s = Substring(text)
        // 第一章 / 第一节
        if s.hasPrefix("第") {
            let numeral = s.dropFirst().prefix { chineseNumerals.contains($0) }
            let after = s.dropFirst(1 + numeral.count)
            if !numeral.isEmpty, let unit = after.first, unit == "章" || unit == "节" {
                return (unit == "章" ? .part : .chapterSection, String(numeral), after.dropFirst())
            }
            return nil
        }
        // 一、
        let numeral = s.prefix { chineseNumerals.contains($0) }
        if !numeral.isEmpty, s.dropFirst(numeral.count).first == "、" {
            return (.part, String(numeral), s.dropFirst(numeral.count + 1))
        }
        // （一） (1)
        if let open = s.first, open == "（" || open == "(" {
            let inner = s.dropFirst().drop { $0 == " " }
            let chinese = inner.prefix { chineseNumerals.contains($0) }
            let digits = inner.prefix { $0.isASCII && $0.isNumber }
            let number = chinese.isEmpty ? digits : chinese
            let after = inner.dropFirst(number.count).drop { $0 == " " }
            guard !number.isEmpty, let close = after.first, close == "）" || close == ")" else { return nil }
            return (chinese.isEmpty ? .subitem : .section, String(number), after.dropFirst())
        }
        // 1. 1、 1．
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 2, let mark = s.dropFirst(digits.count).first, mark == "." || mark == "、" || mark == "．" {
            let after = s.dropFirst(digits.count + 1)
            // "1.1人均预期寿命" is an indicator code, not a heading.
            if after.first?.isNumber == true { return nil }
            return (.item, String(digits), after)
        }
        return nil
    }
}

/// A paragraph with its heading read once, for the readers that walk the plan's outline.
struct OutlineParagraph {
    var text: String
    var line: Int
    var heading: SectionHeading?

    init(_ paragraph: PlanDocument.Paragraph) {
        text = paragraph.text
        line = paragraph.line
        heading = SectionHeading(paragraph.text)
    }
}

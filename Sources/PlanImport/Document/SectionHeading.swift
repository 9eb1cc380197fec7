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
        guard let first = body.unicodeScalars.first, !Self.isDigit(first) || level == .item && body.count > 1 else { return nil }
        self.level = level
        self.code = code
        if let stop = body.unicodeScalars.firstIndex(of: "。") {
            title = String(body[..<stop]).trimmed()
            rest = String(body[body.unicodeScalars.index(after: stop)...]).trimmed()
        } else {
            title = body
            rest = ""
        }
        if title.isEmpty { return nil }
    }

    private static func isChineseNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": true
        default: false
        }
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// Reads the numbering on scalars: comparing Characters goes through string comparison, and every
    /// paragraph of a plan passes through here.
    private static func numbering(_ text: String) -> (Level, String, Substring)? {
        let s = Substring(text).unicodeScalars
        func rest(after count: Int) -> Substring {
            Substring(text)[(s.index(s.startIndex, offsetBy: count, limitedBy: s.endIndex) ?? s.endIndex)...]
        }
        // 第一章 / 第一节
        if s.first == "第" {
            let numeral = s.dropFirst().prefix(while: isChineseNumeral)
            let unit = s.dropFirst(1 + numeral.count).first
            guard !numeral.isEmpty, let unit, unit == "章" || unit == "节" else { return nil }
            return (unit == "章" ? .part : .chapterSection, String(numeral), rest(after: numeral.count + 2))
        }
        // 一、
        let numeral = s.prefix(while: isChineseNumeral)
        if !numeral.isEmpty, s.dropFirst(numeral.count).first == "、" {
            return (.part, String(numeral), rest(after: numeral.count + 1))
        }
        // （一） (1)
        if let open = s.first, open == "（" || open == "(" {
            let spaces = s.dropFirst().prefix { $0 == " " }.count
            let inner = s.dropFirst(1 + spaces)
            let chinese = inner.prefix(while: isChineseNumeral)
            let digits = inner.prefix(while: isDigit)
            let number = chinese.isEmpty ? digits : chinese
            let spacesAfter = inner.dropFirst(number.count).prefix { $0 == " " }.count
            let close = inner.dropFirst(number.count + spacesAfter).first
            guard !number.isEmpty, let close, close == "）" || close == ")" else { return nil }
            return (chinese.isEmpty ? .subitem : .section, String(number), rest(after: 1 + spaces + number.count + spacesAfter + 1))
        }
        // 1. 1、 1．
        let digits = s.prefix(while: isDigit)
        if !digits.isEmpty, digits.count <= 2, let mark = s.dropFirst(digits.count).first, mark == "." || mark == "、" || mark == "．" {
            // "1.1人均预期寿命" is an indicator code, not a heading.
            if let next = s.dropFirst(digits.count + 1).first, isDigit(next) { return nil }
            return (.item, String(digits), rest(after: digits.count + 1))
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

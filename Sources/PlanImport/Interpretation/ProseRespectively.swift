import Foundation
import PlanCore

/// "A、B和C分别下降到a、b和c以下" → A "下降到a以下", B "下降到b以下", C "下降到c以下": one comparator and one
/// trailing qualifier for all, values paired with subjects (or with the years of "到2022年和2030年") in order.
/// When the counts do not pair up, the clause stays one target, as written.
enum ProseRespectively {
    struct Part: Equatable {
        var subject: String
        var year: Int?
        var text: String
    }

    private static let separators: Set<Character> = ["、", "和", "及", "与", "/"]
    private static let qualifiers = ["以上", "以下", "以内", "左右"]
    private static let comparators = [
        "控制在", "维持在", "保持在", "稳定在", "提高到", "提高至", "提升到", "提升至", "下降到", "下降至", "降低到", "降低至",
        "降到", "降至", "不少于", "不低于", "不超过", "不高于", "低于", "高于", "超过", "突破", "力争达到", "达到", "达",
    ]

    static func distribute(subject: String, value: String, years: [Int]) -> [Part] {
        let whole = [Part(subject: subject, year: nil, text: value)]
        var rest = Substring(value)
        let respectively = rest.hasPrefix("分别")
        if respectively { rest = rest.dropFirst(2) }
        let comparator = comparators.first { rest.hasPrefix($0) } ?? ""
        rest = rest.dropFirst(comparator.count)
        var qualifier = qualifiers.first { rest.hasSuffix($0) } ?? ""
        if !qualifier.isEmpty { rest = rest.dropLast(qualifier.count) }
        let values = split(rest)
        guard values.count > 1, values.allSatisfy({ $0.first?.isNumber == true || "≥≤<>＞＜".contains($0.first!) }) else {
            return whole
        }
        // A value with its own qualifier ("65%以上和90%") keeps it; the trailing one goes to the others.
        if values.dropLast().contains(where: { v in qualifiers.contains(where: v.hasSuffix) }) { qualifier = "" }
        let texts = values.map { comparator + $0 + (qualifiers.contains(where: $0.hasSuffix) ? "" : qualifier) }
        let subjects = split(Substring(subject))
        if subjects.count == values.count {
            return zip(subjects, texts).map { Part(subject: $0, year: nil, text: $1) }
        }
        if years.count == values.count, respectively || subjects.count == 1 {
            return zip(years, texts).map { Part(subject: subject, year: $0, text: $1) }
        }
        return whole
    }

    /// "7/10万和5‰" → ["7/10万", "5‰"]; a "/" between digits is a fraction, not a separator.
    private static func split(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            let fraction = c == "/" && i > 0 && chars[i - 1].isNumber && i + 1 < chars.count && chars[i + 1].isNumber
            if separators.contains(c), !fraction {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        let trimmed = parts.map { $0.trimmed() }
        return trimmed.contains(where: \.isEmpty) ? [String(text)] : trimmed
    }
}

/// "X从2015年的73.25岁提高到74岁": the starting value is the baseline, taken out of the subject.
enum ProseBaseline {
    static func take(from subject: inout String) -> PlanCore.Baseline? {
        guard let from = subject.range(of: "从", options: .backwards) else { return nil }
        let tail = subject[from.upperBound...]
        let chars = Array(tail)
        guard let year = TextPatterns.year(in: chars, at: 0), chars.count > 6, chars[4] == "年" else { return nil }
        var valueStart = 5
        if chars[valueStart] == "的" { valueStart += 1 }
        let value = String(chars[valueStart...]).trimmed()
        guard let first = value.first, first.isNumber else { return nil }
        subject = String(subject[..<from.lowerBound])
        return PlanCore.Baseline(year: year, text: value)
    }
}

import Foundation
import PlanCore

/// Reads targets stated in the goal sections' prose: "人均预期寿命逐步提高，达到82岁以上" → subject
/// 人均预期寿命, text "达到82岁以上"; "A和B分别控制在X和Y以下" → A and B each with its value (`ProseRespectively`);
/// "从2015年的73.25岁提高到74岁" keeps 2015 = 73.25岁 as the baseline; "已达到…" is not a target.
enum ProseTargetReader {
    /// Words that introduce the value of a prose target, "分别" first.
    private static let cues = [
        "分别", "达到", "控制在", "维持在", "保持在", "稳定在", "突破", "不少于", "不低于", "不超过", "提高到", "提高至",
        "提升到", "提升至", "上调到", "下降到", "下降至", "降低到", "降低至", "降到", "降至", "低于", "高于", "超过", "达",
    ]

    private static let trendVerbs = ["提高", "提升", "降低", "下降", "改善", "增加", "扩大", "上升"]
    private static let trendModifiers = ["持续", "逐步", "逐年", "稳步", "不断", "明显", "进一步", "有所", "有较大的"]

    /// "人均预期寿命逐步提高" → "人均预期寿命".
    private static func withoutTrend(_ text: String) -> String {
        guard let verb = trendVerbs.first(where: text.hasSuffix) else { return text }
        var rest = String(text.dropLast(verb.count))
        if let modifier = trendModifiers.first(where: rest.hasSuffix) { rest = String(rest.dropLast(modifier.count)) }
        return rest
    }

    static func read(_ paragraphs: [OutlineParagraph], period: Period?) -> [ProseTarget] {
        var targets: [ProseTarget] = []
        var goalLevel: SectionHeading.Level?
        var sectionYear: Int?
        for paragraph in joinedLines(paragraphs) {
            if let heading = paragraph.heading {
                if heading.title.includes("目标") {
                    goalLevel = heading.level
                    sectionYear = year(in: heading.title + heading.rest)
                    if !heading.rest.isEmpty {
                        targets += read(heading.rest, line: paragraph.line, year: sectionYear ?? period?.end, periodEnd: period?.end)
                    }
                    continue
                }
                if let level = goalLevel, heading.level <= level { goalLevel = nil }
                if heading.level < .item { continue }
            }
            guard goalLevel != nil else { continue }
            let paragraphYear = year(in: paragraph.text)
            if sectionYear == nil, let paragraphYear, paragraph.text.hasSuffix("：") || paragraph.text.hasSuffix(":") {
                sectionYear = paragraphYear
            }
            targets += read(
                paragraph.text, line: paragraph.line, year: paragraphYear ?? sectionYear ?? period?.end, periodEnd: period?.end)
        }
        return targets
    }

    private static func read(_ text: String, line: Int, year: Int?, periodEnd: Int?) -> [ProseTarget] {
        var targets: [ProseTarget] = []
        for sentence in text.split(whereSeparator: { $0 == "。" || $0 == "；" || $0 == ";" || $0 == "！" }) {
            var previousSubject: String?
            // "到2022年和2030年，X分别不低于a和b": the years a later clause's values go to, in order.
            var clauseYears: [Int] = []
            // "到规划期末" / "到“十四五”期末": the period's last year, for the rest of the sentence.
            var sentenceYear: Int?
            for rawClause in sentence.split(whereSeparator: { $0 == "，" || $0 == "," || $0 == "：" || $0 == ":" }) {
                let years = TextPatterns.targetYears(in: String(rawClause))
                if rawClause.includes("期末"), TextPatterns.targetYear(in: String(rawClause)) == nil { sentenceYear = periodEnd }
                let clause = strip(String(rawClause))
                let parsed = TargetExpression.parse(clause)
                let subjectOnly = withoutTrend(clause)
                guard parsed.isMeasurable, let cue = cuePosition(in: clause) else {
                    if years.count > 1, clause.count <= 6 {
                        clauseYears = years
                    } else if !subjectOnly.isEmpty {
                        previousSubject = subjectOnly
                    }
                    continue
                }
                var before = String(clause[..<cue])
                // What is already achieved ("已达到…") is not a target.
                if before.hasSuffix("已") || before.hasSuffix("已经") { continue }
                let baseline = ProseBaseline.take(from: &before)
                var subject = withoutTrend(before.trimmingPunctuation())
                if subject.hasSuffix("均") || subject.hasSuffix("都") { subject.removeLast() }
                if subject.isEmpty { subject = previousSubject ?? "" }
                guard !subject.isEmpty else { continue }
                let clauseYear = self.year(in: clause) ?? sentenceYear ?? year
                let parts = ProseRespectively.distribute(subject: subject, value: String(clause[cue...]), years: clauseYears)
                for part in parts {
                    targets.append(
                        ProseTarget(
                            subject: part.subject, year: part.year ?? clauseYear, text: part.text, sourceLine: line,
                            baseline: baseline))
                }
                previousSubject = subject
                clauseYears = []
            }
        }
        return targets
    }

    /// Where the value's cue starts: "分别" if present, else the last cue followed by a number or a sign.
    private static func cuePosition(in clause: String) -> String.Index? {
        let chars = Array(clause)
        func occurrences(of cue: String) -> [Int] {
            let word = Array(cue)
            guard chars.count >= word.count else { return [] }
            return (0...(chars.count - word.count)).filter { Array(chars[$0..<$0 + word.count]) == word }
        }
        if let respectively = occurrences(of: "分别").first {
            return clause.index(clause.startIndex, offsetBy: respectively)
        }
        // The cue nearest the value; of two ending there ("下降到" and "降到"), the longer.
        var best: (start: Int, end: Int)?
        for cue in cues.dropFirst() {
            for at in occurrences(of: cue) {
                let end = at + cue.count
                guard let next = chars[end...].first(where: { $0 != " " }), next.isNumber || "≥≤<>＞＜".contains(next)
                else { continue }
                if best == nil || end > best!.end || (end == best!.end && at < best!.start) { best = (at, end) }
            }
        }
        return best.map { clause.index(clause.startIndex, offsetBy: $0.start) }
    }

    /// Without the dash that leads a goal ("——") and a leading "到2025年".
    private static func strip(_ clause: String) -> String {
        var text = clause.trimmingPunctuation()
        while text.hasPrefix("—") || text.hasPrefix("-") { text.removeFirst() }
        let chars = Array(text)
        let start = chars.first == "到" ? 1 : 0
        if TextPatterns.year(in: chars, at: start) != nil, chars.count > start + 4, chars[start + 4] == "年" {
            var end = start + 5
            if end < chars.count, chars[end] == "底" || chars[end] == "末" { end += 1 }
            text = String(chars[end...])
        }
        return text.trimmingPunctuation()
    }

    private static func year(in text: String) -> Int? {
        TextPatterns.targetYear(in: text)
    }

    /// Word export breaks long sentences over lines ("结构持续优" / "化，产业水平…"): a line that does not end a
    /// sentence runs on into the next one.
    static func joinedLines(_ paragraphs: [OutlineParagraph]) -> [OutlineParagraph] {
        var joined: [OutlineParagraph] = []
        for paragraph in paragraphs {
            if let last = joined.last, paragraph.heading == nil, last.heading == nil,
                let end = last.text.last, !"。；;！？：:）)”".contains(end), !last.text.isEmpty
            {
                joined[joined.count - 1].text += paragraph.text
            } else {
                joined.append(paragraph)
            }
        }
        return joined
    }
}

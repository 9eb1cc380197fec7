extension TargetExpression {
    /// Reads a target cell as the plans write it. Never traps; text it cannot read becomes `.unparsed`
    /// with the text kept, rather than a guessed number.
    ///
    /// ```swift
    /// TargetExpression.parse("＞65万")          // comparison, op ">", value 650000, multiplier 10000
    /// TargetExpression.parse("比2015年下降10%") // relativeChange, decrease 10% from the 2015 baseline
    /// TargetExpression.parse("0.42；20.19")     // compound of two values
    /// ```
    public static func parse(_ text: String) -> TargetExpression {
        if let plain = PlainNumber.parse(text) { return plain }
        var parser = TargetParser(text)
        return parser.parse()
    }
}

/// The reading of one target cell. See `TargetExpression.parse(_:)`.
///
/// The text is folded once into one scalar buffer; clauses ("；", "，") and pieces ("、") are ranges of it,
/// so a reading allocates little beyond its result.
struct TargetParser {
    typealias Op = Comparison.Operator
    private typealias V = TargetVocabulary

    private let text: ScalarText
    private let whole: Range<Int>
    /// Set when a piece had numbers that could not be read safely (a change in 个百分点, "1.2.3").
    private var sawUnreadableNumber = false

    init(_ raw: String) {
        text = ScalarText(raw)
        whole = text.trimmed(0..<text.count)
    }

    mutating func parse() -> TargetExpression {
        if V.noTarget.contains(where: { text.equals($0, in: whole) }) || text.scalars[whole].allSatisfy({ $0 == "-" }) {
            return .none
        }
        // Most cells are one number with its signs ("80.77", "≥76", "＞65万", "40以上"): read those directly.
        if whole.count <= 12, case let tokens = text.numberTokens(in: whole), tokens.count == 1,
            let only = tokens.first, only.isCandidate, only.start == whole.lowerBound, only.end == whole.upperBound
        {
            return .comparison(
                Comparison(op: only.symbol ?? only.suffix ?? .reach, value: only.value, unit: only.unit, multiplier: only.multiplier))
        }
        // Without a digit only a change on the previous year ("较前一年减少") can be measurable; everything
        // else is a trend, a reference or a sentence, read without splitting the text.
        if !text.scalars[whole].contains(where: ScalarText.isDigit),
            text.firstMatch(V.previousYearReferences, in: whole) == nil,
            text.firstMatch(V.baselineReferences, in: whole) == nil
        {
            return classifyWithoutNumber()
        }
        var parts: [TargetExpression] = []
        for clause in text.clauses(in: whole) {
            if let respectively = readRespectively(clause) {
                parts.append(contentsOf: respectively)
                continue
            }
            for piece in text.split(clause, at: V.listSeparator) {
                if let part = readMeasurable(text.trimmed(piece)) { parts.append(part) }
            }
        }
        switch parts.count {
        case 0: return classifyWithoutNumber()
        case 1: return parts[0]
        default: return .compound(parts)
        }
    }

    // MARK: - Without a number

    private func classifyWithoutNumber() -> TargetExpression {
        let raw = text.string(whole)
        if sawUnreadableNumber { return .unparsed(raw) }
        if text.firstMatch(V.externalReferences, in: whole) != nil { return .externalReference(raw) }
        if let trend = readTrend() { return .trend(trend) }
        let valueDigits = text.numberTokens(in: whole).contains { !$0.isYear && !$0.isDate && !$0.isQualifier }
        if text.hasIdeograph(in: whole), !valueDigits { return .qualitative(raw) }
        return .unparsed(raw)
    }

    /// "持续降低", "逐年提高", "保持": optional modifiers, then one verb of movement, and nothing else.
    private func readTrend() -> Trend? {
        var i = whole.lowerBound
        while let modifier = text.longestMatch(V.trendModifiers, at: i), i + modifier.length < whole.upperBound {
            i += modifier.length
        }
        guard let verb = text.longestMatch(V.trendVerbs, at: i) else { return nil }
        var end = i + verb.length
        if end < whole.upperBound, text[end] == "了" { end += 1 }
        return end == whole.upperBound ? Trend(expected: verb.value) : nil
    }

    // MARK: - "A和B分别达到X和Y以上"

    private func readRespectively(_ clause: Range<Int>) -> [TargetExpression]? {
        guard let r = text.firstIndex(of: V.respectively, in: clause) else { return readJoinedValues(clause) }
        var i = r + V.respectively.count
        var sharedOp: Op?
        if let cue = text.longestMatch(V.cues, at: i) {
            sharedOp = cue.value
            i += cue.length
        }
        let tokens = text.numberTokens(in: i..<clause.upperBound).filter(\.isCandidate)
        guard tokens.count >= 2 else { return nil }
        // The comparator written once at the end ("45%和40%以上") applies to every value.
        let trailing = tokens.last.flatMap { $0.suffix ?? $0.symbol }
        let unit = tokens.last?.unit
        let subjects = text.split(clause.lowerBound..<r, at: V.conjunctions).map { text.string($0) }
        let labels = subjects.count == tokens.count ? subjects : nil
        return tokens.enumerated().map { index, token in
            let op = token.symbol ?? token.suffix ?? trailing ?? sharedOp ?? .reach
            return .comparison(
                Comparison(
                    op: op, value: token.value, unit: token.unit ?? unit, multiplier: token.multiplier,
                    label: labels?[index]))
        }
    }

    /// "A和B维持在65%和90%以上": values joined by 和/、/与 with one comparator after the last, each value for
    /// the subject at its position — read as "分别" is, so no value is lost.
    private func readJoinedValues(_ clause: Range<Int>) -> [TargetExpression]? {
        let tokens = text.numberTokens(in: clause).filter(\.isCandidate)
        guard tokens.count >= 2, let last = tokens.last, let trailing = last.suffix,
            tokens.dropLast().allSatisfy({ $0.suffix == nil && $0.symbol == nil })
        else { return nil }
        for (a, b) in zip(tokens, tokens.dropFirst()) {
            let between = text.string(a.end..<b.start).trimmingSpaces
            guard ["和", "、", "与", "及"].contains(between) else { return nil }
        }
        // The subjects before the verb that leads the values ("维持在", "达到"), one per value when they match.
        var subjectEnd = tokens[0].start
        var i = clause.lowerBound
        while i < tokens[0].start {
            if let cue = text.longestMatch(V.cues, at: i), i + cue.length == tokens[0].start {
                subjectEnd = i
                break
            }
            i += 1
        }
        let subjects = text.split(clause.lowerBound..<subjectEnd, at: V.conjunctions).map { text.string($0) }
        let labels = subjects.count == tokens.count && subjects.allSatisfy({ !$0.isEmpty }) ? subjects : nil
        return tokens.enumerated().map { index, token in
            .comparison(
                Comparison(
                    op: trailing, value: token.value, unit: token.unit ?? last.unit, multiplier: token.multiplier,
                    label: labels?[index]))
        }
    }

    // MARK: - One piece with a number

    private mutating func readMeasurable(_ piece: Range<Int>) -> TargetExpression? {
        guard !piece.isEmpty else { return nil }
        let all = text.numberTokens(in: piece)
        if all.contains(where: \.isMalformed) {
            sawUnreadableNumber = true
            return nil
        }
        switch readRelativeChange(piece, tokens: all) {
        case .read(let change): return change
        case .unreadable:
            sawUnreadableNumber = true
            return nil
        case .absent: break
        }
        let candidates = all.filter(\.isCandidate)
        guard !candidates.isEmpty else { return nil }
        if let range = readRange(piece, candidates: candidates) { return range }
        return readComparison(piece, candidates: candidates)
    }

    private enum Reading {
        case read(TargetExpression)
        case unreadable
        case absent
    }

    /// "比2015年下降10%", "下降5%", "较前一年减少", "在现有基础上提升50%".
    private func readRelativeChange(_ piece: Range<Int>, tokens: [NumberToken]) -> Reading {
        let verbs = V.decreaseVerbs
        var i = piece.lowerBound
        while i < piece.upperBound {
            guard let verb = text.longestMatch(verbs, at: i) else {
                i += 1
                continue
            }
            var after = i + verb.length
            if after < piece.upperBound, text[after] == "了" { after += 1 }
            after = text.skipSpaces(from: after, limit: piece.upperBound)
            let reference = readReference(piece.lowerBound..<i)
            if let token = tokens.first(where: { $0.start == after && $0.isCandidate }) {
                // A change in 个百分点 or in absolute units is not a percentage: don't pretend it is.
                guard token.unit == "%", token.symbol == nil else { return .unreadable }
                return .read(
                    .relativeChange(
                        RelativeChange(
                            change: verb.value, percent: token.value, reference: reference.kind,
                            referenceYear: reference.year, label: text.label(piece.lowerBound..<reference.start))))
            }
            if reference.found, after == piece.upperBound {
                return .read(
                    .relativeChange(
                        RelativeChange(
                            change: verb.value, percent: nil, reference: reference.kind,
                            referenceYear: reference.year, label: text.label(piece.lowerBound..<reference.start))))
            }
            i += verb.length
        }
        return .absent
    }

    /// The reference a change is measured from, in the words before its verb.
    private func readReference(_ head: Range<Int>) -> (found: Bool, kind: RelativeChange.Reference, year: Int?, start: Int) {
        if let phrase = text.firstMatch(V.previousYearReferences, in: head) {
            return (true, .previousYear, nil, phrase.at)
        }
        if let phrase = text.firstMatch(V.annualAverage, in: head) {
            return (true, .annualAverage, nil, phrase.at)
        }
        if let phrase = text.firstMatch(V.baselineReferences, in: head) {
            return (true, .baseline, nil, phrase.at)
        }
        for year in text.numberTokens(in: head) where year.isYear {
            let at = year.numberStart - 1
            if at >= head.lowerBound, text.longestMatch(V.comparedWith, at: at) != nil {
                return (true, .baseline, Int(year.value), at)
            }
        }
        return (false, .baseline, nil, head.upperBound)
    }

    /// "15-20", "13-15名", "15～20".
    private func readRange(_ piece: Range<Int>, candidates: [NumberToken]) -> TargetExpression? {
        for (low, high) in zip(candidates, candidates.dropFirst()) where low.symbol == nil && low.suffix == nil {
            let between = text.skipSpaces(from: low.end, limit: piece.upperBound)
            guard between < piece.upperBound, ScalarText.isRangeSeparator(text[between]) else { continue }
            guard text.skipSpaces(from: between + 1, limit: piece.upperBound) == high.start, high.symbol == nil,
                low.value <= high.value
            else { continue }
            return .range(
                ValueRange(
                    low: low.value, high: high.value, unit: high.unit ?? low.unit,
                    label: text.label(piece.lowerBound..<low.start)))
        }
        return nil
    }

    /// "≥76", "40以上", "达到24%", "不少于2.8人", "食品96以上", a plain "80.77".
    private func readComparison(_ piece: Range<Int>, candidates: [NumberToken]) -> TargetExpression {
        // The value a cue verb introduces wins; without one, the last number is the target's.
        var chosen = candidates[candidates.count - 1]
        var cueOp: Op?
        var labelEnd = chosen.start
        let cues = V.cues
        var i = piece.lowerBound
        while i < piece.upperBound {
            if let cue = text.longestMatch(cues, at: i) {
                let valueStart = text.skipSpaces(from: i + cue.length, limit: piece.upperBound)
                if let token = candidates.first(where: { $0.start == valueStart }) {
                    chosen = token
                    cueOp = cue.value
                    labelEnd = i
                }
                i += cue.length
            } else {
                i += 1
            }
        }
        let op = chosen.symbol ?? chosen.suffix ?? cueOp ?? .reach
        return .comparison(
            Comparison(
                op: op, value: chosen.value, unit: chosen.unit, multiplier: chosen.multiplier,
                label: text.label(piece.lowerBound..<labelEnd)))
    }
}

extension String {
    /// Without spaces at either end (plan text, no Foundation).
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\u{3000}" }.reversed().drop { $0 == " " || $0 == "\u{3000}" }.reversed())
    }
}

/// A number as written in a target cell, with what is attached to it: "≥", "65", "万", "%", "以上".
struct NumberToken {
    typealias Op = Comparison.Operator

    /// Where the token starts: its symbol ("≥") when it has one, else its first digit.
    var start: Int
    var numberStart: Int
    /// After the digits.
    var numberEnd: Int
    /// After the multiplier, the unit and the suffix.
    var end: Int
    /// The number with any multiplier applied.
    var value: Double
    var multiplier: Double?
    var unit: String?
    var symbol: Op?
    var suffix: Op?
    /// "2015年", "2018-2020": a year, not a value.
    var isYear = false
    /// "5月", "10日": part of a date, not a value.
    var isDate = false
    /// "PM2.5", "R&D2": digits that are part of a name.
    var isPartOfName = false
    /// "1.2.3", "12..5": not a number at all.
    var isMalformed = false
    /// "65岁以上老年人", "0-6岁儿童": an age that qualifies who is counted, not a value.
    var isQualifier = false

    /// Whether the number can be a target's value.
    var isCandidate: Bool { !isYear && !isDate && !isPartOfName && !isMalformed && !isQualifier }
}

extension ScalarText {
    /// Every number in `range`, left to right.
    func numberTokens(in range: Range<Int>) -> [NumberToken] {
        var tokens: [NumberToken] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if Self.isDigit(self[i]), var token = numberToken(at: i, within: range) {
                if token.unit == "岁", token.end < range.upperBound, Self.isIdeograph(self[token.end]) {
                    token.isQualifier = true
                    // The low end of an age range ("0-6岁儿童") qualifies too.
                    if let last = tokens.indices.last, tokens[last].end + 1 == token.start || tokens[last].end + 1 == token.numberStart {
                        tokens[last].isQualifier = true
                    }
                }
                tokens.append(token)
                i = max(token.end, i + 1)
            } else {
                i += 1
            }
        }
        return tokens
    }

    /// Reads the number whose first digit is at `i`.
    private func numberToken(at i: Int, within range: Range<Int>) -> NumberToken? {
        let limit = range.upperBound
        var j = i
        while j < limit, Self.isDigit(self[j]) || (self[j] == "," && isThousandsComma(at: j)) { j += 1 }
        let integerEnd = j
        if j + 1 < limit, self[j] == ".", Self.isDigit(self[j + 1]) {
            j += 1
            while j < limit, Self.isDigit(self[j]) { j += 1 }
        }
        let numberEnd = j
        var hasMinus = false
        if i > range.lowerBound, self[i - 1] == "-", i - 1 == range.lowerBound
            || !(Self.isDigit(self[i - 2]) || Self.isLatinLetter(self[i - 2]))
        {
            hasMinus = true
        }

        var token = NumberToken(
            start: hasMinus ? i - 1 : i, numberStart: i, numberEnd: numberEnd, end: numberEnd, value: 0)
        // A digit glued to a Latin letter is a name (PM2.5, R&D); a second decimal point is not a number.
        if i > range.lowerBound, Self.isLatinLetter(self[i - 1]) { token.isPartOfName = true }
        if i > range.lowerBound, self[i - 1] == "." { token.isMalformed = true }
        if numberEnd + 1 < limit, self[numberEnd] == ".", Self.isDigit(self[numberEnd + 1]) {
            // "1.2.3": swallow the whole run so no part of it is read as a value.
            token.isMalformed = true
            var end = numberEnd
            while end < limit, Self.isDigit(self[end]) || self[end] == "." { end += 1 }
            token.numberEnd = end
            token.end = end
            return token
        }

        // "1:1.2", "1∶1.2": a ratio, which no comparison reads correctly.
        if numberEnd + 1 < limit, self[numberEnd] == ":" || self[numberEnd] == "∶", Self.isDigit(self[numberEnd + 1]) {
            token.isMalformed = true
        }
        var k = skipSpaces(from: numberEnd, limit: limit)
        let number = decimal(i..<numberEnd)
        if integerEnd - i == 4, numberEnd == integerEnd, (1900...2100).contains(number.mantissa) {
            if matches(TargetVocabulary.year, at: k) { token.isYear = true }
            if k < limit, self[k] == "-" || self[k] == "~" || self[k] == "至" || self[k] == "到" {
                let next = skipSpaces(from: k + 1, limit: limit)
                // "2018-2020年": the span of years, not a range of values.
                if next + 4 <= limit, (next..<next + 4).allSatisfy({ Self.isDigit(self[$0]) }),
                    matches(TargetVocabulary.year, at: skipSpaces(from: next + 4, limit: limit))
                {
                    token.isYear = true
                }
            }
        }
        if matches(TargetVocabulary.month, at: k) || matches(TargetVocabulary.day, at: k) { token.isDate = true }

        var exponent = 0
        if matches(TargetVocabulary.perHundredThousand, at: k) {
            token.unit = "1/10万"
            k += TargetVocabulary.perHundredThousand.count
        } else {
            if let m = longestMatch(TargetVocabulary.multipliers, at: k) {
                token.multiplier = m.value
                exponent = m.value == 10_000 ? 4 : 8
                k += m.length
            }
            if let u = longestMatch(TargetVocabulary.units, at: k) {
                token.unit = u.value
                k += u.length
            }
        }
        let afterUnit = skipSpaces(from: k, limit: limit)
        if let s = longestMatch(TargetVocabulary.suffixes, at: afterUnit) {
            token.suffix = s.value
            k = afterUnit + s.length
        }
        token.end = k
        if let value = Self.double(mantissa: number.mantissa, decimals: number.decimals - exponent) {
            token.value = hasMinus ? -value : value
        } else {
            token.isMalformed = true
        }

        // A symbol written before the number, perhaps with spaces between ("≥ 90", "＞65万").
        let before = skipSpacesBackward(from: token.start, floor: range.lowerBound)
        for entry in TargetVocabulary.symbols.entries where before - entry.word.count >= range.lowerBound {
            if matches(entry.word, at: before - entry.word.count) {
                token.symbol = entry.value
                token.start = before - entry.word.count
                break
            }
        }
        return token
    }

    /// The digits of `range` ("12.30", "1,000") as an integer and its count of decimals.
    private func decimal(_ range: Range<Int>) -> (mantissa: Int, decimals: Int) {
        var mantissa = 0
        var decimals = 0
        var afterPoint = false
        for k in range {
            let s = self[k]
            if s == "." {
                afterPoint = true
            } else if Self.isDigit(s) {
                // Past 15 digits a Double cannot hold the number exactly; saturate and let `double` refuse it.
                guard mantissa < 100_000_000_000_000_000 else { return (Int.max, 0) }
                mantissa = mantissa * 10 + Int(s.value - 0x30)
                if afterPoint { decimals += 1 }
            }
        }
        return (mantissa, decimals)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// mantissa × 10^-decimals, correctly rounded as `Double("…")` would read it: one IEEE operation on
    /// two exact operands (mantissa < 2^53, a power of ten up to 10^22).
    static func double(mantissa: Int, decimals: Int) -> Double? {
        guard mantissa < 1 << 53, abs(decimals) <= 22 else { return nil }
        return decimals >= 0
            ? Double(mantissa) / powersOfTen[decimals] : Double(mantissa) * powersOfTen[-decimals]
    }

    /// "1,000": a comma followed by exactly three digits and then no digit.
    func isThousandsComma(at i: Int) -> Bool {
        guard i > 0, i + 3 < count, Self.isDigit(self[i - 1]) else { return false }
        guard (i + 1...i + 3).allSatisfy({ Self.isDigit(self[$0]) }) else { return false }
        return i + 4 >= count || !Self.isDigit(self[i + 4])
    }

    func skipSpaces(from i: Int, limit: Int) -> Int {
        var j = i
        while j < limit, Self.isSpace(self[j]) { j += 1 }
        return j
    }

    func skipSpacesBackward(from i: Int, floor: Int) -> Int {
        var j = i
        while j > floor, Self.isSpace(self[j - 1]) { j -= 1 }
        return j
    }
}

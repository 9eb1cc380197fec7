/// The few text patterns the interpreter looks for, written out by hand: Swift's `Regex` compiles its
/// literal on every call, which made importing a seed take tens of milliseconds.
enum TextPatterns {
    /// The first run of ASCII digits at or after `start`, as (value, range).
    static func number(in chars: [Character], from start: Int) -> (value: Int, range: Range<Int>)? {
        var i = start
        while i < chars.count, !chars[i].isASCIIDigit { i += 1 }
        guard i < chars.count else { return nil }
        var j = i
        var value = 0
        while j < chars.count, chars[j].isASCIIDigit, j - i < 9 {
            value = value * 10 + Int(chars[j].asciiValue! - 48)
            j += 1
        }
        return (value, i..<j)
    }

    /// A four-digit year starting exactly at `i`.
    static func year(in chars: [Character], at i: Int) -> Int? {
        guard i >= 0, i + 4 <= chars.count, (i..<i + 4).allSatisfy({ chars[$0].isASCIIDigit }) else { return nil }
        if i + 4 < chars.count, chars[i + 4].isASCIIDigit { return nil }
        let value = (i..<i + 4).reduce(0) { $0 * 10 + Int(chars[$1].asciiValue! - 48) }
        return (1949...2100).contains(value) ? value : nil
    }

    /// "2018-2020年", "2023—2025年", "2016至2020年": the first span of two years.
    static func yearSpan(in text: String) -> (start: Int, end: Int)? {
        let chars = Array(text)
        for i in chars.indices {
            guard let start = year(in: chars, at: i) else { continue }
            var j = i + 4
            // "2022年-2024年" as well as "2022-2024年".
            if j < chars.count, chars[j] == "年" { j += 1 }
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, "-—–~～至到".contains(chars[j]) else { continue }
            j += 1
            while j < chars.count, chars[j] == " " { j += 1 }
            if let end = year(in: chars, at: j), start <= end, end - start <= 20 { return (start, end) }
        }
        return nil
    }

    /// "到2022年和2030年" → [2022, 2030]: the years after "到", joined by 和/、/及.
    static func targetYears(in text: String) -> [Int] {
        let chars = Array(text)
        guard let to = chars.firstIndex(of: "到") else { return [] }
        var years: [Int] = []
        var i = to + 1
        while let y = year(in: chars, at: i), i + 4 < chars.count, chars[i + 4] == "年" {
            years.append(y)
            i += 5
            guard i < chars.count, "和、及".contains(chars[i]) else { break }
            i += 1
        }
        return years
    }

    /// The year of "到2025年" anywhere, or of a leading "2020年".
    static func targetYear(in text: String) -> Int? {
        let chars = Array(text)
        for i in chars.indices where chars[i] == "到" {
            if let y = year(in: chars, at: i + 1), i + 5 < chars.count, chars[i + 5] == "年" { return y }
        }
        if let y = year(in: chars, at: 0), chars.count > 4, chars[4] == "年" { return y }
        return nil
    }

    /// Whether `text` contains `prefix` + a year + `suffix` ("以2015年为基准年"), and that year.
    static func year(in text: String, after prefix: String, before suffix: String) -> Int? {
        let chars = Array(text)
        let p = Array(prefix)
        let s = Array(suffix)
        var i = 0
        while i + p.count + 4 + s.count <= chars.count {
            if Array(chars[i..<i + p.count]) == p, let y = year(in: chars, at: i + p.count),
                Array(chars[(i + p.count + 4)..<(i + p.count + 4 + s.count)]) == s
            {
                return y
            }
            i += 1
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Without surrounding white space (spaces, tabs, ideographic spaces, line breaks), in plain Swift:
    /// Foundation's `trimmingCharacters` bridges through NSString and was a fifth of import time.
    func trimmed() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        // Most text has nothing to trim: it is kept whole, as slicing costs grapheme breaking at both ends.
        guard first != startIndex || scalars.index(after: last) != endIndex else { return String(self) }
        return String(self[first...last])
    }
}

extension Unicode.Scalar {
    /// White space as plan documents contain it, decided without a Unicode property lookup.
    var isBlank: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0xFEFF, 0x2000...0x200B: true
        default: false
        }
    }
}

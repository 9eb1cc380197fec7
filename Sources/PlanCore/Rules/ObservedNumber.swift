/// A reported value read as numbers, strictly — the one reading used where a value enters and where it is
/// evaluated, so what is accepted is exactly what is judged.
///
/// A number is digits with at most one decimal point and perhaps a sign ("185.2", "-3", "０.５"); full-width
/// digits, points and signs count as their ASCII forms, and thousands separators between groups of three
/// digits are dropped ("1,234.5", "１，２３４"). A unit may follow when it is the indicator's own ("66.1%" for
/// %, "79岁" for 岁). Several numbers are separated by "；" ";" "、" "/" "，" or spaces, each perhaps after a
/// label of words ("高血压57.6；糖尿病63.8"). Anything else — "abc", "5abc", "1e3", "=1+1", "约5" — is not
/// a number.
public enum ObservedNumber {
    /// One number of a value: the label before it (perhaps empty), its digits as typed (normalised), its value.
    public struct Part: Sendable, Equatable {
        public var label: String
        public var digits: String
        public var value: Double
    }

    /// The value's numbers, in order; nil when any part of it is not a number as described above.
    public static func read(_ text: String, unit: String?) -> [Double]? {
        parts(text, unit: unit)?.map(\.value)
    }

    /// The value's parts; nil when it is not numbers. A label is allowed only when there are several parts
    /// (one number with words before it is a sentence, not a value).
    public static func parts(_ text: String, unit: String?) -> [Part]? {
        let normalised = String(String.UnicodeScalarView(text.unicodeScalars.map(halfWidth)))
        let units = unit.map { [String(String.UnicodeScalarView($0.unicodeScalars.map(halfWidth)))] } ?? []
        var text = withoutThousandsSeparators(normalised)
        // A unit with a separator in it ("1/10万") is taken off the end before the parts are split.
        if let unit = units.first, unit.contains(where: { separators.contains($0) }), text.hasSuffix(unit) {
            text.removeLast(unit.count)
        }
        let pieces = text.split(whereSeparator: { separators.contains($0) })
        guard !pieces.isEmpty else { return nil }
        var result: [Part] = []
        for piece in pieces {
            guard let part = part(piece, units: units, labelled: pieces.count > 1) else { return nil }
            result.append(part)
        }
        return result
    }

    /// The value as it is kept: numbers in ASCII without thousands separators or the unit, parts joined by
    /// "；" with their labels ("１，２３４.５" → "1234.5"); nil when it is not numbers.
    public static func normalised(_ text: String, unit: String?) -> String? {
        parts(text, unit: unit).map { $0.map { $0.label + $0.digits }.joined(separator: "；") }
    }

    /// Digits allowed in one number: more are not a measurement but a typing accident, and Double would
    /// silently round them.
    static let maximumDigits = 15

    private static func part(_ piece: Substring, units: [String], labelled: Bool) -> Part? {
        var rest = piece[...]
        var label = ""
        if labelled {
            let words = rest.prefix { !$0.isASCII && $0.isLetter }
            label = String(words)
            rest = rest.dropFirst(words.count)
        }
        var digits = ""
        if let sign = rest.first, sign == "-" || sign == "+" {
            if sign == "-" { digits.append("-") }
            rest = rest.dropFirst()
        }
        let integer = rest.prefix { $0.isASCII && $0.isNumber }
        rest = rest.dropFirst(integer.count)
        var fraction = ""
        if rest.first == "." {
            fraction = String(rest.dropFirst().prefix { $0.isASCII && $0.isNumber })
            rest = rest.dropFirst(fraction.count + 1)
            guard !fraction.isEmpty else { return nil }
        }
        guard !integer.isEmpty, integer.count + fraction.count <= maximumDigits else { return nil }
        // After the number only the indicator's unit ("%" also for "％", which is normalised above).
        if !rest.isEmpty && !units.contains(String(rest)) { return nil }
        digits += integer + (fraction.isEmpty ? "" : "." + fraction)
        guard let value = Double(digits) else { return nil }
        return Part(label: label, digits: digits, value: value)
    }

    /// Full-width digits, point, signs, percent and space as their ASCII forms.
    private static func halfWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF10...0xFF19, 0xFF0B, 0xFF0D, 0xFF0E, 0xFF05: Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x3000: " "
        default: scalar
        }
    }

    /// Drops a comma ("," or "，") that stands between a digit and exactly three digits followed by no
    /// further digit: "1,234,567" → "1234567", while "90，90，95" keeps its separators.
    private static func withoutThousandsSeparators(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        func isDigit(_ i: Int) -> Bool { i < characters.count && characters[i].isASCII && characters[i].isNumber }
        for (i, character) in characters.enumerated() {
            if character == "," || character == "，", i > 0, isDigit(i - 1), isDigit(i + 1), isDigit(i + 2), isDigit(i + 3),
                !isDigit(i + 4)
            {
                continue
            }
            result.append(character)
        }
        return result
    }

    private static let separators: Set<Character> = [";", "；", "、", "/", "，", ",", " ", "\t", "\n"]
}

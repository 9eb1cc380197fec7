/// Target text as Unicode scalars with full-width and half-width forms folded together, the form the
/// parser reads. The raw text is never replaced by this; it is only how the parser sees it.
struct ScalarText {
    /// The folded scalars the parser matches against.
    var scalars: [Unicode.Scalar]
    /// Whether folding changed any scalar; if not, `scalars` are the text as written.
    private let folded: Bool
    /// The text as given, returned as is when a whole cell is kept.
    let text: String

    init(_ text: String) {
        self.text = text
        var changed = false
        scalars = [Unicode.Scalar](unsafeUninitializedCapacity: text.utf8.count) { buffer, count in
            for scalar in text.unicodeScalars {
                let f = Self.fold(scalar)
                changed = changed || f != scalar
                buffer.initializeElement(at: count, to: f)
                count += 1
            }
        }
        folded = changed
    }

    /// Full-width ASCII (＞ ％ ， ； ０…９ （ ）) to ASCII, ≧/≦ to ≥/≤, every dash to "-", wide spaces to " ".
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        // Most scalars are ASCII or Chinese characters, which fold to themselves.
        if scalar.value < 0x80 && scalar.value != 0x09 || (scalar.value >= 0x4E00 && scalar.value <= 0x9FFF) {
            return scalar
        }
        return switch scalar.value {
        case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x3000, 0x00A0, 0x0009, 0x2002, 0x2003, 0x2009: " "
        case 0x2267: "≥"
        case 0x2266: "≤"
        case 0x2010, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2500: "-"
        case 0x301C, 0x223C: "~"
        case 0x33A1: "㎡"
        default: scalar
        }
    }

    var count: Int { scalars.count }

    subscript(_ i: Int) -> Unicode.Scalar { scalars[i] }

    /// The text of `range` as written (not folded).
    func string(_ range: Range<Int>) -> String {
        if range == 0..<scalars.count { return text }
        if folded {
            // Folding maps one scalar to one, so offsets in `scalars` are offsets in the text as written.
            let view = text.unicodeScalars
            let start = view.index(view.startIndex, offsetBy: range.lowerBound)
            return String(view[start..<view.index(start, offsetBy: range.count)])
        }
        // Encoding straight into the string's storage is several times faster than appending scalars.
        return String(unsafeUninitializedCapacity: range.count * 4) { buffer in
            var n = 0
            for scalar in scalars[range] {
                UTF8.encode(scalar) { byte in
                    buffer[n] = byte
                    n += 1
                }
            }
            return n
        }
    }

    /// Whether `range` holds exactly `word`.
    func equals(_ word: [Unicode.Scalar], in range: Range<Int>) -> Bool {
        range.count == word.count && matches(word, at: range.lowerBound)
    }

    func matches(_ word: [Unicode.Scalar], at i: Int) -> Bool {
        guard i >= 0, i + word.count <= scalars.count else { return false }
        for k in 0..<word.count where scalars[i + k] != word[k] {
            return false
        }
        return true
    }

    func firstIndex(of word: [Unicode.Scalar], in range: Range<Int>) -> Int? {
        guard !word.isEmpty else { return nil }
        var i = range.lowerBound
        while i + word.count <= range.upperBound {
            if matches(word, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// The longest word of `vocabulary` that starts at `i`.
    @inline(__always)
    func longestMatch<T>(_ vocabulary: Vocabulary<T>, at i: Int) -> (length: Int, value: T)? {
        guard i >= 0, i < scalars.count, vocabulary.mayStart(with: scalars[i]) else { return nil }
        var best: (length: Int, value: T)?
        for entry in vocabulary.entries where entry.word.count > (best?.length ?? 0) && matches(entry.word, at: i) {
            best = (entry.word.count, entry.value)
        }
        return best
    }

    /// Where the first word of `vocabulary` occurs in `range`.
    @inline(__always)
    func firstMatch<T>(_ vocabulary: Vocabulary<T>, in range: Range<Int>) -> (at: Int, length: Int, value: T)? {
        for i in range {
            if let m = longestMatch(vocabulary, at: i), i + m.length <= range.upperBound { return (i, m.length, m.value) }
        }
        return nil
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\r" }
    static func isLatinLetter(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
    }
    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x4E00 && s.value <= 0x9FFF) || (s.value >= 0x3400 && s.value <= 0x4DBF)
    }

    func hasIdeograph(in range: Range<Int>) -> Bool { scalars[range].contains(where: Self.isIdeograph) }
}

/// A keyword list matched against scalar text. A bitmap of the words' first scalars lets the parser skip
/// almost every position with one load, which is what keeps parsing in the millions per second.
struct Vocabulary<Value: Sendable>: Sendable {
    let entries: [(word: [Unicode.Scalar], value: Value)]
    private let firstScalars: [UInt64]

    init(_ list: [(String, Value)]) {
        entries = list.map { (Array($0.0.unicodeScalars), $0.1) }
        var bits = [UInt64](repeating: 0, count: 1024)
        for entry in entries {
            guard let first = entry.word.first, first.value < 0x10000 else { continue }
            bits[Int(first.value >> 6)] |= 1 << (first.value & 63)
        }
        firstScalars = bits
    }

    @inline(__always)
    func mayStart(with scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x10000 && firstScalars[Int(scalar.value >> 6)] & (1 << (scalar.value & 63)) != 0
    }
}

extension Vocabulary where Value == Void {
    init(_ words: [String]) {
        self.init(words.map { ($0, ()) })
    }
}

func word(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

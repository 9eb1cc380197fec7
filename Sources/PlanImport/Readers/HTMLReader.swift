import Foundation

/// Reads a plan saved from a government site (.html/.htm): paragraphs and headings in order, and `<table>`s
/// with their `rowspan`/`colspan` laid out as the .docx reader lays out Word's merges (a spanned cell once with
/// its span, a cell merged down marked as continuing the one above). Pages are written loosely — unclosed
/// `<p>`, `<td>` and `<tr>`, upper-case tags, entities — so this is a forgiving tokenizer, not an XML parser.
/// Bounded: the file size (the importer's limit), the nesting of tables, the cells of the whole page.
enum HTMLReader {
    static let maxTableDepth = 32

    static func read(_ data: Data, source: String) throws -> PlanDocument {
        let text = try HTMLCharset.decode(data, file: source)
        var builder = HTMLDocumentBuilder(source: source)
        try HTMLTokenizer.tokenize(text) { token in try builder.take(token) }
        return builder.finish()
    }
}

/// A tag or a run of text, with the source line it starts on.
enum HTMLToken {
    case open(name: String, attributes: [String: String], line: Int)
    case close(name: String, line: Int)
    case text(String, line: Int)
}

enum HTMLTokenizer {
    /// Elements whose content is not document text.
    private static let skipped: Set<String> = ["script", "style", "head", "title", "noscript", "template", "svg"]

    static func tokenize(_ html: String, _ emit: (HTMLToken) throws -> Void) throws {
        let chars = Array(html.unicodeScalars)
        var i = 0
        var line = 1
        var text = String.UnicodeScalarView()
        var textLine = 1
        func flush() throws {
            if !text.isEmpty {
                try emit(.text(HTMLEntities.decode(String(text)), line: textLine))
                text = String.UnicodeScalarView()
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "<" {
                if matches(chars, i, "<!--") {
                    let end = find(chars, "-->", from: i + 4) ?? chars.count
                    line += count(newlinesIn: chars, i, min(end + 3, chars.count))
                    i = min(end + 3, chars.count)
                    continue
                }
                guard i + 1 < chars.count, chars[i + 1] == "/" || chars[i + 1] == "!" || chars[i + 1] == "?" || isLetter(chars[i + 1]) else {
                    if text.isEmpty { textLine = line }
                    text.append(c)
                    i += 1
                    continue
                }
                try flush()
                let end = tagEnd(chars, from: i + 1)
                let tag = String(String.UnicodeScalarView(chars[(i + 1)..<end]))
                let tagLine = line
                line += count(newlinesIn: chars, i, end)
                i = min(end + 1, chars.count)
                guard let parsed = parse(tag) else { continue }
                if parsed.closing {
                    try emit(.close(name: parsed.name, line: tagLine))
                } else {
                    try emit(.open(name: parsed.name, attributes: parsed.attributes, line: tagLine))
                    if skipped.contains(parsed.name), !parsed.selfClosing {
                        // Skip to the matching close tag, not through nested markup.
                        let close = find(chars, "</" + parsed.name, from: i, caseInsensitive: true) ?? chars.count
                        line += count(newlinesIn: chars, i, close)
                        i = close
                    }
                }
                continue
            }
            if c == "\n" { line += 1 }
            if text.isEmpty { textLine = line }
            text.append(c)
            i += 1
        }
        try flush()
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { c.isASCII && c.properties.isAlphabetic }

    /// The index of the tag's ">", skipping quoted attribute values.
    private static func tagEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        var quote: Unicode.Scalar?
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                return i
            }
            i += 1
        }
        return chars.count
    }

    private static func parse(_ tag: String) -> (name: String, closing: Bool, selfClosing: Bool, attributes: [String: String])? {
        var body = Substring(tag)
        let closing = body.hasPrefix("/")
        if closing { body = body.dropFirst() }
        if body.hasPrefix("!") || body.hasPrefix("?") { return nil }
        let selfClosing = body.hasSuffix("/")
        if selfClosing { body = body.dropLast() }
        let name = body.prefix { !$0.isWhitespace && $0 != "/" }.lowercased()
        guard !name.isEmpty else { return nil }
        var attributes: [String: String] = [:]
        var rest = body.dropFirst(name.count)
        while !rest.isEmpty {
            rest = rest.drop { $0.isWhitespace || $0 == "/" }
            let key = rest.prefix { !$0.isWhitespace && $0 != "=" && $0 != "/" }.lowercased()
            guard !key.isEmpty else { break }
            rest = rest.dropFirst(key.count).drop { $0.isWhitespace }
            guard rest.first == "=" else {
                attributes[key] = ""
                continue
            }
            rest = rest.dropFirst().drop { $0.isWhitespace }
            if let q = rest.first, q == "\"" || q == "'" {
                let value = rest.dropFirst().prefix { $0 != q }
                attributes[key] = HTMLEntities.decode(String(value))
                rest = rest.dropFirst(value.count + 2)
            } else {
                let value = rest.prefix { !$0.isWhitespace }
                attributes[key] = String(value)
                rest = rest.dropFirst(value.count)
            }
        }
        return (name, closing, selfClosing, attributes)
    }

    private static func matches(_ chars: [Unicode.Scalar], _ at: Int, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard at + w.count <= chars.count else { return false }
        return (0..<w.count).allSatisfy { chars[at + $0] == w[$0] }
    }

    private static func find(_ chars: [Unicode.Scalar], _ word: String, from: Int, caseInsensitive: Bool = false) -> Int? {
        let w = Array((caseInsensitive ? word.lowercased() : word).unicodeScalars)
        var i = from
        while i + w.count <= chars.count {
            if (0..<w.count).allSatisfy({ k in
                let c = chars[i + k]
                return (caseInsensitive && c.isASCII ? Unicode.Scalar(UInt8(truncatingIfNeeded: c.value).lowercasedASCII) : c) == w[k]
            }) {
                return i
            }
            i += 1
        }
        return nil
    }

    private static func count(newlinesIn chars: [Unicode.Scalar], _ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        return chars[from..<min(to, chars.count)].reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    }
}

extension UInt8 {
    fileprivate var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
}

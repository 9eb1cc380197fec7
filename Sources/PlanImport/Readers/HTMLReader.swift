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

    /// Walks the page's UTF-8 bytes (markup is ASCII): a `String` is made once per text run and per tag.
    static func tokenize(_ html: String, _ emit: (HTMLToken) throws -> Void) throws {
        let bytes = Array(html.utf8)
        var i = 0
        var line = 1
        var textStart = 0
        var textLine = 1
        func flush(upTo end: Int) throws {
            if textStart < end {
                try emit(.text(HTMLEntities.decode(String(decoding: bytes[textStart..<end], as: UTF8.self)), line: textLine))
            }
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\n") {
                line += 1
                i += 1
                continue
            }
            guard c == UInt8(ascii: "<"), i + 1 < bytes.count else {
                i += 1
                continue
            }
            let next = bytes[i + 1]
            guard next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || isLetter(next) else {
                i += 1
                continue
            }
            try flush(upTo: i)
            if matches(bytes, i, "<!--") {
                let end = find(bytes, "-->", from: i + 4).map { $0 + 3 } ?? bytes.count
                line += newlines(in: bytes, i, end)
                i = end
            } else {
                let end = tagEnd(bytes, from: i + 1)
                let tag = bytes[(i + 1)..<end]
                let tagLine = line
                line += newlines(in: bytes, i, end)
                i = min(end + 1, bytes.count)
                if let parsed = parse(tag) {
                    if parsed.closing {
                        try emit(.close(name: parsed.name, line: tagLine))
                    } else {
                        try emit(.open(name: parsed.name, attributes: parsed.attributes, line: tagLine))
                        if skipped.contains(parsed.name), !parsed.selfClosing {
                            // Skip to the matching close tag, not through nested markup.
                            let close = find(bytes, "</" + parsed.name, from: i, caseInsensitive: true) ?? bytes.count
                            line += newlines(in: bytes, i, close)
                            i = close
                        }
                    }
                }
            }
            textStart = i
            textLine = line
        }
        try flush(upTo: bytes.count)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) }

    /// The index of the tag's ">", skipping quoted attribute values.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        var quote: UInt8?
        while i < bytes.count {
            let c = bytes[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return i
            }
            i += 1
        }
        return bytes.count
    }

    /// The attributes the document builder reads; others are skipped without making strings of them.
    private static let keptAttributes = ["colspan", "rowspan"].map { Array($0.utf8) }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == 0x0C
    }

    /// A tag's name and the attributes kept, from its bytes between "<" and ">".
    private static func parse(_ tag: ArraySlice<UInt8>) -> (name: String, closing: Bool, selfClosing: Bool, attributes: [String: String])? {
        var i = tag.startIndex
        var end = tag.endIndex
        let closing = i < end && tag[i] == UInt8(ascii: "/")
        if closing { i += 1 }
        if i < end, tag[i] == UInt8(ascii: "!") || tag[i] == UInt8(ascii: "?") { return nil }
        let selfClosing = end > i && tag[end - 1] == UInt8(ascii: "/")
        if selfClosing { end -= 1 }
        let nameStart = i
        while i < end, !isSpace(tag[i]), tag[i] != UInt8(ascii: "/") { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(decoding: tag[nameStart..<i].map(\.lowercasedASCII), as: UTF8.self)
        var attributes: [String: String] = [:]
        while i < end {
            while i < end, isSpace(tag[i]) || tag[i] == UInt8(ascii: "/") { i += 1 }
            let keyStart = i
            while i < end, !isSpace(tag[i]), tag[i] != UInt8(ascii: "="), tag[i] != UInt8(ascii: "/") { i += 1 }
            guard i > keyStart else { break }
            let key = tag[keyStart..<i].map(\.lowercasedASCII)
            while i < end, isSpace(tag[i]) { i += 1 }
            guard i < end, tag[i] == UInt8(ascii: "=") else { continue }
            i += 1
            while i < end, isSpace(tag[i]) { i += 1 }
            var valueRange = i..<i
            if i < end, tag[i] == UInt8(ascii: "\"") || tag[i] == UInt8(ascii: "'") {
                let quote = tag[i]
                i += 1
                let valueStart = i
                while i < end, tag[i] != quote { i += 1 }
                valueRange = valueStart..<i
                if i < end { i += 1 }
            } else {
                let valueStart = i
                while i < end, !isSpace(tag[i]) { i += 1 }
                valueRange = valueStart..<i
            }
            if let kept = keptAttributes.first(where: { $0 == key }) {
                attributes[String(decoding: kept, as: UTF8.self)] = HTMLEntities.decode(String(decoding: tag[valueRange], as: UTF8.self))
            }
        }
        return (name, closing, selfClosing, attributes)
    }

    private static func matches(_ bytes: [UInt8], _ at: Int, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard at + w.count <= bytes.count else { return false }
        return (0..<w.count).allSatisfy { bytes[at + $0] == w[$0] }
    }

    private static func find(_ bytes: [UInt8], _ word: String, from: Int, caseInsensitive: Bool = false) -> Int? {
        let w = Array((caseInsensitive ? word.lowercased() : word).utf8)
        guard let first = w.first else { return from }
        var i = from
        while i + w.count <= bytes.count {
            let c = caseInsensitive ? bytes[i].lowercasedASCII : bytes[i]
            if c == first, (1..<w.count).allSatisfy({ k in (caseInsensitive ? bytes[i + k].lowercasedASCII : bytes[i + k]) == w[k] }) {
                return i
            }
            i += 1
        }
        return nil
    }

    private static func newlines(in bytes: [UInt8], _ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        var count = 0
        for k in from..<min(to, bytes.count) where bytes[k] == UInt8(ascii: "\n") { count += 1 }
        return count
    }
}

extension UInt8 {
    fileprivate var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
}

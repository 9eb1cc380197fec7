/// A non-validating XML scanner over the bytes of one Office part, feeding an `XMLPartHandler`.
///
/// It reads what Office parts use — the XML declaration, processing instructions, comments, elements,
/// attributes in either quote, text, CDATA, the five predefined entities and character references — and
/// refuses a DOCTYPE: Office parts never have one, and without a DTD no entity can expand. Text and attribute
/// values have their line ends normalized as XML requires (CR LF and CR become LF; in attribute values, tabs
/// and line ends become spaces). Input must be UTF-8 (see `utf8(_:)` for UTF-16); invalid UTF-8 and characters
/// XML forbids (most C0 controls) are malformed. Not checked, since no Office writer gets them wrong and
/// reading does not depend on them: duplicate attributes, `--` inside comments, and which non-ASCII characters
/// may appear in names.
///
/// Element names are matched as bytes against the handler's `Element` cases, never made `String`s; attribute
/// values become `String`s when the handler asks for them, text only when the handler `wantsText`.
enum XMLScanner {
    enum Failure: Error {
        /// Not well-formed XML; `offset` is where scanning stopped (see `location(of:in:)`).
        case malformed(offset: Int)
        /// A DOCTYPE declaration starts at `offset`.
        case doctype(offset: Int)
        /// The start tag at `offset` nests deeper than `ReaderLimits.maxXMLDepth`.
        case tooDeep(offset: Int)
        /// The handler threw.
        case handler(ImportError)
    }

    /// Scans a whole part, sending its events to `handler`.
    static func scan<Handler: XMLPartHandler>(_ bytes: [UInt8], into handler: inout Handler) throws(Failure) {
        // Over a buffer pointer rather than the array: no bounds checks or reference counting per byte and per
        // tag in release builds. The scanner checks its offsets against `bytes.count` before every read (and
        // debug builds, the tests', check each read too).
        try bytes.withUnsafeBufferPointer { (bytes) throws(Failure) in
            var scan = Scan(bytes: bytes, handler: handler)
            defer { handler = scan.handler }
            try scan.run()
        }
    }

    /// The line and column of a byte offset, both 1-based; columns count characters (Unicode scalars), not
    /// bytes, so they match what an editor shows for Chinese text. An error found at a byte is reported
    /// there; an end tag or entity reference is judged once read whole, so one that does not match or is
    /// unknown is reported just past it.
    static func location(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var (line, column) = (1, 1)
        for i in startOffset(bytes)..<min(offset, bytes.count) {
            let byte = bytes[i]
            if byte == .lf || (byte == .cr && (i + 1 == bytes.count || bytes[i + 1] != .lf)) {
                (line, column) = (line + 1, 1)
            } else if byte & 0xC0 != 0x80 {  // not a UTF-8 continuation byte
                column += 1
            }
        }
        return (line, column)
    }

    /// A part's bytes as UTF-8. Open XML also allows UTF-16, which no common writer uses; a part starting with
    /// a UTF-16 byte order mark is transcoded (the mark becomes a UTF-8 one).
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        let mark = bytes.prefix(2)
        guard mark.elementsEqual([0xFE, 0xFF]) || mark.elementsEqual([0xFF, 0xFE]) else { return bytes }
        let (high, low) = bytes[0] == 0xFE ? (0, 1) : (1, 0)
        let units = stride(from: 0, to: bytes.count - 1, by: 2).map { (i: Int) -> UInt16 in
            UInt16(bytes[i + high]) << 8 | UInt16(bytes[i + low])
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Past a UTF-8 byte order mark.
    fileprivate static func startOffset(_ bytes: some Collection<UInt8>) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }
}

/// The state of one scan.
private struct Scan<Handler: XMLPartHandler> {
    typealias Failure = XMLScanner.Failure

    let bytes: UnsafeBufferPointer<UInt8>
    var handler: Handler
    var index: Int
    /// The handler's elements, shortest name first, and their names' bytes one after the other. The names
    /// `n` bytes long are at `byLength[n]..<byLength[n + 1]`: a tag is compared with those only.
    let elements = Handler.Element.allCases.sorted { $0.rawValue.utf8.count < $1.rawValue.utf8.count }
    let elementNames: [Range<Int>]
    let elementBytes: [UInt8]
    let byLength: [Int]
    /// The open elements: their qualified names' bytes (an end tag must repeat them) and what they are to the
    /// handler.
    var open: [(name: Range<Int>, element: Handler.Element?)] = []
    /// The current start tag's attributes, reused from tag to tag.
    var attributes: [XMLAttributes.Attribute] = []

    init(bytes: UnsafeBufferPointer<UInt8>, handler: Handler) {
        self.bytes = bytes
        self.handler = handler
        index = XMLScanner.startOffset(bytes)
        var names: [Range<Int>] = []
        var nameBytes: [UInt8] = []
        for element in elements {
            nameBytes += element.rawValue.utf8
            names.append(nameBytes.count - element.rawValue.utf8.count..<nameBytes.count)
        }
        (elementNames, elementBytes) = (names, nameBytes)
        byLength = (0...(names.last?.count ?? 0) + 1).map { n in names.firstIndex { $0.count >= n } ?? names.count }
    }

    mutating func run() throws(Failure) {
        var sawRoot = false
        while index < bytes.count {
            guard bytes[index] == .lessThan else {
                if open.isEmpty {
                    // Outside the root element only white space may stand between the markup.
                    guard bytes[index].isXMLSpace else { throw .malformed(offset: index) }
                    index += 1
                } else {
                    try text()
                }
                continue
            }
            switch byte(at: index + 1) {
            case UInt8(ascii: "/"): try endTag()
            case UInt8(ascii: "?"): try processingInstruction()
            case UInt8(ascii: "!"):
                if has("<!--") {
                    index += 4
                    try skip(past: "-->")
                } else if has("<![CDATA["), !open.isEmpty {
                    try cdata()
                } else if has("<!DOCTYPE") {
                    throw .doctype(offset: index)
                } else {
                    throw .malformed(offset: index + 2)
                }
            default:
                if open.isEmpty {
                    guard !sawRoot else { throw .malformed(offset: index) }  // a second root element
                    sawRoot = true
                }
                try startTag()
            }
        }
        // An empty part, or one ending inside an element.
        guard sawRoot, open.isEmpty else { throw .malformed(offset: bytes.count) }
    }

    // MARK: Markup

    mutating func startTag() throws(Failure) {
        let tagStart = index
        index += 1
        let (name, local) = try self.name()
        guard open.count < ReaderLimits.maxXMLDepth else { throw .tooDeep(offset: tagStart) }
        if !attributes.isEmpty { attributes.removeAll(keepingCapacity: true) }
        var empty = false
        while true {
            let spaced = skipSpace()
            if byte == .greaterThan {
                index += 1
                break
            }
            if byte == .slash {
                index += 1
                try expect(.greaterThan)
                empty = true
                break
            }
            // Attributes are separated from the name and from each other by white space.
            guard spaced else { throw .malformed(offset: index) }
            let (_, attributeName) = try self.name()
            skipSpace()
            try expect(.equals)
            skipSpace()
            guard let quote = byte, quote == .quote || quote == .apostrophe else { throw .malformed(offset: index) }
            index += 1
            let value = try characterData(until: quote)
            try expect(quote)
            attributes.append(XMLAttributes.Attribute(name: attributeName, value: value))
        }
        let element = self.element(named: local)
        open.append((name, element))
        // (A tag without attributes passes the shared empty array: no reference counting.)
        let attributes = XMLAttributes(bytes: bytes, list: attributes.isEmpty ? [] : attributes)
        do throws(ImportError) { try handler.didStart(element, attributes: attributes) } catch { throw .handler(error) }
        if empty {
            open.removeLast()
            do throws(ImportError) { try handler.didEnd(element) } catch { throw .handler(error) }
        }
    }

    mutating func endTag() throws(Failure) {
        index += 2
        // The name must be the open element's: compared directly rather than scanned as a name.
        if let element = open.last, hasName(element.name) {
            index += element.name.count
            skipSpace()
            try expect(.greaterThan)
            open.removeLast()
            do throws(ImportError) { try handler.didEnd(element.element) } catch { throw .handler(error) }
            return
        }
        _ = try name()
        skipSpace()
        try expect(.greaterThan)
        throw .malformed(offset: index)  // an end tag closing no open element, reported past it
    }

    /// Whether the name at `index` is the one at `range`.
    @inline(__always)
    func hasName(_ range: Range<Int>) -> Bool {
        let end = index + range.count
        return end < bytes.count && bytes[index..<end].elementsEqual(bytes[range])
            && !(bytes[end].isNameCharacter || bytes[end] == .colon)
    }

    /// The handler's element with this local name, if any.
    @inline(__always)
    func element(named local: Range<Int>) -> Handler.Element? {
        guard local.count + 1 < byLength.count else { return nil }
        for k in byLength[local.count]..<byLength[local.count + 1] {
            let name = elementNames[k]
            var offset = 0
            while offset < name.count, elementBytes[name.lowerBound + offset] == bytes[local.lowerBound + offset] {
                offset += 1
            }
            if offset == name.count { return elements[k] }
        }
        return nil
    }

    /// A processing instruction, the XML declaration among them: a target name, then anything up to `?>`.
    mutating func processingInstruction() throws(Failure) {
        index += 2
        _ = try name()
        try skip(past: "?>")
    }

    mutating func cdata() throws(Failure) {
        index += 9
        let content = index
        try skip(past: "]]>")
        guard handler.wantsText else { return }
        var text: [UInt8] = []
        var i = content
        while i < index - 3 {
            if bytes[i] == .cr {
                text.append(.lf)
                if bytes[i + 1] == .lf { i += 1 }  // within the content or on its closing "]"
            } else {
                text.append(bytes[i])
            }
            i += 1
        }
        let string = String(decoding: text, as: UTF8.self)
        do throws(ImportError) { try handler.didFind(text: string) } catch { throw .handler(error) }
    }

    mutating func text() throws(Failure) {
        let text = try characterData(until: .lessThan)
        guard handler.wantsText else { return }
        let string = text.string(in: bytes)
        do throws(ImportError) { try handler.didFind(text: string) } catch { throw .handler(error) }
    }

    // MARK: Characters

    /// A name's bytes and the part of them after its namespace prefix, if any ("w:p" → "p").
    mutating func name() throws(Failure) -> (name: Range<Int>, local: Range<Int>) {
        let first = index
        var (i, localStart) = (index, index)
        while i < bytes.count {
            let byte = bytes[i]
            if byte.isNameStart || (i > first && byte.isNameCharacter) {
                i += try byte < 0x80 ? 1 : characterLength(at: i)
            } else if byte == .colon {
                i += 1
                localStart = i
            } else {
                break
            }
        }
        index = i
        guard index > localStart else { throw .malformed(offset: index) }
        return (first..<index, localStart..<index)
    }

    /// Text or an attribute value up to `stop` (`<`, or the closing quote), which is not consumed. The bytes
    /// are kept as a range when they are the value as they are, else decoded: references replaced, line
    /// ends normalized.
    mutating func characterData(until stop: UInt8) throws(Failure) -> CharacterData {
        let isAttribute = stop != .lessThan
        var isDecoded = false
        var decoded: [UInt8] = []  // the value up to `run`, once something had to be decoded
        var run = index  // the start of the bytes not yet copied into `decoded`
        while index < bytes.count {
            // Plain characters first, in a tight loop.
            var i = index
            while i < bytes.count {
                let byte = bytes[i]
                if byte >= 0x80 {  // most of a Chinese document's bytes
                    i += try characterLength(at: i)
                } else if byte >= 0x20, byte != stop, byte != .ampersand, byte != .lessThan, byte != UInt8(ascii: "]") {
                    i += 1
                } else {
                    break
                }
            }
            index = i
            guard let byte, byte != stop else { break }
            switch byte {
            case .ampersand:
                decoded += bytes[run..<index]
                decoded += try reference().utf8
                (isDecoded, run) = (true, index)
            case .cr, .lf, .tab:
                // Text only has CR rewritten (CR LF and CR become LF); values have all three made spaces.
                guard byte == .cr || isAttribute else {
                    index += 1
                    continue
                }
                decoded += bytes[run..<index]
                decoded.append(isAttribute ? .space : .lf)
                index += byte == .cr && self.byte(at: index + 1) == .lf ? 2 : 1
                (isDecoded, run) = (true, index)
            case .lessThan:  // in an attribute value
                throw .malformed(offset: index)
            case UInt8(ascii: "]") where !isAttribute && has("]]>"):
                throw .malformed(offset: index)
            case ..<0x20:  // C0 controls other than tab and the line ends are not XML characters
                throw .malformed(offset: index)
            default:
                index += 1
            }
        }
        guard isDecoded else { return .bytes(run..<index) }
        decoded += bytes[run..<index]
        return .decoded(String(decoding: decoded, as: UTF8.self))
    }

    /// A reference, `&` through `;`: one of the five predefined entities or a character reference.
    mutating func reference() throws(Failure) -> String {
        index += 1
        if byte == .hash {
            index += 1
            let hex = byte == UInt8(ascii: "x")
            if hex { index += 1 }
            var value: UInt32 = 0
            let digits = index
            while let byte, let digit = byte.digitValue(hex: hex) {
                value = min(value * (hex ? 16 : 10) + digit, 0x110000)  // capped: anything above is refused anyway
                index += 1
            }
            guard index > digits else { throw .malformed(offset: index) }
            try expect(.semicolon)
            guard let scalar = Unicode.Scalar(value), scalar.isXMLCharacter else { throw .malformed(offset: index) }
            return String(scalar)
        }
        let name = index
        while let byte, byte < 0x80, byte.isNameCharacter { index += 1 }
        let entity = bytes[name..<index]
        try expect(.semicolon)
        for (known, text) in predefinedEntities where known.elementsEqual(entity) { return text }
        throw .malformed(offset: index)
    }

    /// Moves past one character XML allows, or throws.
    mutating func character() throws(Failure) {
        guard let byte else { throw .malformed(offset: index) }
        if byte < 0x80 {
            // C0 controls other than tab and the line ends are not XML characters.
            guard byte >= 0x20 || byte == .tab || byte == .lf || byte == .cr else { throw .malformed(offset: index) }
            index += 1
        } else {
            index += try characterLength(at: index)
        }
    }

    /// The length of the UTF-8 sequence at `index`, when it encodes a character XML allows.
    @inline(__always)
    func characterLength(at index: Int) throws(Failure) -> Int {
        // The second byte's range depends on the lead byte (RFC 3629's table): this rules out overlong forms,
        // surrogates and values above U+10FFFF.
        let lead = bytes[index]
        let (length, second): (Int, ClosedRange<UInt8>)
        switch lead {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xE1...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        default: throw .malformed(offset: index)
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { throw .malformed(offset: index) }
        for k in 2..<length where bytes[index + k] & 0xC0 != 0x80 { throw .malformed(offset: index) }
        // XML also excludes U+FFFE and U+FFFF.
        guard lead != 0xEF || bytes[index + 1] != 0xBF || bytes[index + 2] < 0xBE else {
            throw .malformed(offset: index)
        }
        return length
    }

    /// Moves past `terminator`, checking the characters before it.
    mutating func skip(past terminator: StaticString) throws(Failure) {
        while !has(terminator) { try character() }
        index += terminator.utf8CodeUnitCount
    }

    @discardableResult
    mutating func skipSpace() -> Bool {
        let before = index
        while byte?.isXMLSpace == true { index += 1 }
        return index > before
    }

    mutating func expect(_ expected: UInt8) throws(Failure) {
        guard byte == expected else { throw .malformed(offset: index) }
        index += 1
    }

    @inline(__always)
    var byte: UInt8? { byte(at: index) }

    @inline(__always)
    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    @inline(__always)
    func has(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return UnsafeBufferPointer(start: literal.utf8Start, count: count).elementsEqual(bytes[index..<index + count])
    }
}

private let predefinedEntities: [(name: [UInt8], text: String)] = [
    (Array("lt".utf8), "<"), (Array("gt".utf8), ">"), (Array("amp".utf8), "&"), (Array("apos".utf8), "'"),
    (Array("quot".utf8), "\""),
]

/// Text or an attribute value: a range of the part's bytes, or the decoded value when it had references or
/// line ends to normalize.
private enum CharacterData {
    case bytes(Range<Int>)
    case decoded(String)

    func string(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .bytes(let range): String(decoding: bytes[range], as: UTF8.self)
        case .decoded(let text): text
        }
    }
}

/// The attributes of one start tag, looked up by local name (`r:id` is "id"); a value becomes a `String` only
/// when asked for. It points into the scanner's buffer: read it during `didStart` only.
struct XMLAttributes {
    fileprivate struct Attribute {
        let name: Range<Int>
        let value: CharacterData
    }

    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let list: [Attribute]

    subscript(name: String) -> String? {
        for attribute in list where bytes[attribute.name].elementsEqual(name.utf8) {
            return attribute.value.string(in: bytes)
        }
        return nil
    }
}

extension Unicode.Scalar {
    /// XML 1.0's `Char`: tab, the line ends and everything from U+0020 except surrogates, U+FFFE and U+FFFF.
    fileprivate var isXMLCharacter: Bool {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let lf = UInt8(ascii: "\n")
    fileprivate static let cr = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let apostrophe = UInt8(ascii: "'")
    fileprivate static let hash = UInt8(ascii: "#")
    fileprivate static let ampersand = UInt8(ascii: "&")
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let semicolon = UInt8(ascii: ";")
    fileprivate static let lessThan = UInt8(ascii: "<")
    fileprivate static let equals = UInt8(ascii: "=")
    fileprivate static let greaterThan = UInt8(ascii: ">")

    fileprivate var isXMLSpace: Bool { self == .space || self == .tab || self == .lf || self == .cr }

    /// A byte that may start a name: an ASCII letter, `_`, or (loosely) any non-ASCII character. The colon
    /// is handled by `name()`.
    fileprivate var isNameStart: Bool {
        (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") || self == UInt8(ascii: "_")
            || self >= 0x80
    }

    fileprivate var isNameCharacter: Bool {
        isNameStart || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || self == UInt8(ascii: "-")
            || self == UInt8(ascii: ".")
    }

    fileprivate func digitValue(hex: Bool) -> UInt32? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(self - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(self - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(self - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// JSON written directly, member by member, with strings escaped as Foundation's `JSONEncoder` escapes them
/// (`.withoutEscapingSlashes`). For what a batch write encodes once per change — audit entries, the rows
/// handed to PostgreSQL as one parameter — where Foundation's encoder took a quarter to a half of the time
/// (BENCHMARKS.md). Tests hold its text to `JSONEncoder`'s.
struct JSONObjectText {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]

    init() {
        bytes.reserveCapacity(256)
    }

    /// A string member; none when `string` is nil, as `JSONEncoder` leaves out nil.
    mutating func add(_ key: String, _ string: String?) {
        guard let string else { return }
        member(key)
        Self.appendQuoted(string, to: &bytes)
    }

    /// An integer member; none when `number` is nil.
    mutating func add(_ key: String, number: (some BinaryInteger)?) {
        guard let number else { return }
        member(key)
        bytes.append(contentsOf: String(number).utf8)
    }

    var text: String {
        String(decoding: bytes + [UInt8(ascii: "}")], as: UTF8.self)
    }

    /// `objects` (JSON texts) as a JSON array.
    static func array(_ objects: some Sequence<String>) -> String {
        "[" + objects.joined(separator: ",") + "]"
    }

    private mutating func member(_ key: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendQuoted(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case ..<0x20:
                bytes.append(contentsOf: Array(#"\u00"#.utf8))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

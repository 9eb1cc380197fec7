/// Character references in page text: the named ones Chinese government pages use, and numeric ones.
enum HTMLEntities {
    private static let named: [String: String] = [
        "nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ", "lt": "<", "gt": ">", "amp": "&", "quot": "\"",
        "apos": "'", "middot": "·", "mdash": "—", "ndash": "–", "ldquo": "“", "rdquo": "”", "lsquo": "‘",
        "rsquo": "’", "hellip": "…", "le": "≤", "ge": "≥", "times": "×", "permil": "‰", "deg": "°", "plusmn": "±",
        "bull": "•", "yen": "¥", "copy": "©",
    ]

    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            // A reference is short and ends with ";"; anything else is a literal "&".
            guard let semicolon = after.prefix(10).firstIndex(of: ";"),
                let decoded = reference(String(after[..<semicolon]))
            else {
                result += "&"
                rest = after
                continue
            }
            result += decoded
            rest = after[after.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func reference(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            // NUL, surrogates and out-of-range values are not characters.
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
        return named[name.lowercased()]
    }
}

import PlanCore

extension Observation {
    /// The observation as `StoreJSON.encode` writes it (keys sorted, nil fields left out), written out directly:
    /// every change in a batch keeps its value before and after in the audit log, encoded inside the write
    /// transaction, where Foundation's encoder took half of the single writer's time (BENCHMARKS.md). A test
    /// holds the two to the same text.
    var storeJSON: String {
        var object = JSONObjectText()
        object.add("comment", comment)
        object.add("evidence", evidence)
        object.add("id", number: id.map(String.init))
        object.add("indicator", indicator)
        object.add("indicatorID", number: indicatorID.map(String.init))
        object.add("regionCode", regionCode)
        object.add("status", status.rawValue)
        object.add("unit", unit)
        object.add("updatedAt", updatedAt)
        object.add("updatedBy", updatedBy)
        object.add("valueText", valueText)
        object.add("version", number: String(version))
        object.add("year", number: String(year))
        return object.text + "}"
    }
}

/// A JSON object written member by member, in the order added, with strings escaped as Foundation's
/// `JSONEncoder` escapes them (`.withoutEscapingSlashes`).
private struct JSONObjectText {
    private(set) var text = "{"

    mutating func add(_ key: String, _ string: String?) {
        guard let string else { return }
        member(key)
        Self.appendQuoted(string, to: &text)
    }

    /// A number, given as its JSON text.
    mutating func add(_ key: String, number: String?) {
        guard let number else { return }
        member(key)
        text += number
    }

    private mutating func member(_ key: String) {
        if text.utf8.count > 1 { text += "," }
        Self.appendQuoted(key, to: &text)
        text += ":"
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)

    private static func appendQuoted(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{8}": text += "\\b"
            case "\u{C}": text += "\\f"
            case _ where scalar.value < 0x20:
                text += "\\u00"
                text.unicodeScalars.append(hexDigits[Int(scalar.value >> 4)])
                text.unicodeScalars.append(hexDigits[Int(scalar.value & 0xF)])
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

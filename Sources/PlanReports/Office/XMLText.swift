extension String {
    /// The text as XML or HTML character data or a double-quoted attribute value: markup characters escaped,
    /// and the control characters XML 1.0 forbids (which Excel and Word refuse to open) dropped. The pages use
    /// it for attribute values, which Plot writes as given (it escapes text nodes only).
    public var xmlEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// The commonest target cell, a bare number with perhaps a sign before it, "%" or "‰" and a suffix word
/// after it ("80.77", "≥76", "＞92.5", "90%", "40以上"), or no target at all ("-"), read straight from its
/// UTF-8 bytes. It gives exactly what the full parser gives
/// (the seed fixture checks both ways) at a fraction of the cost; anything else falls through to the parser.
enum PlainNumber {
    static func parse(_ text: String) -> TargetExpression? {
        var text = text
        return text.withUTF8 { bytes -> TargetExpression? in
            // "", "-", "—", "/": no target.
            switch bytes.count {
            case 0: return TargetExpression.none
            case 1 where bytes[0] == 0x2D || bytes[0] == 0x2F: return TargetExpression.none
            case 3 where bytes[0] == 0xE2 && bytes[1] == 0x80 && bytes[2] == 0x94: return TargetExpression.none
            default: break
            }
            var i = 0
            var op = Comparison.Operator.reach
            if let (sign, length) = sign(bytes) {
                op = sign
                i = length
            }
            var mantissa = 0
            var decimals = 0
            var digits = 0
            var point = false
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x30 && b <= 0x39 {
                    guard digits < 15 else { return nil }
                    mantissa = mantissa * 10 + Int(b - 0x30)
                    digits += 1
                    if point { decimals += 1 }
                } else if b == 0x2E, !point, digits > 0 {
                    point = true
                } else {
                    break
                }
                i += 1
            }
            guard digits > 0, !(point && decimals == 0) else { return nil }
            var unit: String?
            if i < bytes.count, bytes[i] == 0x25 {
                unit = "%"
                i += 1
            } else if bytes.count - i >= 3, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0xB0 {
                unit = "‰"
                i += 3
            }
            if i < bytes.count {
                // "40以上", "7以下", "28左右": a suffix word, unless a sign already said how to compare.
                guard op == .reach, let suffix = suffixes.first(where: { $0.bytes.elementsEqual(bytes[i...]) }) else {
                    return nil
                }
                op = suffix.op
            }
            guard let value = ScalarText.double(mantissa: mantissa, decimals: decimals) else { return nil }
            return .comparison(Comparison(op: op, value: value, unit: unit))
        }
    }

    private static let suffixes: [(bytes: [UInt8], op: Comparison.Operator)] = [
        (Array("以上".utf8), .atLeast), (Array("以下".utf8), .atMost), (Array("以内".utf8), .atMost),
        (Array("左右".utf8), .about),
    ]

    /// A comparison sign at the start: > >= < <= ≥ ≤ ≧ ≦ ＞ ＜, and its length in bytes.
    private static func sign(_ b: UnsafeBufferPointer<UInt8>) -> (Comparison.Operator, Int)? {
        guard let first = b.first else { return nil }
        switch first {
        case 0x3E: return b.count > 1 && b[1] == 0x3D ? (.atLeast, 2) : (.greaterThan, 1)
        case 0x3C: return b.count > 1 && b[1] == 0x3D ? (.atMost, 2) : (.lessThan, 1)
        case 0xE2 where b.count >= 3 && b[1] == 0x89:
            switch b[2] {
            case 0xA5, 0xA7: return (.atLeast, 3)  // ≥ ≧
            case 0xA4, 0xA6: return (.atMost, 3)  // ≤ ≦
            default: return nil
            }
        case 0xEF where b.count >= 3 && b[1] == 0xBC:
            switch b[2] {
            case 0x9E: return (.greaterThan, 3)  // ＞
            case 0x9C: return (.lessThan, 3)  // ＜
            default: return nil
            }
        default: return nil
        }
    }
}

/// How a target cell divides into clauses and pieces, as ranges of one `ScalarText`.
extension ScalarText {
    /// `range` without surrounding spaces and the punctuation that ends a cell ("。", "；").
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        func isEdge(_ s: Unicode.Scalar) -> Bool {
            switch s {
            case " ", "\n", "\r", ";", ",", "。", "、", ":": true
            default: false
            }
        }
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, isEdge(self[lo]) { lo += 1 }
        while hi > lo, isEdge(self[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// Splits at "；", "。", "，", line breaks, a free-standing "/" and spaces between two numbered parts
    /// ("高血压57.6 糖尿病63.8"). A space inside one part ("≥ 90") does not split it.
    func clauses(in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        func flush(_ end: Int) {
            let clause = trimmed(start..<end)
            if !clause.isEmpty { result.append(clause) }
        }
        var i = range.lowerBound
        while i < range.upperBound {
            let s = self[i]
            var splits = false
            switch s {
            case ";", "。", "\n", "\r": splits = true
            case ",": splits = !isThousandsComma(at: i)
            case "/": splits = !(i + 1 < range.upperBound && Self.isDigit(self[i + 1]))
            case " ":
                let next = skipSpaces(from: i, limit: range.upperBound)
                let before = skipSpacesBackward(from: i, floor: start)
                if before > start, scalars[start..<before].contains(where: Self.isDigit),
                    !Self.isSymbol(self[before - 1]), chunkHasDigit(from: next, limit: range.upperBound)
                {
                    flush(i)
                    start = next
                }
                i = next
                continue
            default: break
            }
            if splits {
                flush(i)
                start = i + 1
            }
            i += 1
        }
        flush(range.upperBound)
        return result
    }

    /// Whether the words from `i` to the next space or separator hold a digit.
    private func chunkHasDigit(from i: Int, limit: Int) -> Bool {
        var j = i
        while j < limit, !Self.isSpace(self[j]) {
            switch self[j] {
            case ";", ",", "。", "/": return false
            default: if Self.isDigit(self[j]) { return true }
            }
            j += 1
        }
        return false
    }

    func split(_ range: Range<Int>, at separators: Vocabulary<Void>) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            if let s = longestMatch(separators, at: i) {
                if i > start { parts.append(start..<i) }
                i += s.length
                start = i
            } else {
                i += 1
            }
        }
        if range.upperBound > start { parts.append(start..<range.upperBound) }
        return parts
    }

    /// The words naming what a value is of, as written, or nil when there are none.
    func label(_ range: Range<Int>) -> String? {
        func isConnective(_ s: Unicode.Scalar) -> Bool {
            switch s {
            case " ", ":", "在", "为", ",", ";", "。", "、": true
            default: false
            }
        }
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, isConnective(self[lo]) { lo += 1 }
        while hi > lo, isConnective(self[hi - 1]) { hi -= 1 }
        return lo < hi ? string(lo..<hi) : nil
    }

    static func isSymbol(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "≥", "≤", ">", "<", "=", "~": true
        default: false
        }
    }

    static func isRangeSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "-", "~", "至", "到": true
        default: false
        }
    }
}

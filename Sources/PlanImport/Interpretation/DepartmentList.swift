/// Splits a list of departments as plans write it ("市环保局、市水利局", "县卫计局，县教育局") on 、，,；;
/// and spaces, but not inside parentheses: "市委农办（市农业局）" is one department.
enum DepartmentList {
    static func split(_ text: String) -> [String] {
        var names: [String] = []
        var current = String.UnicodeScalarView()
        var depth = 0
        // Scalars, not Characters: comparing Characters goes through string comparison and was an eighth of
        // the time to import a seed.
        for scalar in text.unicodeScalars {
            switch scalar {
            case "（", "(":
                depth += 1
                current.append(scalar)
            case "）", ")":
                depth = max(0, depth - 1)
                current.append(scalar)
            case "、", "，", ",", "；", ";", " ", "\u{3000}", "\n":
                if depth > 0 {
                    current.append(scalar)
                } else {
                    if !current.isEmpty { names.append(String(current)) }
                    current = String.UnicodeScalarView()
                }
            default:
                current.append(scalar)
            }
        }
        if !current.isEmpty { names.append(String(current)) }
        return names.map { $0.trimmingPunctuation() }.filter { !$0.isEmpty && $0 != "-" && $0 != "—" }
    }
}

extension String {
    /// Without surrounding spaces and the full stops and colons that end a phrase.
    func trimmingPunctuation() -> String {
        func isEdge(_ s: Unicode.Scalar) -> Bool {
            switch s {
            case " ", "\u{3000}", "\t", "。", "．", "，", ",", "；", ";", "：", ":", "、": true
            default: false
            }
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isEdge($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isEdge($0) })!
        return String(self[first...last])
    }
}

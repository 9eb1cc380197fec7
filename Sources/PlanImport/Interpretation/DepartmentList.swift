/// Splits a list of departments as plans write it ("市环保局、市水利局", "县卫计局，县教育局") on 、，,；;
/// and spaces, but not inside parentheses: "市委农办（市农业局）" is one department.
enum DepartmentList {
    static func split(_ text: String) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            switch c {
            case "（", "(":
                depth += 1
                current.append(c)
            case "）", ")":
                depth = max(0, depth - 1)
                current.append(c)
            case "、", "，", ",", "；", ";", " ", "\u{3000}", "\n":
                if depth > 0 {
                    current.append(c)
                } else {
                    if !current.isEmpty { names.append(current) }
                    current = ""
                }
            default:
                current.append(c)
            }
        }
        if !current.isEmpty { names.append(current) }
        return names.map { $0.trimmingPunctuation() }.filter { !$0.isEmpty && $0 != "-" && $0 != "—" }
    }
}

extension String {
    /// Without surrounding spaces and the full stops and colons that end a phrase.
    func trimmingPunctuation() -> String {
        let edge: Set<Character> = [" ", "\u{3000}", "\t", "。", "．", "，", ",", "；", ";", "：", ":", "、"]
        var s = Substring(self)
        while let f = s.first, edge.contains(f) { s = s.dropFirst() }
        while let l = s.last, edge.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

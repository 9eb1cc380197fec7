extension TargetExpression {
    /// The expression written back in one standard form ("≥76", "比2015年下降10%", "0.42；20.19").
    /// Parsing the canonical text gives the same expression back.
    public var canonicalText: String {
        switch self {
        case .comparison(let c):
            let number = NumberText.format(c.multiplier.map { c.value / $0 } ?? c.value)
                + (c.multiplier.map(Self.multiplierWord) ?? "") + Self.unitText(c.unit)
            let label = c.label ?? ""
            switch c.op {
            case .reach: return label + number
            case .about: return label + number + "左右"
            case .atLeast: return label + "≥" + number
            case .greaterThan: return label + ">" + number
            case .atMost: return label + "≤" + number
            case .lessThan: return label + "<" + number
            }
        case .range(let r):
            return (r.label ?? "") + NumberText.format(r.low) + "-" + NumberText.format(r.high) + Self.unitText(r.unit)
        case .relativeChange(let r):
            let reference: String =
                switch r.reference {
                case .previousYear: "较前一年"
                case .annualAverage: "年均"
                case .baseline: r.referenceYear.map { "比\($0)年" } ?? ""
                }
            let verb = r.change == .decrease ? "下降" : "提高"
            return (r.label ?? "") + reference + verb + (r.percent.map { NumberText.format($0) + "%" } ?? "")
        case .trend(let t):
            switch t.expected {
            case .increase: return "持续提高"
            case .decrease: return "持续降低"
            case .maintain: return "保持"
            }
        case .externalReference(let text), .qualitative(let text), .unparsed(let text):
            return text
        case .compound(let parts):
            return parts.map(\.canonicalText).joined(separator: "；")
        case .none:
            return ""
        }
    }

    private static func multiplierWord(_ multiplier: Double) -> String {
        multiplier == 100_000_000 ? "亿" : "万"
    }

    private static func unitText(_ unit: String?) -> String {
        unit == "1/10万" ? "/10万" : unit ?? ""
    }
}

/// Numbers written for people: no trailing ".0", no exponent, at most six decimals.
public enum NumberText {
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        guard abs(value) < 9e12 else { return "\(value)" }
        let scaled = Int64((abs(value) * 1_000_000).rounded())
        let whole = String(scaled / 1_000_000)
        var fraction = scaled % 1_000_000
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard fraction != 0 else { return sign + whole }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        return sign + whole + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}

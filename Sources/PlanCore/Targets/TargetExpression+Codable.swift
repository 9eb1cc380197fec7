// The JSON form is one flat object with a `kind` and the kind's fields (DESIGN.md, "Plan JSON"):
// {"kind": "comparison", "op": ">", "value": 650000, "unit": null, "multiplier": 10000}.
extension TargetExpression: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, op, value, unit, multiplier, label, low, high
        case change, percent, reference, referenceYear, expected, parts, text
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .comparison(let comparison):
            try c.encode(comparison.op, forKey: .op)
            try c.encode(comparison.value, forKey: .value)
            try c.encode(comparison.unit, forKey: .unit)
            try c.encode(comparison.multiplier, forKey: .multiplier)
            try c.encodeIfPresent(comparison.label, forKey: .label)
        case .range(let range):
            try c.encode(range.low, forKey: .low)
            try c.encode(range.high, forKey: .high)
            try c.encode(range.unit, forKey: .unit)
            try c.encodeIfPresent(range.label, forKey: .label)
        case .relativeChange(let change):
            try c.encode(change.change, forKey: .change)
            try c.encode(change.percent, forKey: .percent)
            try c.encode(change.reference, forKey: .reference)
            try c.encode(change.referenceYear, forKey: .referenceYear)
            try c.encodeIfPresent(change.label, forKey: .label)
        case .trend(let trend):
            try c.encode(trend.expected, forKey: .expected)
        case .externalReference(let text), .qualitative(let text):
            try c.encode(text, forKey: .expected)
        case .compound(let parts):
            try c.encode(parts, forKey: .parts)
        case .none:
            break
        case .unparsed(let text):
            try c.encode(text, forKey: .text)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "comparison":
            self = .comparison(
                Comparison(
                    op: try c.decode(Comparison.Operator.self, forKey: .op),
                    value: try c.decode(Double.self, forKey: .value),
                    unit: try c.decodeIfPresent(String.self, forKey: .unit),
                    multiplier: try c.decodeIfPresent(Double.self, forKey: .multiplier),
                    label: try c.decodeIfPresent(String.self, forKey: .label)))
        case "range":
            self = .range(
                ValueRange(
                    low: try c.decode(Double.self, forKey: .low),
                    high: try c.decode(Double.self, forKey: .high),
                    unit: try c.decodeIfPresent(String.self, forKey: .unit),
                    label: try c.decodeIfPresent(String.self, forKey: .label)))
        case "relativeChange":
            self = .relativeChange(
                RelativeChange(
                    change: try c.decode(RelativeChange.Change.self, forKey: .change),
                    percent: try c.decodeIfPresent(Double.self, forKey: .percent),
                    reference: try c.decodeIfPresent(RelativeChange.Reference.self, forKey: .reference) ?? .baseline,
                    referenceYear: try c.decodeIfPresent(Int.self, forKey: .referenceYear),
                    label: try c.decodeIfPresent(String.self, forKey: .label)))
        case "trend":
            self = .trend(Trend(expected: try c.decode(Trend.Expected.self, forKey: .expected)))
        case "externalReference":
            self = .externalReference(try c.decode(String.self, forKey: .expected))
        case "qualitative":
            self = .qualitative(try c.decode(String.self, forKey: .expected))
        case "compound":
            self = .compound(try c.decode([TargetExpression].self, forKey: .parts))
        case "none":
            self = .none
        case "unparsed":
            self = .unparsed(try c.decode(String.self, forKey: .text))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c, debugDescription: "unknown target expression kind \"\(kind)\"")
        }
    }
}

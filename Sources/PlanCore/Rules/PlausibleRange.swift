/// The values an indicator can plausibly take: a value outside is a typing mistake (99999999999999 ‰, -5 %)
/// and is refused where it enters. The office may set an indicator's own range; otherwise it follows from the
/// unit and the name.
public struct PlausibleRange: Sendable, Codable, Equatable, Hashable {
    public var low: Double?
    public var high: Double?

    public init(low: Double?, high: Double?) {
        self.low = low
        self.high = high
    }

    public func contains(_ value: Double) -> Bool {
        (low.map { value >= $0 } ?? true) && (high.map { value <= $0 } ?? true)
    }

    /// The range in words: "0–100", "不低于 0".
    public var text: String {
        switch (low, high) {
        case (let low?, let high?): "\(NumberText.format(low))–\(NumberText.format(high))"
        case (let low?, nil): "不低于 \(NumberText.format(low))"
        case (nil, let high?): "不高于 \(NumberText.format(high))"
        case (nil, nil): "不限"
        }
    }

    /// The default for a unit and name: a percentage 0–100 unless the name speaks of growth or change (which
    /// may be negative or above 100), a permillage 0–1000, a rate per 100,000 0–100000, an age 0–130; none
    /// for other units.
    public static func standard(unit: String?, name: String) -> PlausibleRange? {
        guard let unit else { return nil }
        switch unit {
        case "%", "％":
            return ["增长", "变化", "增幅", "增速", "下降", "降低", "减少"].contains(where: name.contains) ? nil : PlausibleRange(low: 0, high: 100)
        case "‰": return PlausibleRange(low: 0, high: 1000)
        case "岁": return PlausibleRange(low: 0, high: 130)
        default:
            return unit.hasSuffix("10万") ? PlausibleRange(low: 0, high: 100_000) : nil
        }
    }
}

extension Indicator {
    /// The range a value of this indicator is checked against: the office's own, else the default.
    public var checkedRange: PlausibleRange? {
        plausibleRange ?? PlausibleRange.standard(unit: unit, name: name)
    }
}

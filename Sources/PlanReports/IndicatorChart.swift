import Foundation

/// An indicator's course as an SVG line chart, drawn on the server so it works on offline intranets: the
/// baseline, the yearly targets as markers, and the actual values as a line. Text is XML-escaped.
public struct IndicatorChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public var unit: String?
    public var baseline: Point?
    public var targets: [Point]
    public var actuals: [Point]

    public init(unit: String?, baseline: Point?, targets: [Point], actuals: [Point]) {
        self.unit = unit
        self.baseline = baseline
        self.targets = targets
        self.actuals = actuals
    }

    static let width = 640.0
    static let height = 280.0
    static let margin = (left: 64.0, right: 24.0, top: 24.0, bottom: 40.0)

    /// The chart, or a short note in its place when there is nothing to draw.
    public func svg(title: String) -> String {
        let all = [baseline].compactMap { $0 } + targets + actuals
        guard let firstYear = all.map(\.year).min(), let lastYear = all.map(\.year).max() else {
            return #"<p class="chart-empty">暂无可绘制的数值</p>"#
        }
        let (low, high) = Self.valueRange(all.map(\.value))
        let plotWidth = Self.width - Self.margin.left - Self.margin.right
        let plotHeight = Self.height - Self.margin.top - Self.margin.bottom
        let yearSpan = Double(max(lastYear - firstYear, 1))
        func x(_ year: Int) -> Double {
            Self.margin.left + (lastYear == firstYear ? plotWidth / 2 : Double(year - firstYear) / yearSpan * plotWidth)
        }
        func y(_ value: Double) -> Double { Self.margin.top + (high - value) / (high - low) * plotHeight }

        var parts: [String] = []
        parts.append(
            #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" role="img" aria-labelledby="chart-title" class="chart">"#
        )
        parts.append(#"<title id="chart-title">\#(Self.escape(title))</title>"#)
        // Horizontal grid lines with their values, five steps.
        for step in 0...4 {
            let value = low + (high - low) * Double(step) / 4
            let lineY = Self.format(y(value))
            parts.append(
                #"<line x1="\#(Self.format(Self.margin.left))" x2="\#(Self.format(Self.width - Self.margin.right))" y1="\#(lineY)" y2="\#(lineY)" class="grid"/>"#
            )
            parts.append(
                #"<text x="\#(Self.format(Self.margin.left - 8))" y="\#(lineY)" class="axis" text-anchor="end" dominant-baseline="middle">\#(Self.label(value))</text>"#
            )
        }
        for year in firstYear...lastYear where lastYear - firstYear <= 15 || (year - firstYear) % 5 == 0 {
            parts.append(
                #"<text x="\#(Self.format(x(year)))" y="\#(Self.format(Self.height - 14))" class="axis" text-anchor="middle">\#(year)</text>"#
            )
        }
        if let unit, !unit.isEmpty {
            parts.append(#"<text x="8" y="14" class="axis">单位：\#(Self.escape(unit))</text>"#)
        }
        if let baseline {
            parts.append(
                #"<circle cx="\#(Self.format(x(baseline.year)))" cy="\#(Self.format(y(baseline.value)))" r="5" class="baseline"><title>基线 \#(baseline.year)：\#(Self.label(baseline.value))</title></circle>"#
            )
        }
        for target in targets {
            let cx = x(target.year)
            let cy = y(target.value)
            parts.append(
                #"<path d="M\#(Self.format(cx - 7)) \#(Self.format(cy)) h14 M\#(Self.format(cx)) \#(Self.format(cy - 7)) v14" class="target"><title>\#(target.year) 年目标：\#(Self.label(target.value))</title></path>"#
            )
        }
        let line = actuals.sorted { $0.year < $1.year }
        if line.count > 1 {
            let points = line.map { "\(Self.format(x($0.year))),\(Self.format(y($0.value)))" }.joined(separator: " ")
            parts.append(#"<polyline points="\#(points)" class="actual-line"/>"#)
        }
        for point in line {
            parts.append(
                #"<circle cx="\#(Self.format(x(point.year)))" cy="\#(Self.format(y(point.value)))" r="4" class="actual"><title>\#(point.year) 年实际：\#(Self.label(point.value))</title></circle>"#
            )
        }
        parts.append(
            #"<g class="legend" transform="translate(\#(Int(Self.width) - 230) 12)"><circle cx="0" cy="0" r="4" class="baseline"/><text x="8" y="4">基线</text><path d="M44 0 h12 M50 -6 v12" class="target"/><text x="60" y="4">目标</text><circle cx="104" cy="0" r="4" class="actual"/><text x="112" y="4">实际</text></g>"#
        )
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// A value range with some room above and below, never empty.
    static func valueRange(_ values: [Double]) -> (Double, Double) {
        guard let low = values.min(), let high = values.max() else { return (0, 1) }
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            return (low - pad, high + pad)
        }
        let pad = (high - low) * 0.1
        return (low - pad, high + pad)
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A value as people write it: at most two decimals, no trailing zeros.
    static func label(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

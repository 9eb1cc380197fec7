import Foundation
import PlanCore

/// A horizontal stacked bar per domain: how its indicator × region judgements split into 达标, 未达标,
/// 待判定 and 无数据, in that order from the left, in the status colours. As PNG for the Word report (no text
/// in the picture: the domain names and numbers are in the table beside it) and as SVG, with labels and
/// titles, for the HTML report.
struct DomainStatusChart {
    var domains: [GroupCounts]

    static let order: [Evaluation.Status] = [.met, .notMet, .needsReview, .noData]

    private func segments(_ counts: StatusCounts, width: Double) -> [(status: Evaluation.Status, x: Double, width: Double)] {
        let total = Double(max(counts.total, 1))
        var x = 0.0
        return Self.order.map { status in
            let w = Double(counts[status]) / total * width
            defer { x += w }
            return (status, x, w)
        }
    }

    func png(width: Int = 900, barHeight: Int = 26) -> PNGImage {
        let gap = 12, margin = 16
        var image = PNGImage(width: width, height: margin * 2 + domains.count * (barHeight + gap))
        let barWidth = Double(width - 2 * margin)
        for (index, domain) in domains.enumerated() {
            let y = margin + index * (barHeight + gap)
            for segment in segments(domain.counts, width: barWidth) where segment.width > 0 {
                image.fill(
                    x: margin + Int(segment.x.rounded()), y: y, width: max(1, Int(segment.width.rounded())), height: barHeight,
                    PNGImage.Color(hex: segment.status.chartColor))
            }
        }
        image.line(from: (margin, margin - 4), to: (margin, image.height - margin + 4), thickness: 2, PNGImage.Color(hex: "5B6675"))
        return image
    }

    func svg(title: String) -> String {
        let labelWidth = 150.0, barWidth = 560.0, barHeight = 22.0, gap = 10.0
        let height = 40 + Double(domains.count) * (barHeight + gap)
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Int(labelWidth + barWidth + 20)) \#(Int(height))" role="img" class="chart"><title>\#(title.xmlEscaped)</title>"#
        for (index, domain) in domains.enumerated() {
            let y = 10 + Double(index) * (barHeight + gap)
            out += #"<text x="\#(Int(labelWidth - 8))" y="\#(Int(y + barHeight * 0.7))" text-anchor="end" class="axis">\#(domain.name.xmlEscaped)</text>"#
            for segment in segments(domain.counts, width: barWidth) where segment.width > 0 {
                out += ##"<rect x="\##(String(format: "%.1f", labelWidth + segment.x))" y="\##(Int(y))" width="\##(String(format: "%.1f", segment.width))" height="\##(Int(barHeight))" fill="#\##(segment.status.chartColor)">"##
                out += "<title>\(domain.name.xmlEscaped)：\(segment.status.chineseName) \(domain.counts[segment.status])</title></rect>"
            }
        }
        let legendY = Int(height - 12)
        for (index, status) in Self.order.enumerated() {
            let x = Int(labelWidth) + index * 110
            out += ##"<rect x="\##(x)" y="\##(legendY - 10)" width="12" height="12" fill="#\##(status.chartColor)"/>"##
            out += #"<text x="\#(x + 16)" y="\#(legendY)" class="axis">\#(status.chineseName)</text>"#
        }
        return out + "</svg>"
    }
}

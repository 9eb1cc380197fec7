import PlanCore

/// The words reports and pages use for statuses and trends, and the colours that go with a status (always
/// beside its word, never alone).
extension Evaluation.Status {
    public var chineseName: String {
        switch self {
        case .met: "达标"
        case .notMet: "未达标"
        case .needsReview: "待判定"
        case .noData: "无数据"
        }
    }

    /// A light background for a status cell, as RRGGBB.
    public var shading: String {
        switch self {
        case .met: "E3F3E7"
        case .notMet: "FBE6E4"
        case .needsReview: "FDF1D6"
        case .noData: "ECEFF2"
        }
    }

    /// The strong colour of a status in charts, as RRGGBB.
    public var chartColor: String {
        switch self {
        case .met: "1F7A3A"
        case .notMet: "B3261E"
        case .needsReview: "C88A00"
        case .noData: "9AA3AD"
        }
    }
}

extension TrendStatus {
    public var chineseName: String {
        switch self {
        case .improving: "向好"
        case .littleOrNoChange: "基本持平"
        case .gettingWorse: "变差"
        case .baselineOnly: "仅有基线"
        }
    }
}

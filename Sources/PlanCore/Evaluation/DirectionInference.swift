/// Whether higher or lower is better for an indicator, worked out from what the plan writes.
///
/// The comparators of the row decide first ("≤4.5", "比2015年下降10%" → lower), then the indicator's name
/// (死亡率, 发病率, 浓度 … → lower; 覆盖率, 预期寿命 … → higher), then the movement from the baseline to the
/// last target. The result is a proposal a person can correct; it is stored on the indicator.
public struct DirectionInference: Sendable, Equatable {
    public enum Source: String, Sendable, Codable {
        case comparator, name, movement
    }

    public var direction: Direction
    public var source: Source

    public init(direction: Direction, source: Source) {
        self.direction = direction
        self.source = source
    }

    public static func infer(name: String?, baseline: Double?, targets: [TargetExpression]) -> DirectionInference? {
        if let fromComparators = comparatorDirection(targets) {
            return DirectionInference(direction: fromComparators, source: .comparator)
        }
        if let name, let fromName = nameDirection(name) {
            return DirectionInference(direction: fromName, source: .name)
        }
        if let fromMovement = movementDirection(baseline: baseline, targets: targets) {
            return DirectionInference(direction: fromMovement, source: .movement)
        }
        return nil
    }

    static func comparatorDirection(_ targets: [TargetExpression]) -> Direction? {
        var votes = Set<Direction>()
        func vote(_ expression: TargetExpression) {
            switch expression {
            case .comparison(let c):
                switch c.op {
                case .atLeast, .greaterThan: votes.insert(.higher)
                case .atMost, .lessThan: votes.insert(.lower)
                case .about, .reach: break
                }
            case .relativeChange(let r): votes.insert(r.change == .decrease ? .lower : .higher)
            case .trend(let t) where t.expected != .maintain: votes.insert(t.expected == .decrease ? .lower : .higher)
            case .compound(let parts): parts.forEach(vote)
            default: break
            }
        }
        targets.forEach(vote)
        return votes.count == 1 ? votes.first : nil
    }

    // Checked in order: "个人卫生支出占卫生总费用的比重" must hit the lower list before "比重" could matter.
    private static let lowerIsBetter = [
        "死亡率", "发病率", "患病率", "发生率", "感染率", "浓度", "个人卫生支出", "自付", "吸烟率", "肥胖", "超重",
        "排放", "事故", "不合理增长", "药品收入占", "耗材", "卫生材料", "犯罪", "低体重", "过早死亡", "性别比",
        "报销比例差", "下降率",
    ]
    private static let higherIsBetter = [
        "预期寿命", "期望寿命", "覆盖率", "合格率", "达标率", "知晓率", "素养", "参保率", "接种率", "管理率",
        "优良", "满意", "普及率", "处理率", "治愈率", "签约", "绿地", "床位数", "医师数", "护士数", "人数",
        "面积", "增加值", "规模", "开放率", "建成率", "检测率", "检查率", "报告率", "就诊率", "补偿率", "报销比例",
        "建档率", "设置率", "开课率", "参与率", "完成率", "达标天数", "增速", "优秀率", "建设率", "服务率",
    ]

    static func nameDirection(_ name: String) -> Direction? {
        if lowerIsBetter.contains(where: name.includes) { return .lower }
        if higherIsBetter.contains(where: name.includes) { return .higher }
        return nil
    }

    static func movementDirection(baseline: Double?, targets: [TargetExpression]) -> Direction? {
        let values = targets.compactMap(\.singleValue)
        guard let last = values.last, let first = baseline ?? values.first, first != last else { return nil }
        return last > first ? .higher : .lower
    }
}

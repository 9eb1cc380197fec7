/// A node of the indicator tree (领域 → 一级指标 → 二级指标).
public struct IndicatorGroup: Sendable, Codable, Equatable {
    public var name: String
    public var children: [IndicatorGroup]
    /// Positions, in the table, of the indicators directly under this group.
    public var indicatorIndices: [Int]

    public init(name: String, children: [IndicatorGroup] = [], indicatorIndices: [Int] = []) {
        self.name = name
        self.children = children
        self.indicatorIndices = indicatorIndices
    }

    /// Builds the tree from indicators' domain paths, keeping first-seen order at every level.
    public static func tree(of indicators: [Indicator]) -> [IndicatorGroup] {
        var roots: [IndicatorGroup] = []
        for (index, indicator) in indicators.enumerated() where !indicator.domain.isEmpty {
            insert(index, path: indicator.domain[...], into: &roots)
        }
        return roots
    }

    private static func insert(_ index: Int, path: ArraySlice<String>, into groups: inout [IndicatorGroup]) {
        guard let name = path.first else { return }
        let position: Int
        if let existing = groups.firstIndex(where: { $0.name == name }) {
            position = existing
        } else {
            groups.append(IndicatorGroup(name: name))
            position = groups.count - 1
        }
        if path.count == 1 {
            groups[position].indicatorIndices.append(index)
        } else {
            insert(index, path: path.dropFirst(), into: &groups[position].children)
        }
    }
}

/// A department (牵头部门/责任单位) with the short names plans use for it ("卫计" = "市卫生计生委").
public struct Department: Sendable, Codable, Equatable, Hashable {
    /// The stored department's id; nil before it is saved.
    public var id: Int64?
    public var name: String
    public var aliases: [String]
    /// The code of the region the department belongs to.
    public var regionCode: String?

    public init(id: Int64? = nil, name: String, aliases: [String] = [], regionCode: String? = nil) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.regionCode = regionCode
    }

    /// Whether a name as written in a plan refers to this department.
    public func isNamed(_ written: String) -> Bool {
        written == name || aliases.contains(written)
    }
}

/// A region of the administrative tree: province → city → county → township.
public struct Region: Sendable, Codable, Equatable, Hashable {
    public enum Level: String, Sendable, Codable, CaseIterable, Comparable {
        case province, city, county, township

        public static func < (lhs: Level, rhs: Level) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var code: String
    public var name: String
    public var level: Level
    public var parentCode: String?

    public init(code: String, name: String, level: Level, parentCode: String? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
    }
}

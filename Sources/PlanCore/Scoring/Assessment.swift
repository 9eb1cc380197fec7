/// The 考核 of a year: every region and every lead department scored under one version of a plan's scheme,
/// each list ranked best first.
public struct Assessment: Sendable, Codable, Equatable {
    public var schemeVersion: Int
    public var year: Int
    public var regions: [ScoreCard]
    /// Lead departments over all the regions assessed: a department's items in every region are its items.
    public var departments: [ScoreCard]

    public init(schemeVersion: Int, year: Int, regions: [ScoreCard], departments: [ScoreCard]) {
        self.schemeVersion = schemeVersion
        self.year = year
        self.regions = regions
        self.departments = departments
    }
}

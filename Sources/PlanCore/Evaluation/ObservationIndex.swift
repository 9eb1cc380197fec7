/// Approved observations grouped once by indicator and region, each group in year order, each value read
/// once: a province-wide evaluation looks up 30 000 series and must not scan or parse 300 000 observations
/// for each.
///
/// The groups live in one array (a counting sort by indicator and region); `range(key:region:)` finds a
/// group by two integers.
struct ObservationIndex: Sendable {
    /// One reported year of a series.
    struct Point: Sendable {
        var year: Int
        /// The value when it is a single number; NaN for words ("达标") and several numbers ("0.45；21").
        var value: Double
        /// The observation's position in the input, for its text and its several numbers.
        var observation: Int
    }

    /// Indicator keys (code, or name) in the order first seen.
    let keys: [String: Int]
    /// Region codes, sorted.
    let regionCodes: [String]
    let regions: [String: Int]
    let observations: [Observation]
    private let points: [Point]
    /// `starts[k * regionCount + r] ..< starts[k * regionCount + r + 1]`: the points of key k in region r.
    private let starts: [Int]

    init(_ input: [Observation], keys indicatorKeys: [String]) {
        var keys: [String: Int] = [:]
        for key in indicatorKeys where keys[key] == nil { keys[key] = keys.count }
        let approved = input.filter { $0.status == .approved }
        let regionCodes = Set(approved.map(\.regionCode)).sorted()
        var regions: [String: Int] = [:]
        for (i, code) in regionCodes.enumerated() { regions[code] = i }

        // Each observation's cell, or -1 for an indicator the plan does not have.
        let regionCount = regionCodes.count
        var cells = [Int](repeating: -1, count: approved.count)
        var counts = [Int](repeating: 0, count: keys.count * regionCount + 1)
        var lastKey: (text: String, slot: Int)?
        for (i, observation) in approved.enumerated() {
            // Observations usually come grouped by indicator: reuse the last lookup when the key repeats.
            let slot: Int?
            if let lastKey, lastKey.text == observation.indicator {
                slot = lastKey.slot
            } else {
                slot = keys[observation.indicator]
                if let slot { lastKey = (observation.indicator, slot) }
            }
            guard let slot, let region = regions[observation.regionCode] else { continue }
            let cell = slot * regionCount + region
            cells[i] = cell
            counts[cell + 1] += 1
        }
        for i in counts.indices.dropFirst() { counts[i] += counts[i - 1] }
        var next = counts
        var points = [Point](repeating: Point(year: 0, value: .nan, observation: 0), count: counts.last ?? 0)
        for (i, cell) in cells.enumerated() where cell >= 0 {
            let value = TargetExpression.parse(approved[i].valueText).singleValue ?? .nan
            points[next[cell]] = Point(year: approved[i].year, value: value, observation: i)
            next[cell] += 1
        }
        // Within a group: year order (insertion sort; the input is usually in order already). Of two values
        // for one year the later in the input is kept by `point(in:)`, which looks from the end.
        for cell in 0..<(counts.count - 1) {
            var i = counts[cell] + 1
            while i < counts[cell + 1] {
                var j = i
                while j > counts[cell] && points[j - 1].year > points[j].year {
                    points.swapAt(j - 1, j)
                    j -= 1
                }
                i += 1
            }
        }
        self.keys = keys
        self.regionCodes = regionCodes
        self.regions = regions
        self.observations = approved
        self.points = points
        self.starts = counts
    }

    /// The points of an indicator key's slot in a region, in year order.
    func series(slot: Int, region: Int) -> ArraySlice<Point> {
        let cell = slot * regionCodes.count + region
        return points[starts[cell]..<starts[cell + 1]]
    }
}

extension ArraySlice<ObservationIndex.Point> {
    /// The point of `year`, the last one given when there are two.
    func point(in year: Int) -> ObservationIndex.Point? {
        var i = endIndex
        while i > startIndex {
            i -= 1
            if self[i].year == year { return self[i] }
            if self[i].year < year { return nil }
        }
        return nil
    }
}

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

    /// Indicator keys (`Indicator.evaluationKey`) in the order first seen.
    let keys: [String: Int]
    /// Region codes, sorted.
    let regionCodes: [String]
    let regions: [String: Int]
    /// The observations as given, approved or not; points refer to them by position.
    let observations: [Observation]
    private let points: [Point]
    /// `starts[k * regionCount + r] ..< starts[k * regionCount + r + 1]`: the points of key k in region r.
    private let starts: [Int]

    init(_ input: [Observation], keys indicatorKeys: [String]) {
        var keys: [String: Int] = [:]
        for key in indicatorKeys where keys[key] == nil { keys[key] = keys.count }

        // Each approved observation's indicator slot and region (numbered as first seen), or -1. Observations
        // usually come grouped by region and indicator: a key equal to the last one reuses its lookup.
        var slots = [Int32](repeating: -1, count: input.count)
        var seenRegions = [Int32](repeating: -1, count: input.count)
        var regionsSeen: [String: Int] = [:]
        var lastKey: (text: String, slot: Int)?
        var lastRegion: (code: String, index: Int)?
        // Fields are read through the buffer, not by copying each observation with its nine strings.
        input.withUnsafeBufferPointer { input in
            for i in input.indices where input[i].status == .approved {
                let slot: Int?
                let key = input[i].evaluationKey
                if let lastKey, lastKey.text == key {
                    slot = lastKey.slot
                } else {
                    slot = keys[key]
                    if let slot { lastKey = (key, slot) }
                }
                guard let slot else { continue }
                let region: Int
                if let lastRegion, lastRegion.code == input[i].regionCode {
                    region = lastRegion.index
                } else {
                    region = regionsSeen[input[i].regionCode] ?? regionsSeen.count
                    regionsSeen[input[i].regionCode] = region
                    lastRegion = (input[i].regionCode, region)
                }
                slots[i] = Int32(slot)
                seenRegions[i] = Int32(region)
            }
        }
        let regionCodes = regionsSeen.keys.sorted()
        var regions: [String: Int] = [:]
        var sortedPosition = [Int](repeating: 0, count: regionCodes.count)
        for (i, code) in regionCodes.enumerated() {
            regions[code] = i
            sortedPosition[regionsSeen[code]!] = i
        }

        // A counting sort of the points by cell (slot × region).
        let regionCount = regionCodes.count
        var counts = [Int](repeating: 0, count: keys.count * regionCount + 1)
        for i in input.indices where slots[i] >= 0 {
            counts[Int(slots[i]) * regionCount + sortedPosition[Int(seenRegions[i])] + 1] += 1
        }
        for i in counts.indices.dropFirst() { counts[i] += counts[i - 1] }
        var next = counts
        var points = [Point](repeating: Point(year: 0, value: .nan, observation: 0), count: counts.last ?? 0)
        input.withUnsafeBufferPointer { input in
            for i in input.indices where slots[i] >= 0 {
                let cell = Int(slots[i]) * regionCount + sortedPosition[Int(seenRegions[i])]
                let value = input[i].value ?? .nan
                points[next[cell]] = Point(year: input[i].year, value: value, observation: i)
                next[cell] += 1
            }
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
        self.observations = input
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

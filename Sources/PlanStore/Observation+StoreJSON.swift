import PlanCore

extension Observation {
    /// The observation as `StoreJSON.encode` writes it (keys sorted, nil fields left out), written out directly
    /// for the audit entries of batch writes: every change keeps its value before and after, encoded inside
    /// the write transaction, where Foundation's encoder took half of SQLite's single writer's time
    /// (BENCHMARKS.md). A test holds the two to the same text.
    var storeJSON: String {
        var object = JSONObjectText()
        object.add("comment", comment)
        object.add("evidence", evidence)
        object.add("explanation", explanation)
        object.add("id", number: id)
        object.add("indicator", indicator)
        object.add("indicatorID", number: indicatorID)
        object.add("regionCode", regionCode)
        object.add("status", status.rawValue)
        object.add("submittedBy", submittedBy)
        object.add("unit", unit)
        object.add("updatedAt", updatedAt)
        object.add("updatedBy", updatedBy)
        object.add("valueText", valueText)
        object.add("version", number: version)
        object.add("year", number: year)
        return object.text
    }
}

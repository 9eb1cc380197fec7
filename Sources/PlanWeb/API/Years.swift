import Hummingbird

/// The years the API takes, in a body or in `?year=`: a plan's years, never one so far out that counting a
/// year on or back from it (cycles open the year after, evaluation reads the year before) overflows.
enum Years {
    static let range = 1900...2100

    /// A body's year, or 422 naming its field.
    static func check(_ year: Int, field: String = "year") throws {
        guard range.contains(year) else {
            throw APIError(.unprocessableContent, code: "invalid", message: "年度应在 \(range.lowerBound)–\(range.upperBound) 之间", field: field)
        }
    }

    /// `?year=`: nil when absent or empty, else a year in range or 400.
    static func query(_ request: Request) throws -> Int? {
        guard let text = request.uri.queryParameters.get("year"), !text.isEmpty else { return nil }
        guard let year = Int(text), range.contains(year) else {
            throw APIError(
                .badRequest, code: "bad_request", message: "year 参数应为 \(range.lowerBound)–\(range.upperBound) 之间的年份", field: "year")
        }
        return year
    }
}

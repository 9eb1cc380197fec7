import Foundation

/// Calendar days in China (Asia/Shanghai), as YYYY-MM-DD: reporting cycles open and close on days there,
/// whatever the server's own time zone.
enum ChinaDate {
    static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The day of a stored ISO 8601 timestamp (with or without fractional seconds); nil when unreadable.
    static func day(ofTimestamp timestamp: String) -> String? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return (withFraction.date(from: timestamp) ?? ISO8601DateFormatter().date(from: timestamp)).map(day(of:))
    }
}

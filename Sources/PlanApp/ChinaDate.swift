import Foundation

/// Calendar days in China (Asia/Shanghai), as YYYY-MM-DD: reporting cycles open and close on days there,
/// whatever the server's own time zone.
public enum ChinaDate {
    /// China has kept UTC+8 without daylight saving since 1991, so a fixed offset gives Asia/Shanghai's day
    /// for every date a plan can have — without a calendar and a time-zone lookup on every request.
    private static let dayStyle = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!).year().month().day()

    public static func day(of date: Date) -> String {
        dayStyle.format(date)
    }

    /// The day of a stored ISO 8601 timestamp (with or without fractional seconds); nil when unreadable.
    public static func day(ofTimestamp timestamp: String) -> String? {
        let date =
            (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp))
            ?? (try? Date.ISO8601FormatStyle().parse(timestamp))
        return date.map(day(of:))
    }
}

/// An instant as people in China read it (UTC+8: China has kept it without daylight saving since 1991): its
/// calendar day and minute. Reminder rounds work in days before or after a deadline and in quiet hours, so they
/// need both, without a calendar or a time-zone lookup (PlanCore imports nothing).
public struct ChinaTime: Sendable, Equatable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Midnight starting `day` (YYYY-MM-DD) plus `minutes`, in China; nil for a day that is not one.
    public init?(day: String, minutes: Int = 0) {
        guard let number = ReminderCalendar.number(of: day) else { return nil }
        secondsSinceEpoch = Int64(number) * 86_400 + Int64(minutes) * 60 - Self.offset
    }

    static let offset: Int64 = 8 * 3600

    private var local: Int64 { secondsSinceEpoch + Self.offset }
    /// Days since 1970-01-01 in China.
    public var dayNumber: Int { Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400) }
    /// The day in China as YYYY-MM-DD.
    public var day: String { ReminderCalendar.day(number: dayNumber) }
    /// Minutes since midnight in China, 0..<1440.
    public var minuteOfDay: Int { Int((local - Int64(dayNumber) * 86_400) / 60) }

    public func adding(minutes: Int) -> ChinaTime { ChinaTime(secondsSinceEpoch: secondsSinceEpoch + Int64(minutes) * 60) }

    public static func < (lhs: ChinaTime, rhs: ChinaTime) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }
}

/// Calendar days (YYYY-MM-DD, proleptic Gregorian) as numbers, for counting days to and from a deadline.
public enum ReminderCalendar {
    /// Days since 1970-01-01; nil when `day` is not a real YYYY-MM-DD date.
    public static func number(of day: String) -> Int? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let year = m <= 2 ? y - 1 : y
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `number` days after 1970-01-01, as YYYY-MM-DD.
    public static func day(number: Int) -> String {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `day` moved by `days` (negative: earlier); nil when `day` is not a date.
    public static func day(_ day: String, plus days: Int) -> String? {
        number(of: day).map { self.day(number: $0 + days) }
    }

    /// Whole days from `from` to `to` (negative when `to` is earlier); nil when either is not a date.
    public static func days(from: String, to: String) -> Int? {
        guard let a = number(of: from), let b = number(of: to) else { return nil }
        return b - a
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

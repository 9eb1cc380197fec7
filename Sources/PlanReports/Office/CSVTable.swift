import Foundation

/// A table as CSV the way Excel in China opens it: UTF-8 with a byte order mark (without one Excel reads GBK
/// and shows mojibake), CRLF line ends, RFC 4180 quoting. A text cell that starts with = + - @ or a tab or CR
/// would run as a formula in a spreadsheet (CSV injection): it is written with a leading apostrophe.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    public var data: Data {
        var text = "\u{FEFF}"
        for row in [header] + rows {
            text += row.map(Self.field).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    static func field(_ value: String) -> String {
        var value = value
        // Numbers written by hcm itself ("-3.5") stay numbers; other text starting so is defused.
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

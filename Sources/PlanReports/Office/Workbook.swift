import Foundation

/// A spreadsheet to write as .xlsx: named sheets of typed cells, with what makes a table usable in Excel —
/// a frozen, bold header, column widths, a filter, number formats — and, for data-entry templates, sheet
/// protection that leaves only the input cells editable.
public struct Workbook: Sendable {
    public var title: String
    public var sheets: [Sheet]

    public init(title: String, sheets: [Sheet] = []) {
        self.title = title
        self.sheets = sheets
    }

    public struct Sheet: Sendable {
        public var name: String
        public var columns: [Column]
        public var rows: [[Cell]]
        /// Rows at the top kept in view when scrolling (the header).
        public var frozenRows: Int
        /// A filter on the first frozen row's columns.
        public var autoFilter: Bool
        /// Locks every cell except those marked editable (Excel's default for a protected sheet). Without a
        /// password: it keeps a template's structure from being changed by accident, it is no access control.
        public var isProtected: Bool

        public init(
            name: String, columns: [Column] = [], rows: [[Cell]] = [], frozenRows: Int = 1, autoFilter: Bool = true,
            isProtected: Bool = false
        ) {
            self.name = name
            self.columns = columns
            self.rows = rows
            self.frozenRows = frozenRows
            self.autoFilter = autoFilter
            self.isProtected = isProtected
        }
    }

    public struct Column: Sendable {
        /// In characters of the default font; a CJK character is about two.
        public var width: Double
        public var isHidden: Bool

        public init(width: Double, isHidden: Bool = false) {
            self.width = width
            self.isHidden = isHidden
        }
    }

    public struct Cell: Sendable, Equatable {
        public enum Value: Sendable, Equatable {
            case text(String)
            case number(Double)
            case empty
        }

        public var value: Value
        /// An Excel number format ("0.00", "0.0%", "#,##0") for a number.
        public var numberFormat: String?
        public var isBold: Bool
        /// A background colour as RRGGBB.
        public var fill: String?
        /// Editable on a protected sheet (an input cell of a template).
        public var isEditable: Bool

        public init(_ value: Value, numberFormat: String? = nil, bold: Bool = false, fill: String? = nil, editable: Bool = false) {
            self.value = value
            self.numberFormat = numberFormat
            self.isBold = bold
            self.fill = fill
            self.isEditable = editable
        }

        public static func text(_ text: String?, bold: Bool = false, fill: String? = nil, editable: Bool = false) -> Cell {
            Cell(text.map { .text($0) } ?? .empty, bold: bold, fill: fill, editable: editable)
        }

        public static func number(_ number: Double?, format: String? = nil, fill: String? = nil) -> Cell {
            Cell(number.map { .number($0) } ?? .empty, numberFormat: format, fill: fill)
        }

        public static let empty = Cell(.empty)
    }

    /// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not empty, unique in the workbook
    /// (compared without case, as Excel does).
    public static func sheetName(_ wanted: String, avoiding used: [String]) -> String {
        var name = String(wanted.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if name.trimmingCharacters(in: .whitespaces).isEmpty { name = "Sheet" }
        var candidate = name
        var n = 2
        while used.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            let suffix = "(\(n))"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        return candidate
    }
}

import Foundation

/// A report to write as .docx: a title, headings, paragraphs, tables and pictures in order, on A4 pages, in
/// styles Word, WPS and LibreOffice all know (Title, Heading 1–3, a bordered table style), with Chinese
/// text set in 宋体/黑体.
public struct WordDocument: Sendable {
    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    public enum Block: Sendable {
        case title(String)
        case heading(String, level: Int)
        case paragraph([Run])
        /// A list item (a paragraph with a bullet).
        case bullet(String)
        case table(Table)
        case picture(Picture)
        case pageBreak
    }

    public struct Run: Sendable {
        public var text: String
        public var bold: Bool

        public init(_ text: String, bold: Bool = false) {
            self.text = text
            self.bold = bold
        }
    }

    public struct Table: Sendable {
        /// Column widths in centimetres; the header row repeats on every page.
        public var widths: [Double]
        public var header: [String]
        public var rows: [[Cell]]

        public init(widths: [Double], header: [String], rows: [[Cell]]) {
            self.widths = widths
            self.header = header
            self.rows = rows
        }
    }

    public struct Cell: Sendable {
        public var text: String
        /// Numbers are right-aligned.
        public var isNumber: Bool
        /// A background colour as RRGGBB (a status).
        public var shading: String?

        public init(_ text: String, number: Bool = false, shading: String? = nil) {
            self.text = text
            self.isNumber = number
            self.shading = shading
        }
    }

    public struct Picture: Sendable {
        public var png: Data
        public var widthCM: Double
        public var heightCM: Double
        /// The alternative text, for screen readers and when the picture cannot be shown.
        public var description: String

        public init(png: Data, widthCM: Double, heightCM: Double, description: String) {
            self.png = png
            self.widthCM = widthCM
            self.heightCM = heightCM
            self.description = description
        }
    }
}

/// A plan document as its readers see it, before any interpretation: paragraphs and tables in order.
/// Every reader (Word-exported text, .docx, .xlsx, .csv) produces this; `PlanInterpreter` reads a `Plan`
/// out of it. Line numbers are the source's own (text lines; paragraph and row ordinals for .docx).
public struct PlanDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case paragraph(Paragraph)
        case table(Table)
    }

    /// The file name, for messages.
    public var source: String
    public var blocks: [Block]
    /// What the reader had to repair or guess (dropped duplicate cells, rejoined rows …).
    public var warnings: [DocumentWarning]

    public init(source: String, blocks: [Block] = [], warnings: [DocumentWarning] = []) {
        self.source = source
        self.blocks = blocks
        self.warnings = warnings
    }

    public struct Paragraph: Sendable, Equatable {
        public var text: String
        public var line: Int

        public init(text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    public struct Table: Sendable, Equatable {
        public var rows: [Row]

        public init(rows: [Row]) {
            self.rows = rows
        }
    }

    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        public var line: Int

        public init(cells: [Cell], line: Int) {
            self.cells = cells
            self.line = line
        }
    }

    public struct Cell: Sendable, Equatable {
        /// The cell's text, its lines joined with a space and trimmed.
        public var text: String
        /// How many grid columns the cell spans (Word's `gridSpan`); 1 for an ordinary cell.
        public var columnSpan: Int
        /// A vertically merged cell's continuation (Word's `vMerge` without `restart`): it shows the text of the
        /// cell above it.
        public var continuesAbove: Bool

        public init(_ text: String, columnSpan: Int = 1, continuesAbove: Bool = false) {
            self.text = text
            self.columnSpan = columnSpan
            self.continuesAbove = continuesAbove
        }
    }
}

/// A repair a reader made, with the source line it concerns.
public struct DocumentWarning: Sendable, Equatable {
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }
}

/// Why a file could not be read, naming the file and what is wrong with it.
public struct ImportError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

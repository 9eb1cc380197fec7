/// The bounds every binary reader enforces, so a hostile or broken file fails with an `ImportError` instead of
/// exhausting memory. Real plan documents stay far below each of them.
enum ReaderLimits {
    /// The largest part a .docx or .xlsx may unpack to (the declared size and the bytes actually produced).
    static let maxPartSize = 64 << 20
    /// The most a .docx or .xlsx may unpack to in all, its parts together, each counted once however often it
    /// is referenced: scanning 32 MiB of XML costs about 0.5 s of CPU.
    static let maxPackageSize = 32 << 20
    /// The longest text one cell may hold, in UTF-16 code units: Excel's own limit (32,767 characters), so a
    /// shared string that no spreadsheet program could write is refused before 40 cells copy it.
    static let maxCellText = 32_767
    /// The most text a .docx body or the cells of a spreadsheet may hold in all, in UTF-8 bytes, each reference
    /// to a shared string counted: the interpretation reads all of it (16 MB of plan text cost it 1 s of CPU;
    /// a plan has well under 1 MiB).
    static let maxDocumentText = 8 << 20
    /// Parts above `ratioCheckedSize` that unpack to more than this many times their packed size are refused as
    /// zip bombs; ordinary Office XML compresses 5–20:1.
    static let maxCompressionRatio = 200
    static let ratioCheckedSize = 1 << 20
    /// XML elements nested deeper than this are refused; Word and Excel documents nest a few dozen levels.
    static let maxXMLDepth = 256
    /// The largest .csv file read.
    static let maxCSVSize = 32 << 20
    /// The widest row read from any table, counted in grid columns.
    static let maxColumns = 1_000
    /// The most cells one spreadsheet or CSV file may lay out; gaps between far-apart cells are filled with
    /// empty cells, so this bounds the memory a few stray values could claim, and the time: reading and
    /// interpreting 500,000 cells costs about 0.5 s of CPU (2,000,000 cost 2 s; BENCHMARKS.md). A plan's
    /// tables hold a few thousand.
    static let maxCells = 500_000
}

extension ReaderLimits {
    /// A byte count for messages: "64 MiB", "200.5 MiB", "812 字节".
    static func describe(bytes: Int) -> String {
        guard bytes >= 1 << 20 else { return "\(bytes) 字节" }
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
    }
}

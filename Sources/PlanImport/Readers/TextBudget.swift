/// The text one document may hold in all (`ReaderLimits.maxDocumentText`), counted as a reader finds it: a
/// package within its unpacked limit can still lay out more text than a plan ever has.
struct TextBudget {
    let source: String
    /// What the refusal calls the text: 文档 for running text, 表格 for a workbook's laid-out cells.
    let what: String
    private var spent = 0

    init(source: String, what: String = "文档") {
        self.source = source
        self.what = what
    }

    mutating func spend(_ bytes: Int) throws(ImportError) {
        spent += bytes
        guard spent <= ReaderLimits.maxDocumentText else {
            let limit = ReaderLimits.describe(bytes: ReaderLimits.maxDocumentText)
            throw ImportError(file: source, reason: "\(what)中的文字合计超过 \(limit)，已拒绝读取")
        }
    }
}

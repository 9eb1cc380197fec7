import Foundation

/// Reads a PDF that has a text layer through poppler's `pdftotext -layout` (Debian's poppler-utils): the words
/// come back on lines with their columns kept apart by spaces, so a table is rebuilt from where its cells
/// start (`TextTableLayouts`' space-aligned layout, a wrapped cell joined to the cell above) and the rest
/// reads as text. A scan without a text layer is refused with a message that it needs OCR; a missing
/// pdftotext is named with the package to install.
public enum PDFReader {
    /// The most pages read; plans run to a few hundred.
    static let maxPages = 2_000
    /// How long pdftotext may run on one file.
    static let timeLimit: TimeInterval = 120

    public static func read(_ data: Data, source: String) throws -> PlanDocument {
        guard data.starts(with: Array("%PDF-".utf8)) || data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil else {
            throw ImportError(file: source, reason: "文件不是有效的 PDF 文档（缺少 %PDF 文件头），文件可能已损坏")
        }
        return try document(fromLayoutText: extractText(data, source: source), source: source)
    }

    /// The document in pdftotext's layout text (the benchmark times extraction and this apart).
    public static func document(fromLayoutText text: String, source: String) throws -> PlanDocument {
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw ImportError(file: source, reason: "PDF 中没有文字层（可能是扫描件），需要先做 OCR 文字识别，或导入原始 Word 文档")
        }
        // Page breaks are form feeds: a page ends a line like any other.
        let lines = text.replacingOccurrences(of: "\u{0C}", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return TextDocumentReader.read(lines.map { closeSpacing(String($0)) }.joined(separator: "\n"), source: source)
    }

    /// pdftotext puts a space between Chinese and Latin or digits ("每年 6 月 30 日前", "75 亿元"), which the
    /// document does not have: in a line of prose it goes. A line with column gaps (a table row) keeps its
    /// spacing, since the columns are found by position; a header word's spaces do not change its meaning.
    static func closeSpacing(_ line: String) -> String {
        guard !line.trimmed().includes("  ") else { return line }
        let chars = Array(line)
        var result = ""
        for (i, c) in chars.enumerated() {
            if c == " ", i > 0, i + 1 < chars.count, chars[i - 1] != " ", chars[i + 1] != " ",
                chars[i - 1].isASCII != chars[i + 1].isASCII
            {
                continue
            }
            result.append(c)
        }
        return result
    }

    /// pdftotext's layout text of a PDF.
    public static func extractText(_ data: Data, source: String) throws -> String {
        guard let pdftotext = LegacyWordConverter.executable(named: ["pdftotext"]) else {
            throw ImportError(
                file: source, reason: "读取 PDF 需要 poppler-utils 中的 pdftotext：请在服务器上安装（apt-get install poppler-utils），或导入 Word 文档")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("plan.pdf")
        let output = directory.appendingPathComponent("plan.txt")
        try data.write(to: input)

        let process = Process()
        process.executableURL = pdftotext
        process.arguments = ["-layout", "-enc", "UTF-8", "-l", String(maxPages), input.path, output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeLimit) == .timedOut {
            process.terminate()
            finished.wait()
            throw ImportError(file: source, reason: "pdftotext 在 \(Int(timeLimit)) 秒内未能读完 PDF，已停止")
        }
        guard process.terminationStatus == 0, let bytes = FileManager.default.contents(atPath: output.path) else {
            let why = process.terminationStatus == 3 ? "PDF 已加密或禁止复制文字" : "PDF 已损坏或无法读取"
            throw ImportError(file: source, reason: "pdftotext 未能读取文件（退出码 \(process.terminationStatus)）：\(why)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

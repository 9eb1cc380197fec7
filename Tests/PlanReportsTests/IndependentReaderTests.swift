import Foundation
import PlanCore
import Testing

@testable import PlanReports

/// The report's files re-read by tools hcm does not share code with: python-docx and openpyxl (a Python
/// named by HCM_TEST_PYTHON, with both installed) and LibreOffice (HCM_TEST_SOFFICE), converting the Word
/// report to PDF. `.ci/run` sets both; without them these tests are skipped, visibly.
@Suite struct IndependentReaderTests {
    static let python = ProcessInfo.processInfo.environment["HCM_TEST_PYTHON"]
    static let soffice = ProcessInfo.processInfo.environment["HCM_TEST_SOFFICE"]
    static let checker = AnnualReportTests.here.appendingPathComponent("Checkers/read_office.py").path

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    static func read(_ data: Data, as ext: String) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-report-\(UUID().uuidString).\(ext)")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try run(try #require(python), [checker, file.path])
        #expect(status == 0)
        return try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
    }

    @Test(.enabled(if: python != nil, "HCM_TEST_PYTHON is not set: python-docx did not re-read the report"))
    func pythonDocxReadsTheWordReport() throws {
        let report = try AnnualReportTests.report()
        let read = try Self.read(try report.wordDocument().docx(), as: "docx")
        let paragraphs = try #require(read["paragraphs"] as? [[String: String]])
        #expect(paragraphs.first?["style"] == "Title")
        #expect(paragraphs.first?["text"] == report.title)
        #expect(paragraphs.contains { $0["style"] == "Heading 1" && $0["text"] == "一、总体情况" })
        #expect(paragraphs.contains { $0["text"] == report.summary[0] })
        #expect(read["pictures"] as? Int == 1)
        let tables = try #require(read["tables"] as? [[[String]]])
        // The overview: 健康水平 first, the total last, as worked out in AnnualReportTests.
        #expect(tables[0][0] == ["领域", "达标", "未达标", "待判定", "无数据", "预警", "达标率"])
        #expect(tables[0][1] == ["健康水平", "2", "1", "0", "7", "0", "66.7%"])
        #expect(tables[0].last == ["合计", "2", "1", "0", "279", "0", "66.7%"])
        #expect(tables[1][1] == ["1", "人均预期寿命", "岁", "80.97", "1", "1", "0", "0", "0", "市卫生计生委"])
    }

    @Test(.enabled(if: python != nil, "HCM_TEST_PYTHON is not set: openpyxl did not re-read the workbook"))
    func openpyxlReadsTheWorkbookAndATemplatesProtection() throws {
        let report = try AnnualReportTests.report()
        let read = try Self.read(try report.workbook().xlsx(), as: "xlsx")
        let sheets = try #require(read["sheets"] as? [[String: Any]])
        let health = try #require(sheets.first { $0["name"] as? String == "健康水平" })
        #expect(health["freeze"] as? String == "A2")
        #expect(health["filter"] as? String == "A1:S11")
        let rows = try #require(health["rows"] as? [[Any]])
        #expect(rows[1][2] as? String == "人均预期寿命")
        #expect(rows[1][9] as? Double == 81.0)
        #expect(rows[1][6] as? Int == 2019)
        #expect((health["formats"] as? [String: String])?["J2"] == "0.00")

        let template = Workbook(title: "模板", sheets: [Workbook.Sheet(
            name: "填报", rows: [[.text("指标", bold: true), .text("本年值", bold: true)], [.text("人均预期寿命"), Workbook.Cell(.empty, editable: true)]],
            isProtected: true)])
        let sheet = try #require((try Self.read(try template.xlsx(), as: "xlsx")["sheets"] as? [[String: Any]])?.first)
        #expect(sheet["protected"] as? Bool == true)
        #expect(sheet["unlocked"] as? [String] == ["B2"])
    }

    @Test(.enabled(if: soffice != nil, "HCM_TEST_SOFFICE is not set: LibreOffice did not convert the Word report"))
    func libreOfficeConvertsTheWordReportToPDF() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-soffice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let docx = directory.appendingPathComponent("report.docx")
        try AnnualReportTests.report().wordDocument().docx().write(to: docx)
        // A profile of its own: LibreOffice refuses to start a second time on a shared one.
        let (status, _) = try Self.run(try #require(Self.soffice), [
            "-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--convert-to", "pdf", "--outdir",
            directory.path, docx.path,
        ])
        #expect(status == 0)
        let pdf = try Data(contentsOf: directory.appendingPathComponent("report.pdf"))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        #expect(pdf.count > 10_000)
    }
}

import Foundation
import PlanCore

/// Imports a plan document from a file: picks the reader by the file's kind, then interprets it.
///
/// ```swift
/// let plan = try PlanImporter.importPlan(at: URL(fileURLWithPath: "健康温州行动计划.txt"))
/// plan.indicatorTables[0].indicators.count
/// ```
public enum PlanImporter {
    /// Larger files are refused before reading: no plan document comes near it.
    public static let maximumFileSize = 32 * 1024 * 1024

    public static func importPlan(at url: URL) throws -> Plan {
        PlanInterpreter.interpret(try readDocument(at: url))
    }

    public static func readDocument(at url: URL) throws -> PlanDocument {
        let name = url.lastPathComponent
        let data = try contents(of: url)
        return try readDocument(data, named: name)
    }

    /// Reads a document already in memory (an upload), by the extension of its name.
    public static func readDocument(_ data: Data, named name: String) throws -> PlanDocument {
        guard data.count <= maximumFileSize else {
            throw ImportError(file: name, reason: "文件大小 \(data.count / 1_048_576) MiB，超过导入上限 \(maximumFileSize / 1_048_576) MiB")
        }
        return try read(data, named: name).withoutControlCharacters()
    }

    private static func read(_ data: Data, named name: String) throws -> PlanDocument {
        switch (name as NSString).pathExtension.lowercased() {
        case "txt", "text":
            let text = try TextEncoding.decode(data, file: name)
            return TextDocumentReader.read(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, source: name)
        case "docx":
            return try DocxReader.read(data, source: name)
        case "html", "htm":
            return try HTMLReader.read(data, source: name)
        case "odt":
            return try ODTReader.read(data, source: name)
        case "pdf":
            return try PDFReader.read(data, source: name)
        case "xlsx":
            return try SpreadsheetReader.readXLSX(data, source: name)
        case "csv":
            return try SpreadsheetReader.readCSV(data, source: name)
        case "doc", "wps":
            return try DocxReader.read(try LegacyWordConverter.convert(data, named: name), source: name)
        default:
            throw ImportError(
                file: name, reason: "不支持的文件类型；可导入 Word 导出的 .txt、.docx、网页 .html/.htm、.odt、.pdf、.xlsx 或 .csv（.doc/.wps 需安装 LibreOffice 转换）")
        }
    }

    private static func contents(of url: URL) throws -> Data {
        let name = url.lastPathComponent
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw ImportError(file: name, reason: "无法读取文件（\(url.path)）：文件不存在或没有读取权限")
        }
        if let size = attributes[.size] as? Int, size > maximumFileSize {
            throw ImportError(file: name, reason: "文件大小 \(size / 1_048_576) MiB，超过导入上限 \(maximumFileSize / 1_048_576) MiB")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ImportError(file: name, reason: "无法读取文件（\(url.path)）")
        }
        return data
    }
}

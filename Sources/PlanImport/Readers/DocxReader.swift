import Foundation

/// Reads a Word .docx file into a `PlanDocument`: the body's paragraphs and tables in order.
///
/// ```swift
/// let document = try DocxReader.read(Data(contentsOf: url), source: url.lastPathComponent)
/// ```
///
/// Paragraph and table-row lines are one running ordinal (1-based), counting empty paragraphs too, so a
/// warning can point at "line" N of the document. See `DocxBody` for how Word's markup becomes blocks.
public enum DocxReader {
    public static func read(_ data: Data, source: String) throws(ImportError) -> PlanDocument {
        let package = try OfficePackage(data, source: source, format: "docx")
        let part = "word/document.xml"
        var body = DocxBody(source: source)
        try XMLPart.parse(package.requiredPart(part), part: part, package: package, into: &body)
        return PlanDocument(source: source, blocks: body.blocks)
    }
}

/// What a reader does with the events of one XML part. Element and attribute names are matched without their
/// namespace prefix ("w:p" is `p`, "r:id" is "id"): writers pick different prefixes for the same namespace
/// (Excel writes `<c>`, the Open XML SDK `<x:c>`). A handler throws to stop the parse.
///
/// Handlers are structs that the scanner mutates in place: a class's stored properties would be checked for
/// exclusive access at run time, on every event.
protocol XMLPartHandler {
    /// The elements the handler reacts to, each case named by its local name; other elements arrive as nil.
    associatedtype Element: RawRepresentable<String>, CaseIterable
    /// Whether the handler would use text found now: text it would ignore is checked but not made a `String`.
    var wantsText: Bool { get }
    mutating func didStart(_ element: Element?, attributes: XMLAttributes) throws(ImportError)
    mutating func didEnd(_ element: Element?) throws(ImportError)
    mutating func didFind(text: String) throws(ImportError)
}

/// Parses one XML part of a package with `XMLScanner`, refusing a DOCTYPE and nesting deeper than
/// `ReaderLimits.maxXMLDepth`, and reporting malformed XML with its line and column.
enum XMLPart {
    static func parse(
        _ bytes: [UInt8], part: String, package: OfficePackage, into handler: inout some XMLPartHandler
    ) throws(ImportError) {
        let bytes = XMLScanner.utf8(bytes)
        do {
            try XMLScanner.scan(bytes, into: &handler)
        } catch {
            func malformed(at offset: Int, _ why: String = "") -> ImportError {
                let (line, column) = XMLScanner.location(of: offset, in: bytes)
                return package.failure("\(part) 的 XML 格式错误（第 \(line) 行第 \(column) 列）\(why)")
            }
            switch error {
            case .handler(let error):
                throw error
            case .malformed(let offset):
                throw malformed(at: offset)
            case .doctype(let offset):
                throw malformed(at: offset, "：含有 DOCTYPE 声明，Office 文档不使用它，已拒绝读取")
            case .tooDeep(let offset):
                let line = XMLScanner.location(of: offset, in: bytes).line
                throw package.failure("\(part) 的 XML 嵌套超过 \(ReaderLimits.maxXMLDepth) 层（第 \(line) 行），已停止读取")
            }
        }
    }
}

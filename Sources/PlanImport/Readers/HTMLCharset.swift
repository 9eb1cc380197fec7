import Foundation

/// The text of a page in the charset it declares: a BOM first, then `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="…; charset=gb2312">` in the first bytes; without either, UTF-8
/// and then GB18030 (the older sites' default).
enum HTMLCharset {
    static func decode(_ data: Data, file: String) throws -> String {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        if let declared = declaredCharset(in: head), ["gb2312", "gbk", "gb18030", "x-gbk", "cp936"].contains(declared),
            !data.starts(with: [0xEF, 0xBB, 0xBF])
        {
            if let text = TextEncoding.gb18030(data) { return text }
            throw ImportError(file: file, reason: "网页声明编码为 \(declared)，但内容不是有效的 GB18030/GBK 文字")
        }
        return try TextEncoding.decode(data, file: file)
    }

    /// "charset=gb2312" in the page's head, lower-cased.
    static func declaredCharset(in head: String) -> String? {
        guard let range = head.range(of: "charset=") else { return nil }
        let value = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        let name = value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }
}

import Foundation

/// The text of a CSV file: UTF-8 (with or without a byte-order mark), or GB18030, which Chinese Excel uses
/// for "CSV (逗号分隔)" when the bytes are not valid UTF-8.
enum CSVText {
    static func decode(_ data: Data, source: String) throws(ImportError) -> String {
        let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let text = String(data: Data(bytes), encoding: gb18030) { return text }
        throw ImportError(
            file: source, reason: "无法识别文件编码（既不是 UTF-8 也不是 GB18030），请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入")
    }

    /// `CFStringConvertEncodingToNSStringEncoding(kCFStringEncodingGB_18030_2000)`, spelled out because
    /// CoreFoundation's functions are not public on Linux; Foundation decodes it on both platforms.
    private static let gb18030 = String.Encoding(rawValue: 0x8000_0632)
}

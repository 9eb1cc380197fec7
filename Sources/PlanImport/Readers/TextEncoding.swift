import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of a .txt file in the encodings Chinese offices save: UTF-8 (with or without a BOM), UTF-16
/// (Notepad's "Unicode", with its BOM), and GB18030/GBK (what WPS and Notepad save on Chinese Windows as
/// "ANSI"). GB18030 is decoded with the C library's iconv, which every Linux and macOS has.
enum TextEncoding {
    static func decode(_ data: Data, file: String) throws -> String {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let text = String(data: data.dropFirst(3), encoding: .utf8) { return text }
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            if let text = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) { return text }
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            if let text = String(data: data.dropFirst(2), encoding: .utf16BigEndian) { return text }
        } else if let text = String(data: data, encoding: .utf8) {
            return text
        } else if let text = gb18030(data) {
            return text
        }
        throw ImportError(
            file: file, reason: "文本文件的编码无法识别（不是 UTF-8、UTF-16 或 GB18030/GBK）；请在 Word 中另存为“纯文本（UTF-8）”后再导入")
    }

    /// GB18030 (a superset of GBK and GB2312) through iconv; nil when the bytes are not valid GB18030.
    static func gb18030(_ data: Data) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        guard !data.isEmpty else { return "" }
        var input = [UInt8](data)
        // A GB18030 character is at most 4 bytes and its UTF-8 form at most 4: twice the input is enough.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 4)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == -1 || inLeft != 0 ? nil : outBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(decoding: output.prefix(converted), as: UTF8.self)
    }
}

import Foundation
import ZIPFoundation

/// The parts of an Office Open XML file (.docx, .xlsx): a ZIP archive whose parts are unpacked within
/// `ReaderLimits`, so a zip bomb or a damaged file fails with an `ImportError` naming the file. Entries are
/// found by `ZipDirectory` (which says why not ZIPFoundation's `Archive`) and inflated by ZIPFoundation.
///
/// Each part is unpacked once, however often the package's own references name it, and all the parts
/// unpacked together stay within `ReaderLimits.maxPackageSize`: a 350 KB workbook whose 100 sheets all
/// pointed at one 60 MB part used to be unpacked and read 100 times (30 s of CPU for one upload).
struct OfficePackage {
    let source: String
    /// The format named in messages: "docx", "xlsx".
    let format: String
    private let directory: ZipDirectory
    private let unpacked = UnpackedParts()

    init(_ data: Data, source: String, format: String) throws(ImportError) {
        self.source = source
        self.format = format
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw ImportError(
                file: source,
                reason: "文件不是有效的 .\(format) 文档：这是旧版 Office 格式（.doc/.xls）或加密的文档，请在 Office 或 WPS 中另存为 .\(format) 后再导入")
        }
        guard let directory = ZipDirectory(data) else {
            throw ImportError(file: source, reason: "文件不是有效的 .\(format) 文档：无法作为 ZIP 压缩包打开，文件可能已损坏或不完整")
        }
        self.directory = directory
    }

    /// A part that the format requires.
    func requiredPart(_ path: String) throws(ImportError) -> [UInt8] {
        guard let part = try part(path) else { throw failure("缺少 \(path)") }
        return part
    }

    /// The unpacked bytes of the part at `path`, or nil when the package has no such part.
    ///
    /// The declared sizes are checked before unpacking (at most `maxPartSize`, at most `maxCompressionRatio`
    /// to 1 above `ratioCheckedSize`, at most what is left of `maxPackageSize`), and the bytes produced are
    /// counted while unpacking: a part that produces more than it declared is stopped there, and one whose
    /// checksum does not match is refused. A part asked for again is not unpacked again.
    func part(_ path: String) throws(ImportError) -> [UInt8]? {
        if let part = unpacked.parts[path] { return part }
        guard let entry = directory[path] else { return nil }
        guard !entry.isEncrypted else { throw failure("\(path) 已加密") }
        guard entry.method == 0 || entry.method == 8 else {
            throw failure("\(path) 使用了不支持的压缩方式（\(entry.method)）")
        }
        guard entry.size <= ReaderLimits.maxPartSize else {
            throw refusal(
                "\(path) 解压后为 \(ReaderLimits.describe(bytes: entry.size))，超过上限 \(ReaderLimits.describe(bytes: ReaderLimits.maxPartSize))，已拒绝读取"
            )
        }
        let ratio = entry.size / max(entry.packedSize, 1)
        if entry.size > ReaderLimits.ratioCheckedSize, ratio > ReaderLimits.maxCompressionRatio {
            throw refusal(
                "\(path) 的压缩比为 \(ratio):1（上限 \(ReaderLimits.maxCompressionRatio):1），疑似压缩炸弹，已拒绝读取")
        }
        guard unpacked.total + entry.size <= ReaderLimits.maxPackageSize else {
            throw refusal(
                "解压 \(path) 后各部件合计超过上限 \(ReaderLimits.describe(bytes: ReaderLimits.maxPackageSize))，已拒绝读取")
        }
        guard let packed = directory.packedBytes(of: entry) else { throw failure("\(path) 的压缩数据不完整") }
        let part = try entry.method == 8 ? inflate(packed, declaredSize: entry.size, path: path) : [UInt8](packed)
        guard part.count == entry.size, ZipCRC32.checksum(part) == entry.crc32 else {
            throw failure("\(path) 的校验和不符，文件已损坏")
        }
        unpacked.total += part.count
        unpacked.parts[path] = part
        return part
    }

    /// Inflates `packed` through ZIPFoundation, stopping as soon as the output passes `declaredSize`.
    ///
    /// The provider hands out whole `bufferSize` chunks (the Linux inflater reads `bufferSize` bytes whatever the
    /// chunk's length), padded with zeros past the entry's end, and throws when asked for more: so a stream
    /// that does not end within its entry fails instead of spinning.
    private func inflate(_ packed: Data, declaredSize: Int, path: String) throws(ImportError) -> [UInt8] {
        let bufferSize = 64 << 10
        var output: [UInt8] = []
        output.reserveCapacity(declaredSize)
        do {
            _ = try Data.decompress(
                size: Int64(packed.count), bufferSize: bufferSize, skipCRC32: true,
                provider: { position, size in
                    guard position < packed.count else { throw InflateStop.truncated }
                    var chunk = Data(packed.dropFirst(Int(position)).prefix(size))
                    chunk.append(Data(count: size - chunk.count))
                    return chunk
                },
                consumer: { chunk in
                    guard output.count + chunk.count <= declaredSize else { throw InflateStop.tooLarge }
                    output += chunk
                })
        } catch InflateStop.tooLarge {
            throw refusal(
                "\(path) 解压后的实际大小超过声明的 \(ReaderLimits.describe(bytes: declaredSize))，文件已损坏或被篡改，已停止读取")
        } catch {
            throw failure("\(path) 的压缩数据已损坏或不完整")
        }
        return output
    }

    /// An error saying the file is not a valid document of this format, and why.
    func failure(_ why: String) -> ImportError {
        ImportError(file: source, reason: "文件不是有效的 .\(format) 文档：\(why)")
    }

    /// An error saying a limit refused the file.
    private func refusal(_ why: String) -> ImportError {
        ImportError(file: source, reason: why)
    }
}

/// The parts unpacked so far and their total size: shared by the copies of one `OfficePackage` (a reader
/// passes the package by value), never between packages or threads.
private final class UnpackedParts {
    var parts: [String: [UInt8]] = [:]
    var total = 0
}

private enum InflateStop: Error {
    case truncated, tooLarge
}

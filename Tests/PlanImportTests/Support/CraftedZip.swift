import Foundation
import ZIPFoundation

/// One-entry ZIP archives written byte by byte, for damage no ZIP writer produces: packed bytes that do not
/// match the declared sizes or checksum.
enum CraftedZip {
    /// `directorySizes` and `directoryExtra` replace the central directory's packed and unpacked sizes and its
    /// extra field, `localHeaderOffset` its pointer to the local header.
    static func archive(
        path: String, packed: Data, deflated: Bool, crc32: UInt32, uncompressedSize: UInt32,
        directorySizes: (packed: UInt32, unpacked: UInt32)? = nil, directoryExtra: Data = Data(),
        localHeaderOffset: UInt32 = 0
    ) -> Data {
        let name = Data(path.utf8)
        let method: UInt16 = deflated ? 8 : 0
        var local = Data()
        local.append(le: UInt32(0x0403_4b50))
        local.append(le: UInt16(20), UInt16(0), method, UInt16(0), UInt16(0))
        local.append(le: crc32, UInt32(packed.count), uncompressedSize)
        local.append(le: UInt16(name.count), UInt16(0))
        local.append(name)
        local.append(packed)
        var directory = Data()
        directory.append(le: UInt32(0x0201_4b50))
        directory.append(le: UInt16(20), UInt16(20), UInt16(0), method, UInt16(0), UInt16(0))
        let sizes = directorySizes ?? (UInt32(packed.count), uncompressedSize)
        directory.append(le: crc32, sizes.packed, sizes.unpacked)
        directory.append(le: UInt16(name.count), UInt16(directoryExtra.count), UInt16(0), UInt16(0), UInt16(0))
        directory.append(le: UInt32(0o100644 << 16), localHeaderOffset)
        directory.append(name)
        directory.append(directoryExtra)
        var end = Data()
        end.append(le: UInt32(0x0605_4b50))
        end.append(le: UInt16(0), UInt16(0), UInt16(1), UInt16(1))
        end.append(le: UInt32(directory.count), UInt32(local.count))
        end.append(le: UInt16(0))
        return local + directory + end
    }

    /// Raw deflate (no zlib header), as a ZIP entry holds it.
    static func deflate(_ data: Data) throws -> Data {
        var packed = Data()
        _ = try Data.compress(
            size: Int64(data.count), bufferSize: 64 << 10,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) },
            consumer: { packed.append($0) })
        return packed
    }
}

extension Data {
    mutating func append<T: FixedWidthInteger>(le values: T...) {
        for value in values {
            Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
        }
    }
}

import Foundation

/// The entries of a ZIP archive, read from its central directory with every offset and length checked
/// against the archive's bytes.
///
/// Why not ZIPFoundation's `Archive`: in 0.9.20 a damaged or hostile archive can crash or hang it. Its
/// in-memory file traps when an offset points past the end (found by `mutatedFixturesReadOrFailCleanly`), it
/// converts 64-bit ZIP64 offsets to `off_t` and adds sizes unchecked (both trap on large values), and on
/// Linux its inflate loop spins forever when a deflate stream outruns its entry (weichsel/ZIPFoundation#389).
/// So `OfficePackage` finds entries here and inflates their bytes with ZIPFoundation's `Data.decompress`.
struct ZipDirectory {
    struct Entry {
        /// The ZIP compression method: 0 stored, 8 deflated.
        let method: Int
        let isEncrypted: Bool
        let crc32: UInt32
        let packedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    private let bytes: LittleEndianBytes
    private let entries: [String: Entry]

    /// Nil when `data` holds no readable central directory: not a ZIP archive, or a truncated one.
    init?(_ data: Data) {
        bytes = LittleEndianBytes(data)
        guard let directory = Self.centralDirectory(in: bytes) else { return nil }
        var entries: [String: Entry] = [:]
        var record = directory.offset
        for _ in 0..<directory.count {
            guard let (path, entry, length) = Self.entry(at: record, in: bytes) else { return nil }
            if entries[path] == nil { entries[path] = entry }
            record += length
        }
        self.entries = entries
    }

    subscript(path: String) -> Entry? { entries[path] }

    /// The packed bytes of `entry`, after its local header; nil when they do not fit in the archive.
    func packedBytes(of entry: Entry) -> Data? {
        let header = entry.localHeaderOffset
        guard bytes.uint32(at: header) == 0x0403_4b50, let nameLength = bytes.uint16(at: header + 26),
            let extraLength = bytes.uint16(at: header + 28)
        else { return nil }
        return bytes.slice(at: header + 30 + nameLength + extraLength, count: entry.packedSize)
    }

    /// One central-directory record: the entry's path, its description, and the record's length. Sizes and
    /// offsets too large for the 32-bit fields are read from the ZIP64 extra field, in its fixed order.
    private static func entry(at record: Int, in bytes: LittleEndianBytes) -> (String, Entry, Int)? {
        guard bytes.uint32(at: record) == 0x0201_4b50, let flags = bytes.uint16(at: record + 8),
            let method = bytes.uint16(at: record + 10), let crc32 = bytes.uint32(at: record + 16),
            let packedSize = bytes.uint32(at: record + 20), let size = bytes.uint32(at: record + 24),
            let nameLength = bytes.uint16(at: record + 28), let extraLength = bytes.uint16(at: record + 30),
            let commentLength = bytes.uint16(at: record + 32), let offset = bytes.uint32(at: record + 42),
            let name = bytes.slice(at: record + 46, count: nameLength),
            let extra = bytes.slice(at: record + 46 + nameLength, count: extraLength)
        else { return nil }
        var zip64 = zip64Values(in: LittleEndianBytes(extra)).makeIterator()
        func resolve(_ value: Int) -> Int? { value == 0xFFFF_FFFF ? zip64.next() : value }
        guard let size = resolve(size), let packedSize = resolve(packedSize), let offset = resolve(offset) else {
            return nil
        }
        let entry = Entry(
            method: method, isEncrypted: flags & 1 != 0, crc32: UInt32(crc32), packedSize: packedSize, size: size,
            localHeaderOffset: offset)
        return (String(decoding: name, as: UTF8.self), entry, 46 + nameLength + extraLength + commentLength)
    }

    /// The values of a ZIP64 extended-information extra field (header id 1), up to the first that does not fit
    /// an `Int`.
    private static func zip64Values(in extra: LittleEndianBytes) -> [Int] {
        var field = 0
        while let id = extra.uint16(at: field), let length = extra.uint16(at: field + 2) {
            guard id != 1 else {
                var values: [Int] = []
                for index in 0..<length / 8 {
                    guard let value = extra.uint64(at: field + 4 + index * 8) else { break }
                    values.append(value)
                }
                return values
            }
            field += 4 + length
        }
        return []
    }

    /// The central directory's offset and entry count, from the end-of-central-directory record (searched back
    /// over the longest possible archive comment) or, when that holds ZIP64 placeholders, the ZIP64 record its
    /// locator points to.
    private static func centralDirectory(in bytes: LittleEndianBytes) -> (offset: Int, count: Int)? {
        let last = bytes.count - 22
        guard last >= 0,
            let end = stride(from: last, through: max(0, last - 0xFFFF), by: -1)
                .first(where: { bytes.uint32(at: $0) == 0x0605_4b50 }),
            let count = bytes.uint16(at: end + 10), let offset = bytes.uint32(at: end + 16)
        else { return nil }
        guard count == 0xFFFF || offset == 0xFFFF_FFFF else { return (offset, count) }
        guard bytes.uint32(at: end - 20) == 0x0706_4b50, let record = bytes.uint64(at: end - 12),
            bytes.uint32(at: record) == 0x0606_4b50,
            let zip64Count = bytes.uint64(at: record + 32), let zip64Offset = bytes.uint64(at: record + 48)
        else { return nil }
        return (zip64Offset, zip64Count)
    }
}

/// Bounds-checked little-endian reads from `Data` of any start index; every read outside it is nil.
private struct LittleEndianBytes {
    let data: Data

    init(_ data: Data) { self.data = data }

    var count: Int { data.count }

    func uint16(at offset: Int) -> Int? { integer(at: offset, size: 2) }
    func uint32(at offset: Int) -> Int? { integer(at: offset, size: 4) }
    /// Nil also when the value does not fit an `Int`.
    func uint64(at offset: Int) -> Int? { integer(at: offset, size: 8) }

    func slice(at offset: Int, count: Int) -> Data? {
        guard offset >= 0, count >= 0, offset <= data.count - count else { return nil }
        return data.dropFirst(offset).prefix(count)
    }

    private func integer(at offset: Int, size: Int) -> Int? {
        guard let bytes = slice(at: offset, count: size) else { return nil }
        var value: UInt64 = 0
        for byte in bytes.reversed() { value = value << 8 | UInt64(byte) }
        return value <= UInt64(Int.max) ? Int(value) : nil
    }
}

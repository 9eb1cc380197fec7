import Foundation

/// A small RGB raster and its PNG encoding, enough for the report's charts (bars, lines, dots) without a
/// graphics library, which a Linux server often lacks. The image data is stored uncompressed in zlib's
/// "stored" blocks: charts are a few hundred KB at most and need no deflate.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    private var pixels: [UInt8]

    public struct Color: Sendable, Equatable {
        public var r, g, b: UInt8
        public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { (self.r, self.g, self.b) = (r, g, b) }
        /// From RRGGBB.
        public init(hex: String) {
            let value = UInt32(hex, radix: 16) ?? 0
            self.init(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        public static let white = Color(255, 255, 255)
    }

    public init(width: Int, height: Int, background: Color = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        pixels = Array(repeating: 0, count: self.width * self.height * 3)
        fill(x: 0, y: 0, width: self.width, height: self.height, background)
    }

    public func pixel(x: Int, y: Int) -> Color {
        let i = (y * width + x) * 3
        return Color(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Fills a rectangle, clipped to the image.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ color: Color) {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            var i = (row * width + x0) * 3
            for _ in x0..<x1 {
                pixels[i] = color.r
                pixels[i + 1] = color.g
                pixels[i + 2] = color.b
                i += 3
            }
        }
    }

    /// A straight line `thickness` pixels wide.
    public mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), thickness: Int = 1, _ color: Color) {
        let steps = max(abs(b.x - a.x), abs(b.y - a.y), 1)
        for step in 0...steps {
            let x = a.x + (b.x - a.x) * step / steps
            let y = a.y + (b.y - a.y) * step / steps
            fill(x: x - thickness / 2, y: y - thickness / 2, width: thickness, height: thickness, color)
        }
    }

    /// A filled disc.
    public mutating func dot(x cx: Int, y cy: Int, radius: Int, _ color: Color) {
        for dy in -radius...radius {
            let half = Int(Double(radius * radius - dy * dy).squareRoot())
            fill(x: cx - half, y: cy + dy, width: 2 * half + 1, height: 1, color)
        }
    }

    /// The PNG file: signature, IHDR (8-bit RGB), one IDAT, IEND.
    public var png: Data {
        var header = Data()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header.append(contentsOf: [8, 2, 0, 0, 0])  // depth 8, RGB, deflate, no filter method, no interlace
        var raw = Data(capacity: (width * 3 + 1) * height)
        for row in 0..<height {
            raw.append(0)  // filter type None
            raw.append(contentsOf: pixels[(row * width * 3)..<((row + 1) * width * 3)])
        }
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        data.appendChunk("IHDR", header)
        data.appendChunk("IDAT", Self.zlibStored(raw))
        data.appendChunk("IEND", Data())
        return data
    }

    /// zlib data made of stored (uncompressed) deflate blocks of at most 65535 bytes, and the Adler-32.
    static func zlibStored(_ raw: Data) -> Data {
        var out = Data([0x78, 0x01])
        var offset = 0
        repeat {
            let count = min(65_535, raw.count - offset)
            let final: UInt8 = offset + count == raw.count ? 1 : 0
            out.append(final)
            out.append(contentsOf: [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)])
            out.append(raw[(raw.startIndex + offset)..<(raw.startIndex + offset + count)])
            offset += count
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        out.appendBigEndian(b << 16 | a)
        return out
    }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        appendBigEndian(PNGCRC.checksum(typed))
    }
}

/// CRC-32 as PNG chunks need it (the ISO-HDLC polynomial).
enum PNGCRC {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}

import Foundation
import ZIPFoundation

/// The parts of an Office Open XML file (.xlsx, .docx), zipped in memory in the order given:
/// `[Content_Types].xml` first, as Office expects.
struct OfficeParts {
    private var parts: [(path: String, data: Data)] = []

    mutating func add(_ path: String, _ xml: String) {
        parts.append((path, Data(xml.utf8)))
    }

    mutating func add(_ path: String, data: Data) {
        parts.append((path, data))
    }

    func zipped() throws -> Data {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            let data = part.data
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static let xmlDeclaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// docProps/core.xml: title, creator and creation time (W3CDTF).
    static func coreProperties(title: String, created: Date) -> String {
        let stamp = ISO8601DateFormatter().string(from: created)
        return xmlDeclaration + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>\(title.xmlEscaped)</dc:title>\
            <dc:creator>hcm 健康城市监测</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">\(stamp)</dcterms:created>\
            </cp:coreProperties>
            """
    }
}

import Foundation
import Hummingbird
import MultipartKit

/// The parts of a `multipart/form-data` body (a file upload form): each field's value, and for a file its
/// name as the browser sent it. The body is read up to a limit, so an oversize upload ends in a 413.
struct MultipartForm {
    struct Part {
        var filename: String?
        var data: Data
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    private(set) var parts: [String: Part] = [:]

    init(request: Request, limit: Int) async throws {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.boundary(in: type)
        else {
            throw APIError(.unsupportedMediaType, code: "bad_request", message: "请用文件上传表单提交（multipart/form-data）")
        }
        let body = try await request.body.collect(upTo: limit)
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var data = Data()
        var parts: [String: Part] = [:]
        parser.onHeader = { headers.append(($0.lowercased(), $1)) }
        parser.onBody = { data.append(contentsOf: $0.readableBytesView) }
        parser.onPartComplete = {
            if let disposition = headers.first(where: { $0.0 == "content-disposition" })?.1,
                let name = Self.parameter("name", in: disposition)
            {
                parts[name] = Part(filename: Self.parameter("filename", in: disposition), data: data)
            }
            headers = []
            data = Data()
        }
        do {
            try parser.execute(body)
        } catch {
            throw APIError(.badRequest, code: "bad_request", message: "上传的表单格式不正确，请重新选择文件上传")
        }
        self.parts = parts
    }

    subscript(_ name: String) -> Part? { parts[name] }

    /// `boundary=…` of the content type, quoted or not; nil when missing or longer than RFC 2046 allows.
    static func boundary(in contentType: String) -> String? {
        guard let value = parameter("boundary", in: contentType), !value.isEmpty, value.count <= 70 else { return nil }
        return value
    }

    /// A `name=value` or `name="value"` parameter of a header value. Browsers send a file name as UTF-8
    /// inside the quotes (a Chinese file name arrives as written).
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}

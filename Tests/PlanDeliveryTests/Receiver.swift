import Foundation

/// A receiver from `Tests/Delivery/receivers.py` running for one test: an SMTP server (aiosmtpd, so the Python of
/// `HCM_TEST_PYTHON`, which `.ci/run` fills) or an HTTP receiver of webhooks (any python3). It stops when the
/// test ends and its input is closed.
final class Receiver {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Delivery/receivers.py").standardized.path
    static let python = ProcessInfo.processInfo.environment["HCM_TEST_PYTHON"]

    let process = Process()
    let input = Pipe()
    let directory: URL
    let port: Int

    /// Starts `receivers.py arguments… --out DIR` and waits for its READY line.
    init(python: String, _ arguments: [String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.script] + arguments + ["--out", directory.path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6)) else {
            process.terminate()
            throw ReceiverError.notReady(text)
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// What it received, oldest first (files of `extension`), waiting up to five seconds for `count` of them.
    func received(_ extension: String, count: Int) async throws -> [String] {
        for _ in 0..<100 {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".\(`extension`)") }.sorted()
            if names.count >= count {
                return try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".\(`extension`)") }
            .sorted().map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
    }

    var certificate: String { directory.appendingPathComponent("cert.pem").path }

    enum ReceiverError: Error {
        case notReady(String)
    }
}

/// A mail as the SMTP receiver wrote it: its header lines and its body, decoded from base64.
struct ReceivedMail {
    var headers: [String: String] = [:]
    var body = ""

    init(_ text: String) {
        let parts = text.components(separatedBy: "\r\n\r\n")
        for line in parts[0].components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").components(separatedBy: .whitespacesAndNewlines).joined()
        body = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The subject, decoded from its RFC 2047 form.
    var subject: String {
        let raw = headers["Subject"] ?? ""
        guard raw.hasPrefix("=?UTF-8?B?"), raw.hasSuffix("?=") else { return raw }
        return Data(base64Encoded: String(raw.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) } ?? raw
    }
}

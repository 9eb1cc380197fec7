import Foundation

/// Converts a legacy Word (.doc) or WPS (.wps) file to .docx with LibreOffice, when it is installed.
enum LegacyWordConverter {
    static func convert(_ data: Data, named name: String) throws -> Data {
        guard let soffice = executable(named: ["soffice", "libreoffice"]) else {
            throw ImportError(
                file: name,
                reason: "无法直接读取 .doc/.wps 文件：请在 Word 或 WPS 中“另存为”.docx 后再导入，或在服务器上安装 LibreOffice（soffice）以自动转换")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("plan." + (name as NSString).pathExtension.lowercased())
        try data.write(to: input)

        let process = Process()
        process.executableURL = soffice
        // A private profile directory: a LibreOffice already running for someone else would swallow the job.
        process.arguments = [
            "-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--convert-to", "docx",
            "--outdir", directory.path, input.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = directory.appendingPathComponent("plan.docx")
        guard process.terminationStatus == 0, let converted = FileManager.default.contents(atPath: output.path) else {
            throw ImportError(file: name, reason: "LibreOffice 未能把文件转换为 .docx（退出码 \(process.terminationStatus)），文件可能已损坏")
        }
        return converted
    }

    /// The first of `names` found on the PATH.
    static func executable(named names: [String]) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in names {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }
}

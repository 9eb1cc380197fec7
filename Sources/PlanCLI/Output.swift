import ArgumentParser
import Foundation

/// A result that can be printed for people as well as written as JSON.
protocol TextRepresentable {
    var textLines: [String] { get }
}

/// `--json`, shared by every command that reports something; all output goes through `write`.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of text.")
    var json = false

    func write(_ value: some Encodable & TextRepresentable) throws {
        print(try render(value))
    }

    func render(_ value: some Encodable & TextRepresentable) throws -> String {
        guard json else { return value.textLines.joined(separator: "\n") }
        return try Self.jsonText(value)
    }

    static func jsonText(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

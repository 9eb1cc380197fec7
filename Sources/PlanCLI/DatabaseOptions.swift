import ArgumentParser
import Foundation
import PlanStore

/// `--db URL`, shared by every command that touches the database. Without it, `DATABASE_URL`; without that,
/// the embedded SQLite file `./hcm-data/hcm.sqlite`.
struct DatabaseOptions: ParsableArguments {
    static let defaultPath = "./hcm-data/hcm.sqlite"

    @Option(name: .customLong("db"), help: "A SQLite file path (or sqlite:// URL), or a postgres:// URL. Default: $DATABASE_URL, else ./hcm-data/hcm.sqlite.")
    var url: String?

    enum Location: Equatable, CustomStringConvertible {
        case sqlite(path: String)
        case postgres(url: String)

        var description: String {
            switch self {
            case .sqlite(let path): "SQLite 文件 \(path)"
            // The password stays out of what is printed.
            case .postgres(let url): "PostgreSQL \(url.replacingOccurrences(of: #":[^:@/]+@"#, with: ":***@", options: .regularExpression))"
            }
        }
    }

    /// Where the database is, from `--db`, then `DATABASE_URL`, then the default file.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> Location {
        let value = url ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultPath
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") { return .postgres(url: value) }
        if value.hasPrefix("sqlite://") { return .sqlite(path: String(value.dropFirst("sqlite://".count))) }
        return .sqlite(path: value)
    }

    /// Opens the repository (bringing its schema up to date).
    func open() throws -> SQLitePlanRepository {
        switch location() {
        case .sqlite(let path):
            do {
                return try SQLitePlanRepository(path: path)
            } catch {
                throw ValidationError("无法打开数据库文件 \(path)：\(error)")
            }
        case .postgres:
            throw ValidationError("此版本的命令行只支持 SQLite 数据库文件；PostgreSQL 由 hcm serve 的后续版本支持")
        }
    }
}

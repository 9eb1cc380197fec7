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

    /// Opens the repository (bringing its schema up to date), runs `body` with it, and closes it.
    func withStore<Result>(_ body: (any PlanRepository & SessionRepository) async throws -> Result) async throws -> Result {
        switch location() {
        case .sqlite:
            return try await body(openSQLite())
        case .postgres(let url):
            let store: PostgresPlanRepository
            do {
                store = try await PostgresPlanRepository(url: url)
            } catch let error as StoreError {
                throw ValidationError(error.description)
            } catch {
                throw ValidationError("无法连接 \(location())：\(error)")
            }
            do {
                let result = try await body(store)
                await store.shutdown()
                return result
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    /// Opens the SQLite file the options name; backup and restore work only on it.
    func openSQLite() throws -> SQLitePlanRepository {
        guard case .sqlite(let path) = location() else {
            throw ValidationError("此命令只用于 SQLite 数据库文件")
        }
        do {
            return try SQLitePlanRepository(path: path)
        } catch {
            throw ValidationError("无法打开数据库文件 \(path)：\(error)")
        }
    }
}

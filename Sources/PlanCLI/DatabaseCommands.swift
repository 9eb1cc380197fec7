import ArgumentParser
import Foundation
import PlanCore
import PlanStore

/// `hcm migrate`: create the database or bring its schema up to date.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or update the database schema.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await database.withStore { _ in }
        print("数据库已就绪：\(database.location())")
    }
}

/// `hcm backup --to FILE`: a consistent copy of the live SQLite database, taken while it serves.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the SQLite database, online and consistent.")

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("to"), help: "The backup file to write (must not exist).")
    var destination: String

    func validate() throws {
        if case .postgres = database.location() {
            throw ValidationError("PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump --format=custom \"$DATABASE_URL\" > hcm.dump")
        }
        if FileManager.default.fileExists(atPath: destination) {
            throw ValidationError("备份文件 \(destination) 已存在；为免覆盖，请换一个文件名")
        }
    }

    func run() async throws {
        try database.openSQLite().backup(to: destination)
        print("已备份到 \(destination)")
    }
}

/// `hcm restore FILE`: replace the SQLite database's content with a backup's, in one step; the backup file is
/// only read, and every session ends (everyone signs in again).
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Restore the SQLite database from a backup file.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "A file written by hcm backup.")
    var backup: String

    func validate() throws {
        if case .postgres = database.location() {
            throw ValidationError("PostgreSQL 数据库请用 pg_restore 恢复")
        }
        guard FileManager.default.fileExists(atPath: backup) else { throw ValidationError("备份文件 \(backup) 不存在") }
    }

    func run() async throws {
        let live = try database.openSQLite()
        do {
            try live.restore(from: backup)
        } catch {
            throw ValidationError("无法从 \(backup) 恢复：\(error)")
        }
        print("已从 \(backup) 恢复；所有登录会话已结束，请重新登录")
    }
}

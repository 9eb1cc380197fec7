import ArgumentParser
import Foundation
import PlanCore
import PlanStore

/// `hcm departments list|add|alias`: the departments reporters belong to, as the API's /departments keeps them.
struct DepartmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "departments", abstract: "List and maintain departments.", subcommands: [DepartmentsList.self, DepartmentsAdd.self, DepartmentsAlias.self])
}

struct DepartmentList: Encodable, TextRepresentable {
    var departments: [Department]

    func encode(to encoder: any Encoder) throws { try departments.encode(to: encoder) }

    var textLines: [String] {
        departments.isEmpty
            ? ["（没有部门）"]
            : departments.map { "#\($0.id ?? 0)  \($0.name)" + ($0.aliases.isEmpty ? "" : "（又称：\($0.aliases.joined(separator: "、"))）") }
    }
}

struct DepartmentsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the departments with their aliases.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try output.write(DepartmentList(departments: try await database.withStore { try await $0.departments() }))
    }
}

struct DepartmentsAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a department.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The department's full name (市卫生计生委).")
    var name: String

    @Option(help: "Another name plans use for it (卫计); repeat for several.")
    var alias: [String] = []

    func validate() throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= TextLimits.name else { throw ValidationError("部门名称不能为空，且不超过 \(TextLimits.name) 字") }
        guard !DepartmentNames.isCollective(name) else { throw ValidationError("“\(name)”是统称（各…、有关部门），不是一个部门") }
    }

    func run() async throws {
        let id = try await database.withStore { store in
            if let existing = try await store.departments().first(where: { $0.isNamed(name) }) {
                throw ValidationError("已有部门“\(existing.name)”（#\(existing.id ?? 0)）使用这个名称")
            }
            return try await store.saveDepartment(Department(name: name, aliases: alias), actor: "cli", at: ISO8601DateFormatter().string(from: Date()))
        }
        print("已添加部门 #\(id)：\(name)")
    }
}

struct DepartmentsAlias: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "alias", abstract: "Add another name to a department.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The department (its name or an alias).")
    var department: String

    @Argument(help: "The other name (卫计).")
    var alias: String

    func run() async throws {
        let saved = try await database.withStore { store in
            let departments = try await store.departments()
            guard var found = departments.first(where: { $0.isNamed(department) }) else {
                throw ValidationError("没有名为“\(department)”的部门；已有：\(departments.map(\.name).joined(separator: "、"))")
            }
            if let other = departments.first(where: { $0.isNamed(alias) && $0.id != found.id }) {
                throw ValidationError("“\(alias)”已是部门“\(other.name)”的名称")
            }
            if !found.isNamed(alias) { found.aliases.append(alias) }
            _ = try await store.saveDepartment(found, actor: "cli", at: ISO8601DateFormatter().string(from: Date()))
            return found
        }
        print("部门“\(saved.name)”又称：\(saved.aliases.joined(separator: "、"))")
    }
}

/// `hcm regions list|add`: the regions observations are reported for, by code and name.
struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions", abstract: "List and add regions.", subcommands: [RegionsList.self, RegionsAdd.self])
}

extension Region.Level: ExpressibleByArgument {}

struct RegionList: Encodable, TextRepresentable {
    var regions: [Region]

    func encode(to encoder: any Encoder) throws { try regions.encode(to: encoder) }

    var textLines: [String] {
        regions.isEmpty ? ["（没有地区）"] : regions.map { "\($0.code)  \($0.name)  \($0.level.rawValue)" + ($0.parentCode.map { "  上级 \($0)" } ?? "") }
    }
}

struct RegionsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the regions.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try output.write(RegionList(regions: try await database.withStore { try await $0.regions() }))
    }
}

struct RegionsAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a region, or rename one whose code exists.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The administrative code (330302).")
    var code: String

    @Argument(help: "The name (鹿城区).")
    var name: String

    @Option(help: "province, city, county or township.")
    var level: Region.Level = .county

    @Option(help: "The parent region's code.")
    var parent: String?

    func validate() throws {
        guard code.range(of: #"^\d{6}(\d{3})?$"#, options: .regularExpression) != nil else {
            throw ValidationError("地区代码应为 6 位（或 9 位）数字")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= TextLimits.name else {
            throw ValidationError("地区名称不能为空，且不超过 \(TextLimits.name) 字")
        }
    }

    func run() async throws {
        try await database.withStore { store in
            try await store.saveRegions(
                [Region(code: code, name: name, level: level, parentCode: parent)], actor: "cli", at: ISO8601DateFormatter().string(from: Date()))
        }
        print("已保存地区 \(code) \(name)")
    }
}

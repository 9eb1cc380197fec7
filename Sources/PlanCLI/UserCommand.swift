import ArgumentParser
import Foundation
import HummingbirdBcrypt
import PlanCore
import PlanStore

/// `hcm user add`: create a user, with the password read from standard input or generated and printed once.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [UserAdd.self])
}

extension User.Role: ExpressibleByArgument {}

struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The login name.")
    var username: String

    @Option(help: "admin, reviewer, reporter or viewer.")
    var role: User.Role

    @Option(help: "The name shown in the application.")
    var name: String?

    @Option(help: "The department (its name or one of its aliases); required for reporters.")
    var department: String?

    @Option(help: "The region code; required for reporters.")
    var region: String?

    @Option(help: "Where reminders are mailed (e.g. wsj@example.cn).")
    var email: String?

    @Flag(help: "Read the password from standard input instead of generating one.")
    var passwordStdin = false

    func validate() throws {
        guard username.range(of: #"^[A-Za-z0-9_.\-]{2,32}$"#, options: .regularExpression) != nil else {
            throw ValidationError("用户名只能由 2–32 个字母、数字、下划线、点或连字符组成")
        }
        if role == .reporter, department == nil || region == nil {
            throw ValidationError("填报员（reporter）必须指定 --department 和 --region")
        }
    }

    func run() async throws {
        try await database.withStore { store in try await add(to: store) }
    }

    private func add(to store: any PlanRepository) async throws {
        var departmentID: Int64?
        if let department {
            let departments = try await store.departments()
            // A name or alias, else the one department it abbreviates (卫计 → 市卫生计生委).
            guard let found = DepartmentNames.department(for: department, in: departments) else {
                throw ValidationError(
                    "没有名为“\(department)”的部门。" + (departments.isEmpty
                        ? "还没有任何部门：发布规划（hcm plans add --publish）或 hcm departments add 会创建部门"
                        : "已有：\(departments.map(\.name).joined(separator: "、"))；可用 hcm departments alias 添加别名"))
            }
            departmentID = found.id
        }
        let password: String
        if passwordStdin {
            password = (readLine(strippingNewline: true) ?? "")
            guard password.count >= 8 else { throw ValidationError("密码至少 8 个字符") }
        } else {
            password = Self.generatedPassword()
        }
        let user = try await store.createUser(
            User(
                username: username, displayName: name ?? username, role: role, departmentID: departmentID, regionCode: region,
                email: email),
            passwordHash: Bcrypt.hash(password), actor: "cli", at: ISO8601DateFormatter().string(from: Date()))
        print("已创建用户 \(user.username)（\(user.role.rawValue)）")
        if !passwordStdin { print("初始密码（只显示这一次）：\(password)") }
    }

    /// 16 characters from an alphabet without look-alikes.
    static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

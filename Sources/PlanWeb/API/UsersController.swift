import Hummingbird
import HummingbirdBcrypt
import PlanCore

/// Users, managed by administrators.
struct UsersController {
    let config: AppConfig

    struct NewUser: Decodable {
        var username: String
        var displayName: String
        var role: User.Role
        var departmentID: Int64?
        var regionCode: String?
        var password: String
        /// Where reminders are mailed.
        var email: String?
    }

    func add(to router: Router<AppRequestContext>) {
        router.post("/api/v1/users") { request, context -> Response in
            let admin = try context.require(.admin)
            let body = try await request.decode(as: NewUser.self, context: context)
            guard body.username.range(of: #"^[A-Za-z0-9_.\-]{2,32}$"#, options: .regularExpression) != nil else {
                throw APIError(.unprocessableContent, code: "invalid", message: "用户名只能由 2–32 个字母、数字、下划线、点或连字符组成", field: "username")
            }
            guard body.password.count >= 8 else {
                throw APIError(.unprocessableContent, code: "invalid", message: "密码至少 8 个字符", field: "password")
            }
            if body.role == .reporter, body.departmentID == nil || body.regionCode == nil {
                throw APIError(.unprocessableContent, code: "invalid", message: "填报员必须指定部门和地区", field: "departmentID")
            }
            if let id = body.departmentID, try await !config.store.departments().contains(where: { $0.id == id }) {
                throw APIError(.unprocessableContent, code: "invalid", message: "部门 \(id) 不存在", field: "departmentID")
            }
            let user = try await config.store.createUser(
                User(
                    username: body.username, displayName: body.displayName, role: body.role, departmentID: body.departmentID,
                    regionCode: body.regionCode, email: body.email),
                passwordHash: Bcrypt.hash(body.password, cost: config.bcryptCost), actor: admin.username, at: config.now)
            var response = try user.response(from: request, context: context)
            response.status = .created
            return response
        }
        router.get("/api/v1/users") { _, context in
            _ = try context.require(.admin)
            return try await config.store.users()
        }
        router.get("/api/v1/users/:id") { request, context -> User in
            let caller = try context.requireUser()
            let id = try context.pathID()
            guard caller.role == .admin || caller.id == id else { throw APIError.forbidden }
            guard let user = try await config.store.user(id: id) else { throw APIError.notFound("用户 \(id)") }
            return user
        }
    }
}

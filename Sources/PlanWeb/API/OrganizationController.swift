import Foundation
import Hummingbird
import PlanCore
import PlanStore

/// The region tree and the departments: everyone signed in reads them, administrators maintain them.
struct OrganizationController {
    let config: AppConfig

    struct DepartmentBody: Decodable {
        var name: String
        var aliases: [String]?
        var regionCode: String?
    }

    func add(to router: Router<AppRequestContext>) {
        router.get("/api/v1/regions") { _, context in
            _ = try context.requireUser()
            return try await config.store.regions()
        }
        router.put("/api/v1/regions", use: saveRegions)
        router.get("/api/v1/departments") { _, context in
            _ = try context.requireUser()
            return try await config.store.departments()
        }
        router.post("/api/v1/departments") { request, context -> Response in
            var response = try await saveDepartment(id: nil, request: request, context: context)
                .response(from: request, context: context)
            response.status = .created
            return response
        }
        router.put("/api/v1/departments/:id") { request, context in
            try await saveDepartment(id: try context.pathID(), request: request, context: context)
        }
    }

    /// Adds regions or renames/moves existing ones. Each parent must exist already or come in the same request.
    @Sendable func saveRegions(_ request: Request, context: AppRequestContext) async throws -> [Region] {
        let admin = try context.require(.admin)
        let regions = try await request.decode(as: [Region].self, context: context)
        guard !regions.isEmpty, regions.count <= 5000 else {
            throw APIError(.unprocessableContent, code: "invalid", message: "一次应提交 1–5000 个地区", field: "regions")
        }
        var known = Set(try await config.store.regions().map(\.code))
        for (index, region) in regions.enumerated() {
            guard region.code.utf8.count <= 12, !region.code.isEmpty, region.code.utf8.allSatisfy({ (48...57).contains($0) }) else {
                throw APIError(.unprocessableContent, code: "invalid", message: "第 \(index + 1) 个地区的代码应为 1–12 位数字", field: "regions[\(index)].code")
            }
            guard !region.name.isEmpty, region.name.count <= 50 else {
                throw APIError(.unprocessableContent, code: "invalid", message: "第 \(index + 1) 个地区的名称应为 1–50 字", field: "regions[\(index)].name")
            }
            if let parent = region.parentCode, !known.contains(parent) {
                throw APIError(.unprocessableContent, code: "invalid", message: "第 \(index + 1) 个地区的上级“\(parent)”不存在", field: "regions[\(index)].parentCode")
            }
            known.insert(region.code)
        }
        try await config.store.saveRegions(regions, actor: admin.username, at: config.now)
        return try await config.store.regions()
    }

    private func saveDepartment(id: Int64?, request: Request, context: AppRequestContext) async throws -> Department {
        let admin = try context.require(.admin)
        let body = try await request.decode(as: DepartmentBody.self, context: context)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 60 else {
            throw APIError(.unprocessableContent, code: "invalid", message: "部门名称应为 1–60 字", field: "name")
        }
        let aliases = (body.aliases ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard aliases.count <= 20, aliases.allSatisfy({ $0.count <= 60 }) else {
            throw APIError(.unprocessableContent, code: "invalid", message: "别名最多 20 个，每个不超过 60 字", field: "aliases")
        }
        // A name or alias names one department only: the plan's lead columns are matched against them.
        let others = try await config.store.departments().filter { $0.id != id }
        if let taken = ([name] + aliases).first(where: { written in others.contains { $0.isNamed(written) } }) {
            throw APIError(.unprocessableContent, code: "invalid", message: "“\(taken)”已是另一个部门的名称或别名", field: "aliases")
        }
        let department = Department(id: id, name: name, aliases: aliases, regionCode: body.regionCode)
        let saved = try await config.store.saveDepartment(department, actor: admin.username, at: config.now)
        return Department(id: saved, name: name, aliases: aliases, regionCode: body.regionCode)
    }
}

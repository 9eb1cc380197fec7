import Hummingbird

/// The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`. Kept beside the routes it
/// describes; a test checks that every route registered is described here.
enum OpenAPIDocument {
    static let paths: [(path: String, method: String, summary: String, roles: String)] = [
        ("/api/v1/auth/login", "post", "Sign in; returns a bearer token", "anyone"),
        ("/api/v1/auth/logout", "post", "Sign out (ends the token's session)", "signed in"),
        ("/api/v1/me", "get", "The signed-in user", "signed in"),
        ("/api/v1/plans", "get", "List plans", "signed in"),
        ("/api/v1/plans", "post", "Upload a plan document (body = file, ?filename=) → draft with warnings", "admin"),
        ("/api/v1/plans/{id}", "get", "A plan as Plan JSON with current targets", "signed in"),
        ("/api/v1/plans/{id}/publish", "post", "Publish a draft plan", "admin"),
        ("/api/v1/plans/{id}/archive", "post", "Archive a plan (kept, read-only)", "admin"),
        ("/api/v1/plans/{id}/task-progress", "get", "Task progress reports (?year=&region=; reporters: their region)", "signed in"),
        ("/api/v1/plans/{id}/task-progress", "post", "Report a task's progress for a region and year (versioned)", "reporter, admin"),
        ("/api/v1/plans/{id}/indicators", "get", "The plan's indicators with their ids", "signed in"),
        ("/api/v1/plans/{id}/cycles", "get", "Reporting cycles", "signed in"),
        ("/api/v1/plans/{id}/cycles", "post", "Open the reporting cycle of a year", "admin"),
        ("/api/v1/plans/{id}/revisions", "get", "Target revisions of the plan", "signed in"),
        ("/api/v1/plans/{id}/evaluation", "get", "Evaluation and scores for a year (?year=&region=), as hcm evaluate --json", "admin, reviewer, viewer"),
        ("/api/v1/plans/{id}/report", "get", "The annual report (?year=&format=docx|html|xlsx|csv|scorecards&region=)", "admin, reviewer, viewer"),
        ("/api/v1/plans/{id}/scoring-schemes", "get", "Every version of the plan's scoring scheme", "admin, reviewer, viewer"),
        ("/api/v1/plans/{id}/scoring-schemes", "post", "Save a new version of the scoring scheme", "admin"),
        ("/api/v1/plans/{id}/decisions", "get", "Reviewers' decisions on qualitative items (?year=)", "admin, reviewer, viewer"),
        ("/api/v1/plans/{id}/decisions", "post", "Decide a qualitative item (verdict, evidence), kept with its author", "reviewer, admin"),
        ("/api/v1/template", "get", "The reporter's offline data-entry template (XLSX) for the open cycle", "reporter"),
        ("/api/v1/template", "post", "Upload a filled-in template (body = file, ?action=saveDraft|submit); all rows or none", "reporter"),
        ("/api/v1/regions", "get", "Regions", "signed in"),
        ("/api/v1/regions", "put", "Add or update regions (parents first or existing)", "admin"),
        ("/api/v1/departments", "get", "Departments with aliases", "signed in"),
        ("/api/v1/departments", "post", "Add a department with its aliases", "admin"),
        ("/api/v1/departments/{id}", "put", "Rename a department or change its aliases", "admin"),
        ("/api/v1/observations", "get", "Observations (?plan=&year=&region=)", "signed in"),
        ("/api/v1/observations", "post", "Save or submit a department's form in one batch", "reporter, admin"),
        ("/api/v1/observations/review", "post", "Approve or return observations in one batch", "reviewer, admin"),
        ("/api/v1/observations/{id}/history", "get", "Every version of an observation", "signed in"),
        ("/api/v1/revisions", "post", "Propose a target revision", "reviewer, admin"),
        ("/api/v1/revisions/{id}/decision", "post", "Approve or reject a target revision", "admin"),
        ("/api/v1/users", "get", "List users", "admin"),
        ("/api/v1/users", "post", "Create a user", "admin"),
        ("/api/v1/users/{id}", "get", "A user (admins, or the user themself)", "signed in"),
    ]

    static let json: String = {
        var byPath: [String: [String]] = [:]
        var order: [String] = []
        for entry in paths {
            if byPath[entry.path] == nil { order.append(entry.path) }
            let parameters =
                entry.path.contains("{id}")
                ? #", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]"# : ""
            let security = entry.roles == "anyone" ? #", "security": []"# : ""
            byPath[entry.path, default: []].append(
                """
                "\(entry.method)": {"summary": "\(entry.summary)", "description": "Roles: \(entry.roles)"\(parameters)\(security),
                  "responses": {"200": {"description": "OK"}, "default": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}
                """)
        }
        let pathsJSON = order.map { "\"\($0)\": {\(byPath[$0]!.joined(separator: ", "))}" }.joined(separator: ",\n")
        return """
            {"openapi": "3.0.3",
             "info": {"title": "hcm — Healthy City Monitor API", "version": "1"},
             "servers": [{"url": "/"}],
             "security": [{"bearer": []}],
             "components": {
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
               "schemas": {"Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
                 "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                 "field": {"type": "string", "nullable": true}, "currentVersion": {"type": "integer", "nullable": true}}}}}}},
             "paths": {
            \(pathsJSON)
             }}
            """
    }()

    static var response: Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}

import Hummingbird
import PlanReports

/// The OpenAPI 3 description of `/api/v1`, served at `/api/v1/openapi.json`: every operation with the roles
/// allowed, the query and path parameters it reads and its request body (schemas in
/// `OpenAPIDocument+Schemas.swift`), so that a client, or a fuzzer such as `Tests/Security/api_probe.py`, can
/// build meaningful requests. Kept beside the routes it describes; a test checks that every route registered
/// is described here.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var roles: String
        var query: [QueryParameter] = []
        var body: Body? = nil
        var success: Success = .json
    }

    enum Body {
        /// JSON of the named schema in `components.schemas`.
        case json(String)
        /// A file sent as the raw body.
        case file
    }

    enum Success {
        case json, created, noContent
        /// A file, in one of these content types.
        case file([String])
    }

    struct QueryParameter {
        var name: String
        var schema: String
        var required = false
        var description: String

        static let year = QueryParameter(name: "year", schema: yearSchema, description: "Reporting year")
        static let requiredYear = QueryParameter(name: "year", schema: yearSchema, required: true, description: "Reporting year")
        static let region = QueryParameter(name: "region", schema: #"{"type": "string"}"#, description: "Region code, e.g. 330302")
    }

    static let operations: [Operation] = [
        .init(method: "post", path: "/api/v1/auth/login", summary: "Sign in; returns a bearer token", roles: "anyone", body: .json("Login")),
        .init(method: "post", path: "/api/v1/auth/logout", summary: "Sign out (ends the token's session)", roles: "signed in", success: .noContent),
        .init(method: "get", path: "/api/v1/me", summary: "The signed-in user", roles: "signed in"),
        .init(method: "get", path: "/api/v1/plans", summary: "List plans", roles: "signed in"),
        .init(
            method: "post", path: "/api/v1/plans", summary: "Upload a plan document → draft with warnings", roles: "admin",
            query: [.init(name: "filename", schema: #"{"type": "string", "minLength": 1}"#, required: true, description: "The document's name; its extension picks the reader (.txt, .docx, .xlsx, .csv)")],
            body: .file, success: .created),
        .init(method: "get", path: "/api/v1/plans/{id}", summary: "A plan as Plan JSON with current targets", roles: "signed in"),
        .init(
            method: "post", path: "/api/v1/plans/{id}/publish",
            summary: "Publish a draft plan with its indicators, creating the departments confirmed (body {departments}) or proposed (empty body)",
            roles: "admin"),
        .init(method: "post", path: "/api/v1/plans/{id}/archive", summary: "Archive a plan (kept, read-only)", roles: "admin", success: .noContent),
        .init(
            method: "get", path: "/api/v1/plans/{id}/task-progress", summary: "Task progress reports (reporters: their region)",
            roles: "signed in", query: [.year, .region]),
        .init(
            method: "post", path: "/api/v1/plans/{id}/task-progress", summary: "Report a task's progress for a region and year (versioned)",
            roles: "reporter, admin", body: .json("TaskProgressReport")),
        .init(method: "get", path: "/api/v1/plans/{id}/indicators", summary: "The plan's indicators with their ids", roles: "signed in"),
        .init(method: "get", path: "/api/v1/plans/{id}/cycles", summary: "Reporting cycles", roles: "signed in"),
        .init(method: "post", path: "/api/v1/plans/{id}/cycles", summary: "Open the reporting cycle of a year", roles: "admin", body: .json("CycleRequest")),
        .init(method: "get", path: "/api/v1/plans/{id}/revisions", summary: "Target revisions of the plan", roles: "signed in"),
        .init(
            method: "get", path: "/api/v1/plans/{id}/evaluation", summary: "Evaluation and scores for a year, as hcm evaluate --json",
            roles: "admin, reviewer, viewer", query: [.requiredYear, .region]),
        .init(
            method: "put", path: "/api/v1/plans/{id}", summary: "Correct a draft plan's title, region, period, base year and deadline",
            roles: "admin", body: .json("PlanHeading"), success: .noContent),
        .init(
            method: "put", path: "/api/v1/indicators/{id}/plausible-range",
            summary: "Set the indicator's own plausible range of values (both ends null: the default from unit and name)",
            roles: "admin, reviewer", body: .json("PlausibleRange"), success: .noContent),
        .init(
            method: "get", path: "/api/v1/plans/{id}/department-proposals",
            summary: "The departments publishing would create: aliases folded, collective names set apart", roles: "admin"),
        .init(
            method: "get", path: "/api/v1/plans/{id}/board",
            summary: "The board: counts by domain, lead department and region, from the same evaluation as hcm evaluate",
            roles: "admin, reviewer, viewer", query: [.requiredYear, .region]),
        .init(
            method: "get", path: "/api/v1/plans/{id}/report", summary: "The annual report (HTML shown, the other formats downloaded)",
            roles: "admin, reviewer, viewer",
            query: [
                .requiredYear, .region,
                .init(name: "format", schema: enumSchema(AnnualReport.formats), description: "Report format; html when absent"),
            ],
            success: .file(Array(Set(Download.types.values)).sorted())),
        .init(method: "get", path: "/api/v1/plans/{id}/scoring-schemes", summary: "Every version of the plan's scoring scheme", roles: "admin, reviewer, viewer"),
        .init(
            method: "post", path: "/api/v1/plans/{id}/scoring-schemes", summary: "Save a new version of the scoring scheme", roles: "admin",
            body: .json("ScoringScheme"), success: .created),
        .init(method: "get", path: "/api/v1/plans/{id}/decisions", summary: "Reviewers' decisions on qualitative items", roles: "admin, reviewer, viewer", query: [.year]),
        .init(
            method: "post", path: "/api/v1/plans/{id}/decisions", summary: "Decide a qualitative item (verdict, evidence), kept with its author",
            roles: "reviewer, admin", body: .json("DecisionRequest")),
        .init(
            method: "get", path: "/api/v1/template", summary: "The reporter's offline data-entry template (XLSX) for the open cycle", roles: "reporter",
            success: .file([Download.types["xlsx"]!])),
        .init(
            method: "post", path: "/api/v1/template", summary: "Upload a filled-in template; all rows or none", roles: "reporter",
            query: [.init(name: "action", schema: enumSchema(["saveDraft", "submit"]), description: "saveDraft when absent")], body: .file),
        .init(method: "get", path: "/api/v1/regions", summary: "Regions", roles: "signed in"),
        .init(method: "put", path: "/api/v1/regions", summary: "Add or update regions (parents first or existing)", roles: "admin", body: .json("Regions")),
        .init(method: "get", path: "/api/v1/departments", summary: "Departments with aliases", roles: "signed in"),
        .init(method: "post", path: "/api/v1/departments", summary: "Add a department with its aliases", roles: "admin", body: .json("Department"), success: .created),
        .init(method: "put", path: "/api/v1/departments/{id}", summary: "Rename a department or change its aliases", roles: "admin", body: .json("Department")),
        .init(
            method: "get", path: "/api/v1/observations", summary: "Observations (reporters: other regions' approved values only)", roles: "signed in",
            query: [.init(name: "plan", schema: integer, required: true, description: "Plan id"), .year, .region]),
        .init(
            method: "post", path: "/api/v1/observations", summary: "Save or submit a department's form in one batch", roles: "reporter, admin",
            body: .json("ObservationBatch")),
        .init(
            method: "post", path: "/api/v1/observations/review", summary: "Approve or return observations in one batch", roles: "reviewer, admin",
            body: .json("ObservationBatch")),
        .init(method: "get", path: "/api/v1/observations/{id}/history", summary: "Every version of an observation", roles: "signed in"),
        .init(method: "post", path: "/api/v1/revisions", summary: "Propose a target revision", roles: "reviewer, admin", body: .json("RevisionProposal")),
        .init(method: "post", path: "/api/v1/revisions/{id}/decision", summary: "Approve or reject a target revision", roles: "admin", body: .json("RevisionDecision")),
        .init(method: "get", path: "/api/v1/users", summary: "List users", roles: "admin"),
        .init(method: "post", path: "/api/v1/users", summary: "Create a user", roles: "admin", body: .json("NewUser"), success: .created),
        .init(method: "get", path: "/api/v1/users/{id}", summary: "A user (admins, or the user themself)", roles: "signed in"),
        .init(method: "get", path: "/api/v1/inbox", summary: "The signed-in user's inbox and unread count", roles: "signed in"),
        .init(method: "post", path: "/api/v1/inbox/{id}/read", summary: "Mark an inbox message read", roles: "signed in", success: .noContent),
        .init(method: "get", path: "/api/v1/reminders", summary: "Reminders and escalations sent, receipts, extension requests (督办)", roles: "admin, reviewer, viewer"),
        .init(
            method: "get", path: "/api/v1/reminders/order", summary: "The 督办通知单 (DOCX) of a red escalation", roles: "admin, reviewer, viewer",
            query: [.init(name: "key", schema: #"{"type": "string"}"#, required: true, description: "The escalation's key, as GET /api/v1/reminders lists it")],
            success: .file([Download.types["docx"]!])),
        .init(method: "get", path: "/api/v1/plans/{id}/reminder-policy", summary: "The plan's reminder rules (the defaults until set)", roles: "admin, reviewer, viewer"),
        .init(
            method: "put", path: "/api/v1/plans/{id}/reminder-policy", summary: "Change the plan's reminder rules", roles: "admin, reviewer",
            body: .json("ReminderPolicy")),
        .init(method: "post", path: "/api/v1/receipts", summary: "Sign for a 交办 or 督办 in the inbox (签收)", roles: "reporter", body: .json("ReceiptRequest")),
        .init(method: "post", path: "/api/v1/extensions", summary: "Ask for a later deadline (延期申请)", roles: "reporter", body: .json("ExtensionRequest"), success: .created),
        .init(method: "post", path: "/api/v1/extensions/{id}/decision", summary: "Approve or reject an extension request", roles: "reviewer, admin", body: .json("ExtensionDecision")),
    ]

    static let json: String = {
        var byPath: [String: [String]] = [:]
        var order: [String] = []
        for operation in operations {
            if byPath[operation.path] == nil { order.append(operation.path) }
            byPath[operation.path, default: []].append("\"\(operation.method)\": \(operation.json)")
        }
        let pathsJSON = order.map { "\"\($0)\": {\(byPath[$0]!.joined(separator: ",\n  "))}" }.joined(separator: ",\n")
        return """
            {"openapi": "3.0.3",
             "info": {"title": "hcm — Healthy City Monitor API", "version": "1"},
             "servers": [{"url": "/"}],
             "security": [{"bearer": []}],
             "components": {
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
               "schemas": \(schemas)},
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

    /// Swift's Int and Int64: a number past their range does not decode, so it is no valid input.
    static let integer = #"{"type": "integer", "format": "int64", "minimum": \#(Int64.min), "maximum": \#(Int64.max)}"#
    static let yearSchema = #"{"type": "integer", "minimum": \#(Years.range.lowerBound), "maximum": \#(Years.range.upperBound)}"#
    static let nullableInteger = #"{"type": "integer", "format": "int64", "nullable": true, "minimum": \#(Int64.min), "maximum": \#(Int64.max)}"#

    static func enumSchema(_ values: [String], nullable: Bool = false) -> String {
        let list = values.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"type": "string", "nullable": \#(nullable), "enum": [\#(list)]}"#
    }
}

extension OpenAPIDocument.Operation {
    var json: String {
        var parameters = query.map {
            #"{"name": "\#($0.name)", "in": "query", "required": \#($0.required), "description": "\#($0.description)", "schema": \#($0.schema)}"#
        }
        if path.contains("{id}") {
            parameters.insert(#"{"name": "id", "in": "path", "required": true, "schema": \#(OpenAPIDocument.integer)}"#, at: 0)
        }
        var fields = [#""summary": "\#(summary)""#, #""description": "Roles: \#(roles)""#]
        if !parameters.isEmpty { fields.append(#""parameters": [\#(parameters.joined(separator: ", "))]"#) }
        switch body {
        case .json(let schema):
            fields.append(##""requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/\##(schema)"}}}}"##)
        case .file:
            fields.append(#""requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}"#)
        case nil: break
        }
        if roles == "anyone" { fields.append(#""security": []"#) }
        let error = ##""default": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}"##
        let success: String
        switch self.success {
        case .json: success = #""200": {"description": "OK", "content": {"application/json": {}}}"#
        case .created: success = #""201": {"description": "Created", "content": {"application/json": {}}}"#
        case .noContent: success = #""204": {"description": "Done"}"#
        case .file(let types):
            success = #""200": {"description": "The file", "content": {\#(types.map { "\"\($0)\": {}" }.joined(separator: ", "))}}"#
        }
        fields.append(#""responses": {\#(success), \#(error)}"#)
        return "{\(fields.joined(separator: ", "))}"
    }
}

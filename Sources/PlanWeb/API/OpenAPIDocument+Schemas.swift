import PlanCore

extension OpenAPIDocument {
    /// `components.schemas`: the error body and every JSON request body, as the controllers' Decodable types read
    /// them — a Swift optional is an optional, nullable property; enums list the Swift cases; the lengths,
    /// patterns and counts are the controllers' own checks, which answer 422 naming the field.
    static let schemas = """
        {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
            "required": ["code", "message"], "properties": {
              "code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"},
              "currentVersion": {"type": "integer", "description": "For a stale write (409): the version the record is at now"},
              "problems": {"type": "array", "description": "For an uploaded template: every problem by sheet, row and column",
                "items": {"type": "object", "required": ["sheet", "message"], "properties": {
                  "sheet": {"type": "string"}, "row": {"type": "integer"}, "column": {"type": "string"}, "message": {"type": "string"}}}}}}}},
          "Login": {"type": "object", "required": ["username", "password"], "properties": {
            "username": {"type": "string"}, "password": {"type": "string"}}},
          "CycleRequest": {"type": "object", "required": ["year"], "properties": {
            "year": \(yearSchema),
            "opens": {"type": "string", "nullable": true, "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "Default: the year after, 1 January"},
            "deadline": {"type": "string", "nullable": true, "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "Default: the plan's deadline"}}},
          "TaskProgressReport": {"type": "object", "description": "expectedVersion: the version last read; absent for a first report", "required": ["actionIndex", "taskIndex", "year", "status"], "properties": {
            "actionIndex": \(integer), "taskIndex": \(integer), "year": \(yearSchema),
            "regionCode": {"type": "string", "nullable": true, "description": "Default: the reporter's region"},
            "status": \(enumSchema(TaskProgress.Status.allCases.map(\.rawValue))),
            "note": {"type": "string", "nullable": true},
            "expectedVersion": \(nullableInteger)}},
          "ScoringScheme": {"type": "object",
            "required": ["version", "defaultWeight", "indicatorWeights", "domainWeights", "whenNotMet", "qualitativeItems", "late", "returned"],
            "properties": {
              "version": \(integer), "planTitle": {"type": "string", "nullable": true},
              "defaultWeight": {"type": "number"},
              "indicatorWeights": {"type": "object", "additionalProperties": {"type": "number"}, "description": "By indicator code"},
              "domainWeights": {"type": "object", "additionalProperties": {"type": "number"}, "description": "By top-level domain"},
              "whenNotMet": \(enumSchema(ScoringScheme.NotMetRule.allCases.map(\.rawValue))),
              "qualitativeItems": \(enumSchema(ScoringScheme.QualitativeRule.allCases.map(\.rawValue))),
              "late": {"$ref": "#/components/schemas/DeductionRule"}, "returned": {"$ref": "#/components/schemas/DeductionRule"}}},
          "DeductionRule": {"type": "object", "required": ["perSubmission"], "properties": {
            "perSubmission": {"type": "number"}, "cap": {"type": "number", "nullable": true}}},
          "DecisionRequest": {"type": "object", "required": ["regionCode", "year", "verdict", "evidence"], "properties": {
            "indicatorID": \(nullableInteger),
            "indicator": {"type": "string", "nullable": true, "description": "Instead of indicatorID: the indicator's code, or its name where it has none (refused where two tables share it)"},
            "regionCode": {"type": "string"}, "year": \(yearSchema),
            "verdict": \(enumSchema(ReviewerDecision.Verdict.allCases.map(\.rawValue))),
            "evidence": {"type": "string"}, "marks": {"type": "number", "nullable": true}}},
          "Regions": {"type": "array", "minItems": 1, "maxItems": 5000, "items": {"$ref": "#/components/schemas/Region"}},
          "Region": {"type": "object", "required": ["code", "name", "level"], "properties": {
            "code": {"type": "string", "pattern": "^[0-9]{1,12}$"}, "name": {"type": "string", "minLength": 1, "maxLength": 50},
            "level": \(enumSchema(Region.Level.allCases.map(\.rawValue))),
            "parentCode": {"type": "string", "nullable": true, "description": "Existing, or earlier in the same request"}}},
          "Department": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 60},
            "aliases": {"type": "array", "nullable": true, "maxItems": 20, "items": {"type": "string", "maxLength": 60}},
            "regionCode": {"type": "string", "nullable": true}}},
          "ObservationBatch": {"type": "object", "required": ["changes"], "properties": {
            "changes": {"type": "array", "minItems": 1, "maxItems": 2000, "items": {"$ref": "#/components/schemas/ObservationChange"}}}},
          "ObservationChange": {"type": "object", "required": ["indicatorID", "year"], "properties": {
            "indicatorID": \(integer), "year": \(yearSchema),
            "regionCode": {"type": "string", "nullable": true, "description": "Default: the reporter's region"},
            "action": \(enumSchema(ObservationAction.allCases.map(\.rawValue), nullable: true)),
            "valueText": {"type": "string", "nullable": true}, "unit": {"type": "string", "nullable": true},
            "evidence": {"type": "string", "nullable": true, "maxLength": 2000}, "comment": {"type": "string", "nullable": true, "maxLength": 2000},
            "explanation": {"type": "string", "nullable": true, "maxLength": 2000, "description": "说明: required when the value is more than half away from last year's approved one"},
            "expectedVersion": \(nullableInteger)}},
          "RevisionProposal": {"type": "object", "required": ["indicatorID", "year", "newText", "reason"], "properties": {
            "indicatorID": \(integer), "year": \(yearSchema), "newText": {"type": "string"}, "reason": {"type": "string"}}},
          "PlanHeading": {"type": "object", "required": ["title"], "properties": {
            "title": {"type": "string", "minLength": 1, "maxLength": 200}, "region": {"type": "string", "nullable": true, "maxLength": 200},
            "period": {"type": "object", "nullable": true, "required": ["start", "end"], "properties": {"start": \(yearSchema), "end": \(yearSchema)}},
            "baseYear": {"type": "integer", "nullable": true, "minimum": 1900, "maximum": 2100}, "reportingDeadline": {"type": "string", "nullable": true, "pattern": "^[0-9]{2}-[0-9]{2}$"}}},
          "PlausibleRange": {"type": "object", "properties": {
            "low": {"type": "number", "nullable": true, "minimum": -1e15, "maximum": 1e15},
            "high": {"type": "number", "nullable": true, "minimum": -1e15, "maximum": 1e15}}},
          "RevisionDecision": {"type": "object", "required": ["approve"], "properties": {"approve": {"type": "boolean"}}},
          "NewUser": {"type": "object", "description": "A reporter needs departmentID and regionCode", "required": ["username", "displayName", "role", "password"], "properties": {
            "username": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{2,32}$"}, "displayName": {"type": "string"},
            "role": \(enumSchema(User.Role.allCases.map(\.rawValue))),
            "departmentID": \(nullableInteger),
            "regionCode": {"type": "string", "nullable": true},
            "password": {"type": "string", "minLength": 8},
            "email": {"type": "string", "nullable": true}}},
          "ReceiptRequest": {"type": "object", "required": ["key"], "properties": {"key": {"type": "string"}}},
          "ExtensionRequest": {"type": "object", "required": ["planID", "year", "deadline", "reason"], "properties": {
            "planID": \(integer), "year": \(yearSchema), "deadline": {"type": "string", "description": "YYYY-MM-DD"}, "reason": {"type": "string"}}},
          "ExtensionDecision": {"type": "object", "required": ["approve"], "properties": {"approve": {"type": "boolean"}}},
          "ReminderPolicy": {"type": "object", "description": "Days before the deadline, the 催办 interval, escalation after days overdue, quiet hours in minutes of the day (China time)",
            "required": ["remindAtOpening", "daysBefore", "remindOnDeadline", "overdueEvery", "yellowAfter", "redAfter", "quietFrom", "quietUntil", "officeName", "leadership"],
            "properties": {
              "remindAtOpening": {"type": "boolean"}, "daysBefore": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 366}},
              "remindOnDeadline": {"type": "boolean"}, "overdueEvery": {"type": "integer", "minimum": 0, "maximum": 366},
              "yellowAfter": {"type": "integer", "minimum": 1, "maximum": 366}, "redAfter": {"type": "integer", "minimum": 2, "maximum": 367},
              "quietFrom": {"type": "integer", "minimum": 0, "maximum": 1439}, "quietUntil": {"type": "integer", "minimum": 0, "maximum": 1439},
              "officeName": {"type": "string", "minLength": 1}, "leadership": {"type": "array", "items": {"type": "string"}}}}
        }
        """
}

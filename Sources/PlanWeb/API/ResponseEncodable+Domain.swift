import Hummingbird
import PlanApp
import PlanCore

// Domain values are answered as JSON as they are.
extension Plan: ResponseEncodable {}
extension PlanSummary: ResponseEncodable {}
extension ReportingCycle: ResponseEncodable {}
extension Region: ResponseEncodable {}
extension Department: ResponseEncodable {}
extension User: ResponseEncodable {}
extension Observation: ResponseEncodable {}
extension TargetRevision: ResponseEncodable {}
extension TaskProgress: ResponseEncodable {}
extension AnnualEvaluation: ResponseEncodable {}
extension Board: ResponseEncodable {}
extension DepartmentProposals: ResponseEncodable {}
extension ScoringScheme: ResponseEncodable {}
extension ReviewerDecision: ResponseEncodable {}

import Foundation
import PlanCore

extension ObservationChange {
    /// The observation after this change, or why the change is refused. Shared by every implementation so
    /// SQLite and PostgreSQL judge a batch the same way.
    func applied(to current: Observation?, indicator: String, actor: String, at: String) throws -> Observation {
        if let current {
            guard let expectedVersion else {
                throw StoreError.conflict(expected: 0, current: current.version)
            }
            guard expectedVersion == current.version else {
                throw StoreError.conflict(expected: expectedVersion, current: current.version)
            }
        } else if let expectedVersion, expectedVersion != 0 {
            throw StoreError.notFound("observation of indicator \(indicatorID), \(regionCode), \(year)")
        }
        let status: Observation.Status
        do {
            status = try ObservationWorkflow.next(from: current?.status, on: action)
        } catch {
            throw StoreError.invalid(field: "action", message: error.message)
        }
        var next =
            current
            ?? Observation(indicatorID: indicatorID, indicator: indicator, regionCode: regionCode, year: year, valueText: "", version: 0)
        switch action {
        case .saveDraft, .submit:
            let text = (valueText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw StoreError.invalid(field: "valueText", message: "请填写数值") }
            guard text.count <= 500 else { throw StoreError.invalid(field: "valueText", message: "数值文字不能超过 500 字") }
            if case .unparsed = TargetExpression.parse(text), text.contains(where: \.isNumber) {
                throw StoreError.invalid(field: "valueText", message: "无法识别的数值“\(text)”")
            }
            next.valueText = text
            next.unit = unit ?? next.unit
            next.evidence = evidence ?? next.evidence
            next.comment = action == .submit ? nil : next.comment
        case .return:
            let note = (comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !note.isEmpty else { throw StoreError.invalid(field: "comment", message: "退回时请写明原因") }
            next.comment = note
        case .approve:
            next.comment = comment ?? next.comment
        }
        next.status = status
        next.version += 1
        next.updatedBy = actor
        next.updatedAt = at
        return next
    }
}

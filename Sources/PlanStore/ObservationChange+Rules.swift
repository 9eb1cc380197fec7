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
            // The value's own rules (`ObservationChange.checked`) ran before, in PlanApp; the store keeps only
            // its invariant: an observation has a value.
            let text = (valueText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw StoreError.invalid(field: "valueText", message: "请填写数值") }
            next.valueText = text
            next.unit = unit ?? next.unit
            next.evidence = evidence ?? next.evidence
            next.explanation = explanation
            if action == .submit { next.submittedBy = actor }
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

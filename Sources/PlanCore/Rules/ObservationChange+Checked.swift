/// Why the rules of a value refuse a change: the field at fault and what is wrong, in words for the person
/// who typed it, naming the indicator.
public struct RefusedValue: Error, Equatable, Sendable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// The longest text each field of a change takes: enough for any real entry, bounded so no field holds
/// a megabyte.
public enum TextLimits {
    public static let value = 200
    public static let unit = 20
    public static let evidence = 2000
    public static let explanation = 2000
    public static let comment = 2000
    public static let name = 200
}

extension ObservationChange {
    /// The change as it may be written, or why it is refused: the rules of a value, applied once for every
    /// path a value enters by (the API, the reporter's form, the offline template).
    ///
    /// Where the year's target is numeric the value must be numbers (`ObservedNumber`), one per part of a
    /// compound target, each inside the indicator's plausible range, and it is kept normalised ("１，２３４.５"
    /// → "1234.5"); a single value more than half away from `lastYear` (last year's approved observation)
    /// needs an explanation. A qualitative target takes a choice (`QualitativeChoice`) perhaps followed by
    /// text. Every text is bounded (`TextLimits`). Approvals and returns only have their comment checked.
    public func checked(against indicator: Indicator, lastYear: Observation?) throws(RefusedValue) -> ObservationChange {
        var change = self
        let name = "“\(indicator.name)”"
        change.comment = try Self.bounded(comment, field: "comment", limit: TextLimits.comment, what: "\(name)的意见")
        guard action == .saveDraft || action == .submit else { return change }
        change.evidence = try Self.bounded(evidence, field: "evidence", limit: TextLimits.evidence, what: "\(name)的佐证说明")
        change.explanation = try Self.bounded(explanation, field: "explanation", limit: TextLimits.explanation, what: "\(name)的说明")
        if let unit = Self.trimmed(unit), unit != (indicator.unit ?? "") {
            throw RefusedValue(
                field: "unit",
                message: indicator.unit.map { "\(name)的单位为“\($0)”，不能填报为“\(unit.prefix(TextLimits.unit))”" }
                    ?? "\(name)没有单位，不能填报单位“\(unit.prefix(TextLimits.unit))”")
        }
        change.unit = indicator.unit
        guard let text = Self.trimmed(valueText) else {
            throw RefusedValue(field: "valueText", message: "请填写\(name)的数值")
        }
        guard text.count <= TextLimits.value else {
            throw RefusedValue(field: "valueText", message: "\(name)的数值不能超过 \(TextLimits.value) 字")
        }
        let target = indicator.judgedTarget(for: year)
        switch target?.parsed {
        case let parsed? where parsed.expectsNumber:
            change.valueText = try Self.numbers(text, for: indicator, target: target!, lastYear: lastYear, explanation: change.explanation)
        case .qualitative?:
            let choices = QualitativeChoice.choices(for: target!.text)
            guard QualitativeChoice.choice(in: text, for: target!.text) != nil else {
                throw RefusedValue(
                    field: "valueText",
                    message: "\(name)的目标为“\(target!.text)”，请先选择“\(choices.met)”或“\(choices.notMet)”，可在其后补充文字")
            }
            change.valueText = text
        default:
            // A target a reviewer judges (an external reference, none): text is welcome; numbers are still
            // kept in the one normal form.
            change.valueText = ObservedNumber.normalised(text, unit: indicator.unit) ?? text
        }
        return change
    }

    private static func numbers(
        _ text: String, for indicator: Indicator, target: Target, lastYear: Observation?, explanation: String?
    ) throws(RefusedValue) -> String {
        let name = "“\(indicator.name)”"
        guard let parts = ObservedNumber.parts(text, unit: indicator.unit) else {
            throw RefusedValue(
                field: "valueText",
                message: "\(name)的目标为“\(target.text)”，应填写数值（只含数字和一个小数点\(indicator.unit.map { "，可带单位“\($0)”" } ?? "")），“\(text.prefix(40))”不是数值")
        }
        let expected = target.parsed.numberCount
        guard parts.count == expected else {
            throw RefusedValue(
                field: "valueText",
                message: expected == 1
                    ? "\(name)应填写一个数值，“\(text.prefix(40))”中有 \(parts.count) 个"
                    : "\(name)的目标“\(target.text)”有 \(expected) 项，应依次填写 \(expected) 个数值，以“；”分隔")
        }
        if let range = indicator.checkedRange, let outside = parts.first(where: { !range.contains($0.value) }) {
            throw RefusedValue(
                field: "valueText",
                message: "\(name)的数值 \(outside.digits)\(indicator.unit ?? "") 超出合理范围（\(range.text)\(indicator.unit ?? "")），请核对；确为此值请联系健康办调整该指标的合理范围")
        }
        if parts.count == 1, let last = lastYear?.value, last != 0, abs(parts[0].value - last) > abs(last) / 2, explanation == nil {
            throw RefusedValue(
                field: "explanation",
                message: "\(name)的数值 \(parts[0].digits) 与上年审核通过的 \(NumberText.format(last)) 相差超过一半，请填写说明")
        }
        return parts.map { $0.label + $0.digits }.joined(separator: "；")
    }

    /// The text without surrounding white space, nil when nothing is left.
    static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    private static func bounded(_ text: String?, field: String, limit: Int, what: String) throws(RefusedValue) -> String? {
        guard let text = trimmed(text) else { return nil }
        guard text.count <= limit else {
            throw RefusedValue(field: field, message: "\(what)不能超过 \(limit) 字（现有 \(text.count) 字）")
        }
        return text
    }
}

extension TargetExpression {
    /// Whether a value against this target is a number (or several): comparisons, ranges, changes and trends
    /// measure; qualitative targets and external references are judged by a reviewer.
    public var expectsNumber: Bool {
        switch self {
        case .comparison, .range, .relativeChange, .trend: true
        case .compound(let parts): parts.allSatisfy(\.expectsNumber)
        default: false
        }
    }

    /// How many numbers a value against this target has: one, or one per part of a compound target.
    var numberCount: Int {
        if case .compound(let parts) = self { return parts.count }
        return 1
    }
}

/// The choice a value against a qualitative target starts with: 达标/未达标, or 未发生/发生 for a target about
/// something not happening ("不发生"); text may follow ("达标：已出台实施方案").
public enum QualitativeChoice {
    public static func choices(for target: String) -> (met: String, notMet: String) {
        target.contains("发生") ? ("未发生", "发生") : ("达标", "未达标")
    }

    /// Whether the value's choice means the target is met; nil when it starts with no choice.
    public static func choice(in value: String, for target: String) -> Bool? {
        let (met, notMet) = choices(for: target)
        // "未达标" starts with neither "达标"; "发生" is not a prefix of "未发生": the order does not matter.
        if value.hasPrefix(met) { return true }
        if value.hasPrefix(notMet) { return false }
        return nil
    }
}

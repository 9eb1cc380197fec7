import PropertyBased
import Testing

@testable import PlanCore

@Suite struct TargetPropertyTests {
    /// Characters target cells are written with; mixed into arbitrary text so the parser's paths are reached.
    static let alphabet = Array("0123456789.%‰万亿≥≤><＞＜≧～~-—，,；;、/ 以上下内左右比年降低提高持续完成省级目标分别和达到不少于人张元岁".unicodeScalars)

    static let anyText = Gen<UInt32>.value(in: 0...0x10FFFF)
        .map { Unicode.Scalar($0) ?? "?" }
        .array(of: 0...40)
        .map { String(String.UnicodeScalarView($0)) }

    static let targetishText = Gen.int(in: 0...(alphabet.count - 1))
        .array(of: 0...30)
        .map { indices in String(String.UnicodeScalarView(indices.map { alphabet[$0] })) }

    @Test func parsingNeverTrapsOnArbitraryUnicode() async {
        await propertyCheck(count: 2000, input: Self.anyText) { text in
            Self.exercise(text)
        }
    }

    @Test func parsingNeverTrapsOnTargetLikeText() async {
        await propertyCheck(count: 4000, input: Self.targetishText) { text in
            Self.exercise(text)
        }
    }

    static func exercise(_ text: String) {
        let parsed = TargetExpression.parse(text)
        // Whatever it reads, it renders and evaluates without trapping, and never yields NaN.
        _ = parsed.canonicalText
        _ = Evaluation(target: parsed, direction: .higher, baseline: 1, baselineYear: 2015, actual: 2, previous: 1)
        #expect(!parsed.values.contains { $0.isNaN }, "\(text)")
    }

    static let labels: [String?] = [nil, "食品", "药品", "高血压", "医师", "护士"]
    static let units: [String?] = [nil, "%", "‰", "人", "张", "岁", "m²", "元", "1/10万"]

    /// A number with up to two decimals.
    static func number(_ n: Int) -> Double { Double(n) / divisor(n) }
    static func divisor(_ n: Int) -> Double { [1.0, 10.0, 100.0][n % 3] }

    static func comparison(op: Int, n: Int, unit: Int, label: Int, scaled: Bool) -> TargetExpression {
        let unit = units[unit]
        let multiplier: Double? = scaled && ![Optional("1/10万"), "%", "‰"].contains(unit) ? 10_000 : nil
        return .comparison(
            Comparison(
                // n × (10 000 / divisor) is exact, as the parser's reading of "132.83万" is.
                op: Comparison.Operator.allCases[op], value: multiplier.map { Double(n) * ($0 / divisor(n)) } ?? number(n), unit: unit,
                multiplier: multiplier, label: labels[label]))
    }

    static func expression(kind: Int, n: Int, m: Int, unit: Int, label: Int, flag: Bool) -> TargetExpression {
        switch kind {
        case 0, 1, 2: return comparison(op: n % 6, n: m, unit: unit, label: label, scaled: flag)
        case 3:
            return .range(ValueRange(low: number(min(n, m)), high: Double(max(n, m) + 1), unit: units[unit]))
        case 4:
            let reference: RelativeChange.Reference = [.baseline, .baseline, .previousYear, .annualAverage][n % 4]
            return .relativeChange(
                RelativeChange(
                    change: flag ? .decrease : .increase, percent: number(m + 1), reference: reference,
                    referenceYear: reference == .baseline ? [nil, 2015, 2020][n % 3] : nil))
        case 5: return .trend(Trend(expected: [.increase, .decrease, .maintain][n % 3]))
        case 6: return .externalReference(["完成省级目标", "完成年度任务", "在省控制指标内"][n % 3])
        case 7: return .qualitative(["不发生", "暗访达标", "纳入", "全部免费或低收费向社会开放"][n % 4])
        default: return .none
        }
    }

    static let expressions = zip(
        Gen.int(in: 0...8), Gen.int(in: 0...99_999), Gen.int(in: 0...99_999), Gen.int(in: 0...(units.count - 1)),
        Gen.int(in: 0...(labels.count - 1)), Gen.bool
    ).map { expression(kind: $0, n: $1, m: $2, unit: $3, label: $4, flag: $5) }

    @Test func canonicalTextParsesBackToTheSameExpression() async {
        await propertyCheck(count: 4000, input: Self.expressions) { expression in
            #expect(TargetExpression.parse(expression.canonicalText) == expression, "\(expression.canonicalText)")
        }
    }

    @Test func compoundCanonicalTextParsesBack() async {
        let parts = zip(
            Gen.int(in: 0...5), Gen.int(in: 0...99_999), Gen.int(in: 0...(Self.units.count - 1)),
            Gen.int(in: 0...(Self.labels.count - 1)), Gen.bool
        ).map { Self.comparison(op: $0, n: $1, unit: $2, label: $3, scaled: $4) }.array(of: 2...4)
        await propertyCheck(count: 1000, input: parts) { parts in
            let compound = TargetExpression.compound(parts)
            #expect(TargetExpression.parse(compound.canonicalText) == compound, "\(compound.canonicalText)")
        }
    }

    /// The plain-number shortcut reads exactly what the full parser reads, and declines what it cannot.
    @Test func thePlainNumberShortcutAgreesWithTheParser() async {
        let signs = ["", ">", ">=", "<", "<=", "≥", "≤", "≧", "≦", "＞", "＜", "-", "~"]
        let suffixes = ["", "%", "‰", " ", "万", "以上", ".", "%%", "以下", "%以内", "‰左右", "以上 ", "以"]
        await propertyCheck(count: 3000, input: zip(Gen.int(in: 0...(signs.count - 1)), Gen.int(in: 0...9_999_999), Gen.int(in: 0...(suffixes.count - 1)))) { s, n, u in
            let text = signs[s] + NumberText.format(Self.number(n)) + suffixes[u]
            var parser = TargetParser(text)
            let full = parser.parse()
            if let plain = PlainNumber.parse(text) {
                #expect(plain == full, "\(text)")
            }
            #expect(TargetExpression.parse(text) == full, "\(text)")
        }
    }

    @Test func theShortcutReadsNoTargetAsTheParserDoes() {
        for text in ["", "-", "—", "/", "--", " - "] {
            var parser = TargetParser(text)
            #expect(TargetExpression.parse(text) == parser.parse(), "\(text)")
        }
    }

    @Test func seedCellsSurviveTheCanonicalRoundTrip() {
        for item in SeedTargetFixtureTests.cases where item.parsed.isMeasurable {
            let canonical = item.parsed.canonicalText
            #expect(TargetExpression.parse(canonical) == item.parsed, "\(item.text) → \(canonical)")
        }
    }
}

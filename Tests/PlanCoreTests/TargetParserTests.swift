import Testing

@testable import PlanCore

@Suite struct TargetParserTests {
    func comparison(_ text: String) -> Comparison? {
        if case .comparison(let c) = TargetExpression.parse(text) { return c }
        return nil
    }

    @Test(arguments: [
        ("≥76", Comparison.Operator.atLeast, 76.0), ("≧15", .atLeast, 15), ("＞65万", .greaterThan, 650_000),
        ("＜9.5", .lessThan, 9.5), (">92.5", .greaterThan, 92.5), ("40以上", .atLeast, 40), ("7以下", .atMost, 7),
        ("6.1张以内", .atMost, 6.1), ("40左右", .about, 40), ("不少于2.8人", .atLeast, 2.8),
        ("突破75亿元", .greaterThan, 7_500_000_000), ("达到24%", .reach, 24), ("80.77", .reach, 80.77),
        ("≤ 4.5", .atMost, 4.5), ("控制在1.6以内", .atMost, 1.6), ("1,000", .reach, 1000),
    ])
    func comparisonsFromDesign(text: String, op: Comparison.Operator, value: Double) {
        let c = comparison(text)
        #expect(c?.op == op, "\(text)")
        #expect(c?.value == value, "\(text)")
    }

    @Test func unitsAndMultipliers() {
        #expect(comparison("＞65万")?.multiplier == 10_000)
        #expect(comparison("＞65万")?.unit == nil)
        #expect(comparison("突破75亿元")?.multiplier == 100_000_000)
        #expect(comparison("突破75亿元")?.unit == "元")
        #expect(comparison("达到24%")?.unit == "%")
        #expect(comparison("8.5‰")?.unit == "‰")
        #expect(comparison("＜12/10万")?.unit == "1/10万")
        #expect(comparison("＜12/10万")?.op == .lessThan)
        #expect(comparison("不少于2.8人")?.unit == "人")
        #expect(comparison("6.1张以内")?.unit == "张")
        #expect(comparison("人均体育场地面积达到1.8m²")?.unit == "m²")
        #expect(comparison("人均体育场地面积达到1.8m²")?.label == "人均体育场地面积")
    }

    @Test func fullWidthAndHalfWidthFormsReadTheSame() {
        let pairs = [
            ("＞92", ">92"), ("≧15", "≥15"), ("＜9.5", "<9.5"), ("９６％", "96%"), ("0.42；20.19", "0.42;20.19"),
            ("90，90，95", "90,90,95"), ("≦4.5", "≤4.5"), ("１５－２０", "15-20"),
        ]
        for (wide, narrow) in pairs {
            #expect(TargetExpression.parse(wide) == TargetExpression.parse(narrow), "\(wide)")
            #expect(TargetExpression.parse(wide).isMeasurable, "\(wide)")
        }
    }

    @Test func kindsNamedInDesign() {
        let expected: [(String, String)] = [
            ("食品96以上", "comparison"), ("0.42；20.19", "compound"), ("40左右", "comparison"),
            ("持续降低", "trend"), ("逐年提高", "trend"), ("稳步提升", "trend"), ("保持", "trend"),
            ("完成省级目标", "externalReference"), ("完成年度目标", "externalReference"),
            ("在省控制指标内", "externalReference"), ("达到国家规定要求", "externalReference"),
            ("不发生", "qualitative"), ("暗访达标", "qualitative"), ("纳入", "qualitative"), ("出台", "qualitative"),
            ("全部免费或低收费向社会开放", "qualitative"), ("15-20", "range"), ("13-15名", "range"),
            ("比2015年下降10%", "relativeChange"), ("下降5%", "relativeChange"), ("较前一年减少", "relativeChange"),
            ("", "none"), ("-", "none"), ("—", "none"), ("食品96以上 / 药品98以上", "compound"),
            ("高血压57.6 糖尿病63.8", "compound"), ("90，90，95", "compound"),
        ]
        for (text, kind) in expected {
            #expect(TargetExpression.parse(text).kind == kind, "\(text)")
        }
    }

    @Test func relativeChanges() {
        #expect(
            TargetExpression.parse("比2015年下降10%")
                == .relativeChange(RelativeChange(change: .decrease, percent: 10, referenceYear: 2015)))
        #expect(
            TargetExpression.parse("下降5%") == .relativeChange(RelativeChange(change: .decrease, percent: 5)))
        #expect(
            TargetExpression.parse("较前一年减少")
                == .relativeChange(RelativeChange(change: .decrease, percent: nil, reference: .previousYear)))
        #expect(
            TargetExpression.parse("在现有基础上提升50%")
                == .relativeChange(RelativeChange(change: .increase, percent: 50)))
        #expect(
            TargetExpression.parse("年均增长8%")
                == .relativeChange(RelativeChange(change: .increase, percent: 8, reference: .annualAverage)))
        #expect(
            TargetExpression.parse("比上年下降2%")
                == .relativeChange(RelativeChange(change: .decrease, percent: 2, reference: .previousYear)))
    }

    @Test func compoundCellsKeepTheirLabels() {
        let parsed = TargetExpression.parse("千人口床位控制在6.1张以内，医师2.5人以上，护士3.2人以上")
        #expect(
            parsed
                == .compound([
                    .comparison(Comparison(op: .atMost, value: 6.1, unit: "张", label: "千人口床位")),
                    .comparison(Comparison(op: .atLeast, value: 2.5, unit: "人", label: "医师")),
                    .comparison(Comparison(op: .atLeast, value: 3.2, unit: "人", label: "护士")),
                ]))
    }

    @Test func respectivelySharesTheComparator() {
        let parsed = TargetExpression.parse("高血压和糖尿病患者管理率分别达到45%和40%以上")
        #expect(
            parsed
                == .compound([
                    .comparison(Comparison(op: .atLeast, value: 45, unit: "%", label: "高血压")),
                    .comparison(Comparison(op: .atLeast, value: 40, unit: "%", label: "糖尿病患者管理率")),
                ]))
        #expect(TargetExpression.parse("A和B分别控制在5和8以下").values == [5, 8])
    }

    /// Without 分别 the values joined by 和 still share the comparator after the last: no value is lost.
    @Test func joinedValuesShareTheComparator() {
        #expect(
            TargetExpression.parse("基层就诊率和县域就诊率维持在65%和90%以上")
                == .compound([
                    .comparison(Comparison(op: .atLeast, value: 65, unit: "%", label: "基层就诊率")),
                    .comparison(Comparison(op: .atLeast, value: 90, unit: "%", label: "县域就诊率")),
                ]))
        #expect(TargetExpression.parse("维持在65%和90%以上").values == [65, 90])
        #expect(TargetExpression.parse("2018年和2020年达到90%").values == [90], "years are not values")
    }

    @Test func sentencesKeepTheirMeasurablePart() {
        #expect(comparison("健康教育规范开课率达到80%") == Comparison(op: .reach, value: 80, unit: "%", label: "健康教育规范开课率"))
        #expect(comparison("65岁以上老年人健康管理率保持在75%以上")?.value == 75)
        #expect(comparison("65岁以上老年人健康管理率保持在75%以上")?.op == .atLeast)
        // A year in the sentence is not the value.
        let roadSafety = TargetExpression.parse("进一步加强道路交通安全治理，到2020年，力争实现道路交通万车死亡率下降10%")
        #expect(roadSafety.kind == "relativeChange")
    }

    @Test func unreadableNumbersAreNeverGuessed() {
        for text in ["1.2.3", "下降5个百分点", "abc", "%%", "12..5", ".5", "1:1.2", "比2020年提高5个百分点"] {
            #expect(TargetExpression.parse(text).kind == "unparsed", "\(text)")
        }
        #expect(TargetExpression.parse("1.2.3") == .unparsed("1.2.3"))
    }

    @Test func textsWithoutANumberAreNotMeasured() {
        #expect(TargetExpression.parse("5岁以下儿童死亡率").values.isEmpty)
        #expect(TargetExpression.parse("2018-2020年").values.isEmpty)
        #expect(TargetExpression.parse("每年5月10日前").values.isEmpty)
    }
}

import Testing

@testable import PlanCore

/// The rules of a value, as every path (API, form, template) applies them and evaluation reads them.
@Suite struct ValueRulesTests {
    @Test func numbersAreReadStrictly() throws {
        #expect(ObservedNumber.read("185.2", unit: nil) == [185.2])
        #expect(ObservedNumber.read("１８５.２", unit: nil) == [185.2])
        #expect(ObservedNumber.read("１８５．２", unit: nil) == [185.2])
        #expect(ObservedNumber.read("1,234.5", unit: nil) == [1234.5])
        #expect(ObservedNumber.read("１，２３４，５６７", unit: nil) == [1_234_567])
        #expect(ObservedNumber.read("-3", unit: "%") == [-3])
        #expect(ObservedNumber.read("66.1%", unit: "%") == [66.1])
        #expect(ObservedNumber.read("66.1％", unit: "%") == [66.1])
        #expect(ObservedNumber.read("79岁", unit: "岁") == [79])
        #expect(ObservedNumber.read("5.2/10万", unit: "1/10万") == nil, "a unit that is not the indicator's")
        #expect(ObservedNumber.read("5.2 1/10万", unit: "1/10万") == [5.2])
        #expect(ObservedNumber.read("0.45；21", unit: nil) == [0.45, 21])
        #expect(ObservedNumber.read("90，90，95", unit: nil) == [90, 90, 95])
        #expect(ObservedNumber.read("高血压57.6 糖尿病63.8", unit: "%") == [57.6, 63.8])
        for refused in ["abc", "5abc", "1e3", "2e-3", "=1+1", "约5", "5.", ".5", "1.2.3", "66.1%", "", "  ", "99999999999999999999"] {
            #expect(ObservedNumber.read(refused, unit: refused == "66.1%" ? "‰" : nil) == nil, "\(refused)")
        }
        #expect(ObservedNumber.normalised("１，２３４.５０", unit: nil) == "1234.50")
    }

    @Test func evaluationReadsTheSameWay() throws {
        for (text, value) in [("1e3", Double?.none), ("5abc", nil), ("=1+1", nil), ("2e-3", nil), ("１８５.２", 185.2), ("66.1%", 66.1)] {
            let observation = Observation(indicator: "1", regionCode: "330302", year: 2020, valueText: text, unit: "%")
            #expect(observation.value == value, "\(text)")
        }
    }

    static let lifeExpectancy = Indicator(
        name: "人均预期寿命", unit: "岁", direction: .higher, targets: [Target(year: 2020, text: "≥79")], lead: ["卫计"])
    static let coverage = Indicator(name: "食品安全检测覆盖率", unit: "%", targets: [Target(year: 2020, text: "≥95")])
    static let growth = Indicator(name: "卫生总费用增长率", unit: "%", targets: [Target(year: 2020, text: "≥5")])
    static let accident = Indicator(name: "重大食品安全事故", targets: [Target(year: 2020, text: "不发生")])
    static let policy = Indicator(name: "健康城市建设政策", targets: [Target(year: 2020, text: "出台")])
    static let compound = Indicator(name: "规范管理率", unit: "%", targets: [Target(year: 2020, text: "高血压57.6 糖尿病63.8")])

    func check(_ indicator: Indicator, _ text: String, explanation: String? = nil, lastYear: String? = nil) -> Result<String, RefusedValue> {
        let change = ObservationChange(
            indicatorID: 1, regionCode: "330302", year: 2020, action: .submit, valueText: text, explanation: explanation)
        let last = lastYear.map { Observation(indicator: "1", regionCode: "330302", year: 2019, valueText: $0, unit: indicator.unit, status: .approved) }
        do {
            return .success(try change.checked(against: indicator, lastYear: last).valueText ?? "")
        } catch {
            return .failure(error)
        }
    }

    func refusal(_ indicator: Indicator, _ text: String, explanation: String? = nil, lastYear: String? = nil) -> String? {
        if case .failure(let error) = check(indicator, text, explanation: explanation, lastYear: lastYear) { return error.message }
        return nil
    }

    @Test func aNumericTargetTakesANumberNamingTheIndicator() throws {
        #expect(try check(Self.lifeExpectancy, "７９.５").get() == "79.5")
        #expect(try check(Self.lifeExpectancy, "79.5岁").get() == "79.5")
        for bad in ["abc", "5abc", "1e3", "=1+1"] {
            #expect(
                refusal(Self.lifeExpectancy, bad)
                    == "“人均预期寿命”的目标为“≥79”，应填写数值（只含数字和一个小数点，可带单位“岁”），“\(bad)”不是数值")
        }
        #expect(refusal(Self.lifeExpectancy, "79；80") == "“人均预期寿命”应填写一个数值，“79；80”中有 2 个")
        #expect(try check(Self.compound, "高血压58 糖尿病64").get() == "高血压58；糖尿病64")
        #expect(refusal(Self.compound, "58")?.contains("应依次填写 2 个数值") == true)
    }

    @Test func aValueOutsideItsPlausibleRangeIsRefused() throws {
        #expect(refusal(Self.coverage, "-5") == "“食品安全检测覆盖率”的数值 -5% 超出合理范围（0–100%），请核对；确为此值请联系健康办调整该指标的合理范围")
        #expect(refusal(Self.coverage, "100.5") != nil)
        #expect(try check(Self.coverage, "100").get() == "100")
        #expect(refusal(Self.lifeExpectancy, "200")?.contains("0–130") == true)
        #expect(try check(Self.growth, "-5").get() == "-5", "a growth rate may fall")
        #expect(PlausibleRange.standard(unit: "‰", name: "婴儿死亡率") == PlausibleRange(low: 0, high: 1000))
        #expect(PlausibleRange.standard(unit: "1/10万", name: "孕产妇死亡率") == PlausibleRange(low: 0, high: 100_000))
        var own = Self.coverage
        own.plausibleRange = PlausibleRange(low: 90, high: 100)
        #expect(refusal(own, "80")?.contains("90–100") == true, "the office's own range")
    }

    @Test func aBigChangeFromLastYearNeedsAnExplanation() throws {
        #expect(
            refusal(Self.lifeExpectancy, "120", lastYear: "78")
                == "“人均预期寿命”的数值 120 与上年审核通过的 78 相差超过一半，请填写说明")
        #expect(try check(Self.lifeExpectancy, "120", explanation: "统计口径调整", lastYear: "78").get() == "120")
        #expect(try check(Self.lifeExpectancy, "79", lastYear: "78").get() == "79")
        #expect(try check(Self.lifeExpectancy, "39", lastYear: "78").get() == "39", "exactly half away is not more")
        #expect(refusal(Self.lifeExpectancy, "38.9", lastYear: "78") != nil)
    }

    @Test func aQualitativeTargetTakesAChoice() throws {
        #expect(try check(Self.accident, "未发生").get() == "未发生")
        #expect(try check(Self.accident, "发生：3月一起").get() == "发生：3月一起")
        #expect(refusal(Self.accident, "没有") == "“重大食品安全事故”的目标为“不发生”，请先选择“未发生”或“发生”，可在其后补充文字")
        #expect(try check(Self.policy, "达标：已印发实施方案").get() == "达标：已印发实施方案")
        #expect(try check(Self.policy, "未达标").get() == "未达标")
        #expect(refusal(Self.policy, "已出台")?.contains("“达标”或“未达标”") == true)
        #expect(QualitativeChoice.choice(in: "未达标", for: "出台") == false)
        #expect(QualitativeChoice.choice(in: "未发生", for: "不发生") == true)
    }

    @Test func everyTextIsBounded() throws {
        let long = String(repeating: "长", count: 2001)
        #expect(refusal(Self.lifeExpectancy, "79", explanation: long) == "“人均预期寿命”的说明不能超过 2000 字（现有 2001 字）")
        #expect(refusal(Self.lifeExpectancy, String(repeating: "9", count: 201))?.contains("不能超过 200 字") == true)
        var change = ObservationChange(indicatorID: 1, regionCode: "330302", year: 2020, action: .submit, valueText: "79", evidence: long)
        #expect(throws: RefusedValue.self) { try change.checked(against: Self.lifeExpectancy, lastYear: nil) }
        change.evidence = nil
        change.unit = "%"
        #expect(throws: RefusedValue(field: "unit", message: "“人均预期寿命”的单位为“岁”，不能填报为“%”")) {
            try change.checked(against: Self.lifeExpectancy, lastYear: nil)
        }
        change.unit = nil
        #expect(try change.checked(against: Self.lifeExpectancy, lastYear: nil).unit == "岁", "the indicator's unit is kept")
    }
}

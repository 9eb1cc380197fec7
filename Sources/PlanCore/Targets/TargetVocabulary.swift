/// The words target cells are written with, as the parser matches them.
enum TargetVocabulary {
    typealias Op = Comparison.Operator

    /// Symbols written right before a number.
    static let symbols = Vocabulary([
        (">=", Op.atLeast), ("≥", .atLeast), ("=>", .atLeast), (">", .greaterThan),
        ("<=", .atMost), ("≤", .atMost), ("=<", .atMost), ("<", .lessThan),
        ("~", .about), ("约", .about), ("=", .reach),
    ])

    /// Verbs that introduce the measured value ("达到24%", "不少于2.8人", "控制在6.1张以内").
    static let cues = Vocabulary([
        ("达到", Op.reach), ("达", .reach), ("力争", .reach), ("为", .reach), ("保持在", .reach),
        ("稳定在", .reach), ("维持在", .reach), ("提高到", .reach), ("提高至", .reach), ("提升到", .reach),
        ("提升至", .reach), ("增加到", .reach), ("增长到", .reach), ("增至", .reach), ("降到", .reach),
        ("降至", .reach), ("降低到", .reach), ("降低至", .reach), ("下降到", .reach), ("下降至", .reach),
        ("控制在", .atMost), ("不少于", .atLeast), ("不低于", .atLeast), ("至少", .atLeast),
        ("不超过", .atMost), ("不高于", .atMost), ("不多于", .atMost), ("不大于", .atMost),
        ("低于", .lessThan), ("少于", .lessThan), ("小于", .lessThan), ("高于", .greaterThan),
        ("超过", .greaterThan), ("大于", .greaterThan), ("多于", .greaterThan), ("突破", .greaterThan),
    ])

    /// Words written after a number and its unit ("40以上", "6.1张以内", "40左右").
    static let suffixes = Vocabulary([
        ("以上", Op.atLeast), ("及以上", .atLeast), ("或以上", .atLeast), ("以下", .atMost),
        ("及以下", .atMost), ("或以下", .atMost), ("以内", .atMost), ("之内", .atMost), ("左右", .about),
        ("上下", .about),
    ])

    static let multipliers = Vocabulary([("万", 10_000.0), ("亿", 100_000_000.0)])

    /// Units, matched longest first after the number and any multiplier.
    static let units = Vocabulary(
        [
            "微克/立方米", "μg/m³", "个百分点", "百分点", "平方公里", "平方米", "平方", "立方米", "m²", "㎡", "m2", "%", "‰", "公里", "千米",
            "元", "人次", "人", "张", "个", "岁", "名", "次", "课时", "小时", "分钟", "天", "家", "所", "床",
            "辆", "吨", "批次", "件", "项", "分", "倍", "户", "例", "篇", "台", "支",
        ].map { ($0, $0) })

    /// "9.5/10万", "十万分之": a rate per 100 000.
    static let perHundredThousand = word("/10万")

    static let decreaseVerbs = Vocabulary([
        ("下降", RelativeChange.Change.decrease), ("降低", .decrease), ("减少", .decrease), ("减低", .decrease),
        ("提高", .increase), ("提升", .increase), ("增长", .increase), ("增加", .increase), ("上升", .increase),
    ])

    /// "比上年", "较前一年": the reference is the previous year's actual.
    static let previousYearReferences = Vocabulary([
        "比上年", "较上年", "比上一年", "较上一年", "比前一年", "较前一年", "比去年", "较去年", "同比",
    ])
    static let baselineReferences = Vocabulary(["在现有基础上", "在原有基础上", "在现有水平上", "比基线"])
    static let comparedWith = Vocabulary(["比", "较"])
    static let annualAverage = Vocabulary(["年均", "年平均", "每年平均"])

    static let respectively = word("分别")
    /// Words joining the values and subjects of a "分别" sentence.
    static let conjunctions = Vocabulary(["和", "、", "与", ",", ";"])
    static let listSeparator = Vocabulary(["、"])

    static let externalReferences = Vocabulary([
        "省级目标", "省级任务", "年度目标", "年度任务", "省控制指标", "省控指标", "国家规定", "国家要求",
        "上级要求", "上级下达", "市级目标", "市级任务", "国家目标", "国家任务", "省定目标", "省下达",
        "市下达", "国家标准", "省级要求", "考核要求",
    ])

    static let trendModifiers = Vocabulary([
        "持续", "逐步", "逐年", "稳步", "不断", "进一步", "明显", "有所", "继续", "稳定",
    ])
    static let trendVerbs = Vocabulary([
        ("提高", Trend.Expected.increase), ("提升", .increase), ("增长", .increase), ("增加", .increase),
        ("上升", .increase), ("扩大", .increase), ("降低", .decrease), ("下降", .decrease),
        ("减少", .decrease), ("减低", .decrease), ("保持", .maintain), ("稳定", .maintain),
        ("持平", .maintain), ("巩固", .maintain), ("保持稳定", .maintain), ("维持", .maintain),
    ])

    /// Texts that state there is no target yet.
    static let noTarget = ["", "-", "--", "/", "无", "暂无", "待定", "不适用"].map(word)

    static let year = word("年")
    static let month = word("月")
    static let day = word("日")
    static let percentSign: Unicode.Scalar = "%"
}

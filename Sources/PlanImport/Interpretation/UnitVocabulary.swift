import Foundation

/// Units as indicator tables write them, for telling a unit column and a unit parenthesis apart.
enum UnitVocabulary {
    private static let units: Set<String> = [
        "%", "％", "‰", "岁", "人", "张", "个", "元", "万元", "亿元", "十万分之", "1/10万", "/10万", "万人", "次",
        "天", "年", "米", "平方米", "m²", "㎡", "公里", "千米", "家", "所", "项", "分", "例", "批次", "人次", "户", "床",
        "微克/立方米", "μg/m³", "立方米", "万立方米", "吨", "小时", "分钟", "课时", "名", "辆", "倍", "-", "—", "人；%",
        "人;%", "‱", "入",
    ]

    /// A unit, or a rate of a unit per a population ("米/万人", "张/千人", "名/万人").
    static func isUnit(_ text: String) -> Bool {
        let unit = text.filter { !$0.isWhitespace }
        if units.contains(unit) { return true }
        let parts = unit.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && units.contains(String(parts[0])) && perPopulation.contains(String(parts[1]))
    }

    private static let perPopulation: Set<String> = ["万人", "千人", "百人", "10万人", "万", "千", "千人口", "万人口", "平方公里"]

    /// "OCR slips" in units the seeds show: "入" for "人".
    static let slips: [String: String] = ["入": "人"]
}

/// An indicator's code and name as one cell writes them: "1.1人均预期寿命", "1.4  5岁以下儿童死亡率".
enum IndicatorCode {
    static func split(_ text: String) -> (code: String?, name: String) {
        var digitsSeen = false
        var dots = 0
        var end = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c.isASCII && c.isNumber {
                digitsSeen = true
            } else if c == "." || c == "．", digitsSeen {
                dots += 1
            } else {
                break
            }
            index = text.index(after: index)
            end = index
        }
        let code = String(text[..<end])
        // A code has a dot inside ("1.3", "5.13"); "1." is a list number and "80.77" has no name after it.
        guard dots >= 1, !code.hasSuffix("."), !code.hasSuffix("．") else { return (nil, text) }
        let name = text[end...].trimmed()
        guard let first = name.first, !first.isNumber || text[end].isWhitespace else { return (nil, text) }
        return (code, name)
    }
}

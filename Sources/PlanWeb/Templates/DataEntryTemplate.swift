import Foundation
import PlanCore
import PlanImport
import PlanReports
import PlanStore

/// The offline data-entry template (离线填报模板): the reporter's form as an Excel workbook, for departments
/// that collect their numbers offline. Sheet 填报 lists the department's indicators with unit, target and
/// last year's value; only 本年值, 佐证说明 and 说明 can be edited (the sheet is protected). Sheet 说明 names the
/// plan, year and region, so a template filled in for another cycle or region is refused on upload; the hidden
/// 版本 column carries the version each value had when the template was made, so a row changed since then is
/// refused as stale (409) instead of silently overwriting the newer value.
enum DataEntryTemplate {
    static let entrySheet = "填报"
    static let aboutSheet = "说明"
    static let header = ["系统编号", "版本", "编号", "指标", "单位", "目标", "上年值", "本年值", "佐证说明", "说明", "当前状态"]
    static let idColumn = 0, versionColumn = 1, valueColumn = 7, evidenceColumn = 8, explanationColumn = 9

    static func workbook(_ sheet: ReporterPage.Sheet, region: String) -> Workbook {
        let year = sheet.cycle.year
        var rows: [[Workbook.Cell]] = [header.map { .text($0, bold: true, fill: "DCE6F1") }]
        for item in sheet.items {
            let indicator = item.indicator.indicator
            let editable = item.current.map { [.draft, .returned].contains($0.status) } ?? true
            rows.append([
                .number(Double(item.indicator.id), format: "0"), .text(item.current.map { "\($0.version)" } ?? ""),
                .text(indicator.code), .text(indicator.name), .text(indicator.unit),
                .text(indicator.judgedTarget(for: year)?.text), .text(item.lastYear?.valueText),
                .text(item.current?.valueText, fill: editable ? "FFF9E6" : nil, editable: editable),
                .text(item.current?.evidence, fill: editable ? "FFF9E6" : nil, editable: editable),
                .text(item.current?.explanation, fill: editable ? "FFF9E6" : nil, editable: editable),
                .text(item.current.map { StatusBadge.name($0.status) } ?? "未填报"),
            ])
        }
        let about: [[Workbook.Cell]] = [
            [.text("规划编号", bold: true), .number(Double(sheet.plan.id), format: "0")],
            [.text("规划", bold: true), .text(sheet.plan.title)],
            [.text("年度", bold: true), .number(Double(year), format: "0")],
            [.text("地区代码", bold: true), .text(region)],
            [.text("部门", bold: true), .text(sheet.department.name)],
            [.text("截止日期", bold: true), .text(sheet.cycle.deadline)],
            [.text("填写说明", bold: true), .text("只填写“填报”表中浅黄色的“本年值”“佐证说明”和“说明”三列（与上年相差超过一半时须填写说明）；其他单元格已锁定。填好后在“我的填报”页面上传本文件。")],
        ]
        return Workbook(title: "\(sheet.plan.title) \(year) 年度 \(sheet.department.name) 离线填报模板", sheets: [
            Workbook.Sheet(
                name: entrySheet,
                columns: [8, 6, 7, 32, 8, 14, 12, 14, 30, 30, 10].enumerated().map {
                    Workbook.Column(width: $1, isHidden: $0 == idColumn || $0 == versionColumn)
                },
                rows: rows, isProtected: true),
            Workbook.Sheet(name: aboutSheet, columns: [12, 80].map { Workbook.Column(width: $0) }, rows: about, frozenRows: 0,
                           autoFilter: false, isProtected: true),
        ])
    }

    /// The file name offered for download, e.g. "2020年度_市卫生计生委_330302_填报模板.xlsx".
    static func filename(_ sheet: ReporterPage.Sheet, region: String) -> String {
        "\(sheet.cycle.year)年度_\(sheet.department.name)_\(region)_填报模板.xlsx"
    }
}

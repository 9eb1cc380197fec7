import Foundation
import PlanApp
import PlanCore
import PlanImport
import PlanReports
import PlanStore

/// A filled-in template read back: every row checked against the reporter's open form, and every problem
/// named by sheet, row and column. Nothing is written unless every row is valid; then the values go in as
/// one batch, as from the form.
struct TemplateUpload {
    struct Problem: Error, Equatable, Codable, CustomStringConvertible {
        var sheet: String
        var row: Int?
        var column: String?
        var message: String

        var description: String {
            "“\(sheet)”表" + (row.map { "第 \($0) 行" } ?? "") + (column.map { " \($0) 列" } ?? "") + "：\(message)"
        }
    }

    /// What the upload would write, or (when `problems` is not empty) why nothing may be written.
    static func changes(
        from data: Data, named name: String, sheet: ReporterPage.Sheet, region: String, action: ObservationAction
    ) -> (changes: [ObservationChange], problems: [Problem]) {
        let document: PlanDocument
        do {
            document = try SpreadsheetReader.readXLSX(data, source: name)
        } catch {
            return ([], [Problem(sheet: name, message: "无法读取：\(error.description)")])
        }
        let tables = Self.tables(document)
        var problems: [Problem] = []
        guard let about = tables[DataEntryTemplate.aboutSheet], let entry = tables[DataEntryTemplate.entrySheet] else {
            return ([], [Problem(sheet: name, message: "不是 hcm 的填报模板：缺少“填报”或“说明”表，请重新下载模板")])
        }
        let facts = Dictionary(about.map { ($0.cells.first?.text ?? "", $0.cells.dropFirst().first?.text ?? "") }, uniquingKeysWith: { a, _ in a })
        for (label, expected) in [("规划编号", "\(sheet.plan.id)"), ("年度", "\(sheet.cycle.year)"), ("地区代码", region)]
        where facts[label] != expected {
            problems.append(Problem(
                sheet: DataEntryTemplate.aboutSheet, row: about.first { $0.cells.first?.text == label }?.line, column: "B",
                message: "\(label)为“\(facts[label] ?? "")”，与当前填报（\(expected)）不符：这份模板不属于本次填报，请重新下载"))
        }
        guard let header = entry.first, header.cells.map(\.text) == DataEntryTemplate.header else {
            problems.append(Problem(sheet: DataEntryTemplate.entrySheet, row: entry.first?.line ?? 1, message: "表头已被改动，请使用未修改的模板"))
            return ([], problems)
        }
        let items = Dictionary(uniqueKeysWithValues: sheet.items.map { ($0.indicator.id, $0) })
        var seen = Set<Int64>()
        var changes: [ObservationChange] = []
        for row in entry.dropFirst() {
            func cell(_ column: Int) -> String {
                column < row.cells.count ? row.cells[column].text.trimmingCharacters(in: .whitespacesAndNewlines) : ""
            }
            func problem(_ column: Int, _ message: String) {
                problems.append(Problem(sheet: DataEntryTemplate.entrySheet, row: row.line, column: Workbook.columnLetters(column), message: message))
            }
            let value = cell(DataEntryTemplate.valueColumn), evidence = cell(DataEntryTemplate.evidenceColumn)
            let explanation = cell(DataEntryTemplate.explanationColumn)
            guard let id = Int64(cell(DataEntryTemplate.idColumn)), let item = items[id] else {
                problem(DataEntryTemplate.idColumn, "系统编号“\(cell(DataEntryTemplate.idColumn))”不是本部门本次填报的指标")
                continue
            }
            guard seen.insert(id).inserted else {
                problem(DataEntryTemplate.idColumn, "指标“\(item.indicator.indicator.name)”出现了不止一次")
                continue
            }
            let editable = item.current.map { [.draft, .returned].contains($0.status) } ?? true
            if !editable {
                if value != (item.current?.valueText ?? "") {
                    problem(DataEntryTemplate.valueColumn, "“\(item.indicator.indicator.name)”的状态为“\(StatusBadge.name(item.current!.status))”，不能再修改")
                }
                continue
            }
            guard !value.isEmpty else {
                if !evidence.isEmpty { problem(DataEntryTemplate.valueColumn, "填写了佐证说明，但没有填写本年值") }
                continue
            }
            let change = ObservationChange(
                indicatorID: id, regionCode: region, year: sheet.cycle.year, action: action,
                valueText: SpreadsheetNumber.shown(value), evidence: evidence.isEmpty ? nil : evidence,
                explanation: explanation.isEmpty ? nil : explanation,
                // The version the template was made from: a value changed since then is a conflict, not overwritten.
                expectedVersion: Int(cell(DataEntryTemplate.versionColumn)))
            // The rules of a value, here only to name every bad row by its cell; the write checks them again.
            do {
                _ = try change.checked(against: item.indicator.indicator, lastYear: item.lastYear)
            } catch {
                problem(error.field == "explanation" ? DataEntryTemplate.explanationColumn : DataEntryTemplate.valueColumn, error.message)
                continue
            }
            changes.append(change)
        }
        if problems.isEmpty && changes.isEmpty {
            problems.append(Problem(sheet: DataEntryTemplate.entrySheet, message: "没有填写任何本年值"))
        }
        return problems.isEmpty ? (changes, []) : ([], problems)
    }

    /// Each sheet's rows by sheet name (the reader gives a sheet as its name, then its table).
    private static func tables(_ document: PlanDocument) -> [String: [PlanDocument.Row]] {
        var tables: [String: [PlanDocument.Row]] = [:]
        var name: String?
        for block in document.blocks {
            switch block {
            case .paragraph(let paragraph): name = paragraph.text
            case .table(let table): if let name { tables[name] = table.rows }
            }
        }
        return tables
    }
}

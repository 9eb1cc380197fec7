import Foundation

/// Reads spreadsheets into a `PlanDocument`: an Excel .xlsx workbook, or a .csv file.
///
/// ```swift
/// let workbook = try SpreadsheetReader.readXLSX(Data(contentsOf: url), source: "指标.xlsx")
/// let table = try SpreadsheetReader.readCSV(Data(contentsOf: url), source: "指标.csv")
/// ```
public enum SpreadsheetReader {
    /// Each worksheet, in workbook order, as a `.paragraph` holding its name followed by a `.table` of its
    /// rows (see `WorksheetCells` and `SheetGrid`). Row lines are the sheet's row numbers; the name paragraph
    /// takes the line of the sheet's first row.
    public static func readXLSX(_ data: Data, source: String) throws(ImportError) -> PlanDocument {
        let package = try OfficePackage(data, source: source, format: "xlsx")
        var sheets = WorkbookSheets()
        try parse("xl/workbook.xml", of: package, into: &sheets, required: true)
        var relationships = WorkbookRelationships()
        try parse("xl/_rels/workbook.xml.rels", of: package, into: &relationships, required: true)
        var sharedStrings = SharedStrings(source: source)
        try parse("xl/sharedStrings.xml", of: package, into: &sharedStrings, required: false)

        var document = PlanDocument(source: source)
        var budget = CellBudget(source: source)
        // The first sheet read from each part: Excel gives every sheet its own part, so a second sheet naming
        // the same one is a crafted file, read once rather than once per sheet.
        var sheetOfPart: [String: String] = [:]
        for (name, relationship) in sheets.sheets {
            guard let (path, isWorksheet) = relationships.parts[relationship] else {
                throw package.failure("工作表“\(name)”在 xl/_rels/workbook.xml.rels 中没有对应的部件")
            }
            // Chart sheets and dialog sheets have no cells.
            guard isWorksheet else { continue }
            if let first = sheetOfPart[path] {
                document.warnings.append(
                    DocumentWarning(line: nil, message: "工作表“\(name)”与“\(first)”指向同一部件 \(path)，只读入了“\(first)”"))
                continue
            }
            sheetOfPart[path] = name
            var cells = WorksheetCells(sheet: name, source: source, sharedStrings: sharedStrings.strings)
            try parse(path, of: package, into: &cells, required: true)
            let (rows, warnings) = try cells.grid.rows(budget: &budget)
            document.blocks.append(.paragraph(PlanDocument.Paragraph(text: name, line: rows.first?.line ?? 1)))
            document.blocks.append(.table(PlanDocument.Table(rows: rows)))
            document.warnings += warnings
        }
        return document
    }

    /// The file as one `.table`, after a `.paragraph` caption holding the file's name without its extension.
    /// Row lines are the line each record starts on. See `CSVRecords` for the format and `CSVText` for the
    /// encodings read.
    public static func readCSV(_ data: Data, source: String) throws(ImportError) -> PlanDocument {
        guard data.count <= ReaderLimits.maxCSVSize else {
            let size = ReaderLimits.describe(bytes: data.count)
            let limit = ReaderLimits.describe(bytes: ReaderLimits.maxCSVSize)
            throw ImportError(file: source, reason: "文件大小为 \(size)，超过 CSV 上限 \(limit)，已拒绝读取")
        }
        let text = try CSVText.decode(data, source: source)
        let rows = try CSVRecords.rows(of: text, source: source)
        let caption = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        return PlanDocument(
            source: source,
            blocks: [
                .paragraph(PlanDocument.Paragraph(text: caption, line: rows.first?.line ?? 1)),
                .table(PlanDocument.Table(rows: rows)),
            ])
    }

    private static func parse(
        _ part: String, of package: OfficePackage, into handler: inout some XMLPartHandler, required: Bool
    ) throws(ImportError) {
        guard let data = try required ? package.requiredPart(part) : package.part(part) else { return }
        try XMLPart.parse(data, part: part, package: package, into: &handler)
    }
}

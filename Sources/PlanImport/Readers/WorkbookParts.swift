/// The worksheets of `xl/workbook.xml`, in workbook order, with their relationship ids.
struct WorkbookSheets: XMLPartHandler {
    enum Element: String, CaseIterable { case sheet }

    private(set) var sheets: [(name: String, relationship: String)] = []

    mutating func didStart(_ element: Element?, attributes: XMLAttributes) {
        if element == .sheet, let name = attributes["name"], let relationship = attributes["id"] {
            sheets.append((name, relationship))
        }
    }

    var wantsText: Bool { false }
    func didEnd(_ element: Element?) {}
    func didFind(text: String) {}
}

/// The parts named by `xl/_rels/workbook.xml.rels`, by relationship id, as package paths.
struct WorkbookRelationships: XMLPartHandler {
    enum Element: String, CaseIterable { case Relationship }

    private(set) var parts: [String: (path: String, isWorksheet: Bool)] = [:]

    mutating func didStart(_ element: Element?, attributes: XMLAttributes) {
        guard element == .Relationship, let id = attributes["Id"], let target = attributes["Target"] else { return }
        parts[id] = (Self.packagePath(target), attributes["Type"]?.hasSuffix("/worksheet") == true)
    }

    var wantsText: Bool { false }
    func didEnd(_ element: Element?) {}
    func didFind(text: String) {}

    /// A target relative to `xl/` ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/sheet1.xml").
    private static func packagePath(_ target: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// The texts of `xl/sharedStrings.xml` in order: each `si`'s `t` runs, without phonetic guides (`rPh`). A text
/// longer than `ReaderLimits.maxCellText` is refused: no spreadsheet program writes one, and each cell
/// referring to it would copy it into the document.
struct SharedStrings: XMLPartHandler {
    enum Element: String, CaseIterable { case si, t, rPh }

    private(set) var strings: [String] = []
    private let source: String
    private var current = ""
    private var currentLength = 0
    private var textDepth = 0
    private var phoneticDepth = 0

    init(source: String) {
        self.source = source
    }

    mutating func didStart(_ element: Element?, attributes: XMLAttributes) {
        switch element {
        case .si: (current, currentLength) = ("", 0)
        case .t: textDepth += 1
        case .rPh: phoneticDepth += 1
        case nil: break
        }
    }

    mutating func didEnd(_ element: Element?) {
        switch element {
        case .si: strings.append(current)
        case .t: textDepth -= 1
        case .rPh: phoneticDepth -= 1
        case nil: break
        }
    }

    var wantsText: Bool { textDepth > 0 && phoneticDepth == 0 }

    mutating func didFind(text: String) throws(ImportError) {
        currentLength += text.utf16.count
        guard currentLength <= ReaderLimits.maxCellText else {
            throw ImportError(
                file: source,
                reason: "xl/sharedStrings.xml 的第 \(strings.count + 1) 个共享字符串超过 Excel 单元格上限 \(ReaderLimits.maxCellText) 个字符，已拒绝读取")
        }
        current += text
    }
}

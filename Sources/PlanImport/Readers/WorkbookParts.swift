/// The worksheets of `xl/workbook.xml`, in workbook order, with their relationship ids.
final class WorkbookSheets: XMLPartHandler {
    private(set) var sheets: [(name: String, relationship: String)] = []

    func didStart(_ element: String, attributes: [String: String]) {
        if element == "sheet", let name = attributes["name"], let relationship = attributes["id"] {
            sheets.append((name, relationship))
        }
    }

    func didEnd(_ element: String) {}
    func didFind(text: String) {}
}

/// The parts named by `xl/_rels/workbook.xml.rels`, by relationship id, as package paths.
final class WorkbookRelationships: XMLPartHandler {
    private(set) var parts: [String: (path: String, isWorksheet: Bool)] = [:]

    func didStart(_ element: String, attributes: [String: String]) {
        guard element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        parts[id] = (Self.packagePath(target), attributes["Type"]?.hasSuffix("/worksheet") == true)
    }

    func didEnd(_ element: String) {}
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

/// The texts of `xl/sharedStrings.xml` in order: each `si`'s `t` runs, without phonetic guides (`rPh`).
final class SharedStrings: XMLPartHandler {
    private(set) var strings: [String] = []
    private var current = ""
    private var textDepth = 0
    private var phoneticDepth = 0

    func didStart(_ element: String, attributes: [String: String]) {
        switch element {
        case "si": current = ""
        case "t": textDepth += 1
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func didEnd(_ element: String) {
        switch element {
        case "si": strings.append(current)
        case "t": textDepth -= 1
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    func didFind(text: String) {
        if textDepth > 0, phoneticDepth == 0 { current += text }
    }
}

import Foundation
import PlanCore

/// Reads actions (行动) and their tasks from the numbered headings of the plan's task sections
/// ("三、主要任务" → "（一）…行动。" → "1.…。"), with the "（牵头单位：…。责任单位：…）" line of each task.
enum ActionReader {
    /// Part headings whose actions hold the plan's tasks (not its goals, principles or safeguards).
    private static let taskParts = ["任务", "行动", "策略", "重点工作", "工程"]
    private static let otherParts = ["目标", "保障", "思想", "原则", "要求", "措施", "机制", "基础", "思路"]

    static func read(_ paragraphs: [OutlineParagraph], warnings: inout [ImportWarning]) -> [Action] {
        var actions: [Action] = []
        var inTaskPart = false
        var actionLevel: SectionHeading.Level?
        var taskLevel: SectionHeading.Level?
        for paragraph in paragraphs {
            if let assignment = Assignment(paragraph.text) {
                guard inTaskPart, !actions.isEmpty else { continue }
                let last = actions.count - 1
                if actions[last].tasks.isEmpty {
                    warnings.append(
                        ImportWarning(sourceLine: paragraph.line, message: "牵头单位说明出现在任务之前，已作为行动“\(actions[last].title)”的任务"))
                    actions[last].tasks.append(PlanTask(code: nil, title: actions[last].title, sourceLine: paragraph.line))
                }
                let task = actions[last].tasks.count - 1
                actions[last].tasks[task].lead += assignment.lead
                actions[last].tasks[task].responsible += assignment.responsible
                continue
            }
            guard let heading = paragraph.heading else {
                // "持续深化医药卫生改革" between "第二节 …" and "第四节 …": a section whose numbering was lost.
                if inTaskPart, actionLevel == .chapterSection, !actions.isEmpty, Self.looksLikeLostHeading(paragraph.text) {
                    actions.append(Action(code: nil, title: paragraph.text.trimmed()))
                    taskLevel = nil
                    warnings.append(
                        ImportWarning(sourceLine: paragraph.line, message: "“\(paragraph.text.trimmed())”没有编号，按“第…节”一级的行动标题处理"))
                }
                continue
            }
            if heading.level == .part {
                inTaskPart = taskParts.contains(where: heading.title.includes) && !otherParts.contains(where: heading.title.includes)
                actionLevel = nil
                taskLevel = nil
                continue
            }
            guard inTaskPart else { continue }
            if actionLevel == nil { actionLevel = heading.level }
            if heading.level == actionLevel {
                actions.append(Action(code: heading.code, title: heading.title))
                taskLevel = nil
            } else if heading.level > actionLevel!, !actions.isEmpty {
                if taskLevel == nil { taskLevel = heading.level }
                if heading.level == taskLevel {
                    actions[actions.count - 1].tasks.append(
                        PlanTask(code: heading.code, title: heading.title, sourceLine: paragraph.line))
                }
            }
        }
        return actions
    }
}

extension ActionReader {
    /// A short line without sentence punctuation: a heading, not prose.
    static func looksLikeLostHeading(_ text: String) -> Bool {
        let words = text.trimmed()
        return (4...20).contains(words.count) && !words.unicodeScalars.contains { "。，；：,;:（(".unicodeScalars.contains($0) }
            && !words.includes("表")
    }
}

/// "（牵头单位：市环保局。责任单位：市发改委、市国土资源局）": who leads a task and who shares it.
struct Assignment {
    var lead: [String] = []
    var responsible: [String] = []

    init?(_ line: String) {
        var text = line.trimmed()
        guard let open = text.unicodeScalars.first, open == "（" || open == "(",
            text.includes("牵头单位") || text.includes("牵头部门")
        else {
            return nil
        }
        text = String(text.unicodeScalars.dropFirst())
        while let last = text.unicodeScalars.last, last == "。" || last == "）" || last == ")" || last == " " {
            // Only the closing parenthesis of the whole line, not one inside a name ("市委农办（市农业局）").
            if last == "）" || last == ")", Self.depth(of: text) >= 0 { break }
            text = String(text.unicodeScalars.dropLast())
        }
        for part in text.unicodeScalars.split(whereSeparator: { $0 == "。" || $0 == "；" || $0 == ";" }) {
            let clause = Substring(part)
            guard let colon = clause.unicodeScalars.firstIndex(where: { $0 == "：" || $0 == ":" }) else { continue }
            let label = clause[..<colon]
            let names = DepartmentList.split(String(clause[clause.unicodeScalars.index(after: colon)...]))
            if label.includes("牵头") {
                lead += names
            } else if label.includes("责任") || label.includes("配合") || label.includes("参与") {
                responsible += names
            }
        }
        if lead.isEmpty && responsible.isEmpty { return nil }
    }

    /// Open parentheses minus closed ones.
    private static func depth(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1 == "（" || $1 == "(" ? 1 : $1 == "）" || $1 == ")" ? -1 : 0) }
    }
}

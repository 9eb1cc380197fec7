import PlanCore

extension Escalation {
    /// The 督办通知单 of a 红 escalation as a Word document: the office, the 编号, the department addressed, the
    /// deadline and days overdue, every item still owed, and the date it was issued (YYYY-MM-DD).
    public func order(office: String, issuedOn: String) -> WordDocument {
        let owed = obligation
        var rows: [[WordDocument.Cell]] = []
        for item in owed.returned { rows.append([.init("被退回"), .init(item.label), .init(item.comment ?? "")]) }
        for item in owed.indicators { rows.append([.init("指标"), .init(item.label), .init("")]) }
        for item in owed.tasks { rows.append([.init("任务"), .init(item.label), .init("")]) }
        for index in rows.indices { rows[index].insert(.init("\(index + 1)", number: true), at: 0) }
        return WordDocument(
            title: "督办通知单 \(number ?? "")",
            blocks: [
                .title("督办通知单"),
                .paragraph([.init("编号："), .init(number ?? "（未编号）", bold: true)]),
                .paragraph([.init("\(owed.department.name)（\(owed.region)）：", bold: true)]),
                .paragraph([
                    .init(
                        "《\(planTitle)》\(year) 年度监测数据的填报截止日期为 \(deadline)，贵单位已逾期 \(daysOverdue) 天，"
                            + "尚有以下 \(owed.count) 项未报。请接此通知后即签收并尽快办理报送；确有困难的，请提出延期申请并说明理由。")
                ]),
                .table(WordDocument.Table(widths: [1.5, 2.5, 8.5, 4.5], header: ["序号", "类别", "事项", "说明"], rows: rows)),
                .paragraph([.init(office)]),
                .paragraph([.init(issuedOn)]),
            ])
    }
}

import Foundation

/// A number cell of an uploaded spreadsheet as Excel shows it. The file keeps the binary double ("66.1" typed
/// is stored as 66.09999999999999), while Excel shows at most 15 significant digits: the value a person typed
/// and sees is those digits, so that is what is kept.
enum SpreadsheetNumber {
    static func shown(_ text: String) -> String {
        guard text.count > 15, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
            let value = Double(text)
        else { return text }
        let shown = String(format: "%.15g", value)
        return shown.contains("e") ? text : shown
    }
}

extension String {
    /// The text made safe inside a quoted HTML attribute. Plot escapes text nodes but writes attribute values
    /// exactly as given, so every attribute that can carry user or document text (a value typed by a
    /// reporter, an indicator name from an uploaded plan) goes through this: a quote can then never end
    /// the attribute and start another.
    var attributeEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

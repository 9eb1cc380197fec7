import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What a reader does with the events of one XML part. Element and attribute names arrive without their
/// namespace prefix ("w:p" → "p", "r:id" → "id"): writers pick different prefixes for the same namespace
/// (Excel writes `<c>`, the Open XML SDK `<x:c>`). A handler throws to stop the parse.
protocol XMLPartHandler: AnyObject {
    func didStart(_ element: String, attributes: [String: String]) throws(ImportError)
    func didEnd(_ element: String) throws(ImportError)
    func didFind(text: String) throws(ImportError)
}

/// Parses one XML part of a package with Foundation's `XMLParser`, refusing nesting deeper than
/// `ReaderLimits.maxXMLDepth` and reporting malformed XML with its line and column.
enum XMLPart {
    static func parse(
        _ data: Data, part: String, package: OfficePackage, into handler: some XMLPartHandler
    ) throws(ImportError) {
        let parser = XMLParser(data: data)
        let events = Events(handler: handler, part: part, package: package)
        parser.delegate = events
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let finished = parser.parse()
        if let error = events.error { throw error }
        guard finished else { throw malformed(parser, part: part, package: package) }
    }

    /// A malformed-XML error at the parser's position: where the error was found while it is being reported,
    /// where parsing stopped afterwards. (libxml2's error codes are not named: FoundationXML's `ErrorCode` cases
    /// do not match them.)
    private static func malformed(_ parser: XMLParser, part: String, package: OfficePackage) -> ImportError {
        package.failure("\(part) 的 XML 格式错误（第 \(parser.lineNumber) 行第 \(parser.columnNumber) 列）")
    }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// The parser's delegate: counts depth, forwards events, and keeps the first error, aborting the parse.
    private final class Events<Handler: XMLPartHandler>: NSObject, XMLParserDelegate {
        let handler: Handler
        let part: String
        let package: OfficePackage
        var depth = 0
        var error: ImportError?

        init(handler: Handler, part: String, package: OfficePackage) {
            self.handler = handler
            self.part = part
            self.package = package
        }

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            depth += 1
            guard depth <= ReaderLimits.maxXMLDepth else {
                stop(
                    parser,
                    package.failure(
                        "\(part) 的 XML 嵌套超过 \(ReaderLimits.maxXMLDepth) 层（第 \(parser.lineNumber) 行），已停止读取"))
                return
            }
            var attributes: [String: String] = [:]
            for (name, value) in attributeDict { attributes[XMLPart.localName(name)] = value }
            forward(parser) { () throws(ImportError) in
                try handler.didStart(XMLPart.localName(elementName), attributes: attributes)
            }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
        ) {
            depth -= 1
            forward(parser) { () throws(ImportError) in try handler.didEnd(XMLPart.localName(elementName)) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            forward(parser) { () throws(ImportError) in try handler.didFind(text: string) }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            forward(parser) { () throws(ImportError) in
                try handler.didFind(text: String(decoding: block, as: UTF8.self))
            }
        }

        /// libxml2 runs in recovery mode under `XMLParser`; stopping at the first error keeps a broken part
        /// from being read as if it were whole, and keeps the position where it broke.
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            stop(parser, XMLPart.malformed(parser, part: part, package: package))
        }

        private func forward(_ parser: XMLParser, _ event: () throws(ImportError) -> Void) {
            guard error == nil else { return }
            do throws(ImportError) { try event() } catch { stop(parser, error) }
        }

        private func stop(_ parser: XMLParser, _ error: ImportError) {
            if self.error == nil { self.error = error }
            parser.abortParsing()
        }
    }
}

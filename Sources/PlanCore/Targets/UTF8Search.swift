extension StringProtocol {
    /// Whether `word` occurs in the text, compared byte for byte in UTF-8. For the exact Chinese words the
    /// readers look for this is what `contains` means, at a fraction of the cost of `String.contains(_:)`,
    /// which compares grapheme by grapheme.
    public func includes(_ word: String) -> Bool {
        let needle = Array(word.utf8)
        guard let first = needle.first else { return true }
        if let found = utf8.withContiguousStorageIfAvailable({ Self.search($0, for: needle, first: first) }) {
            return found
        }
        return Array(utf8).withUnsafeBufferPointer { Self.search($0, for: needle, first: first) }
    }

    private static func search(_ haystack: UnsafeBufferPointer<UInt8>, for needle: [UInt8], first: UInt8) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

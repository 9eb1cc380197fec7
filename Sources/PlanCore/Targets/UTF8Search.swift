extension StringProtocol {
    /// Whether `word` occurs in the text, compared byte for byte in UTF-8. For the exact Chinese words the
    /// readers look for this is what `contains` means, at a fraction of the cost of `String.contains(_:)`,
    /// which compares grapheme by grapheme.
    public func includes(_ word: String) -> Bool {
        // Native strings are contiguous UTF-8: both sides are read in place, without copying.
        let found = word.utf8.withContiguousStorageIfAvailable { needle in
            utf8.withContiguousStorageIfAvailable { Self.search($0, for: needle) }
        }
        if let found = found ?? nil { return found }
        let needle = Array(word.utf8)
        return Array(utf8).withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { Self.search(haystack, for: $0) }
        }
    }

    private static func search(_ haystack: UnsafeBufferPointer<UInt8>, for needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
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

// HTTP throughput and latency of `hcm serve` under wrk (Debian's wrk, on loopback): the dashboard page, an
// indicator page and a batch submit of 20 values, each beside a trivial route of the same server (/health)
// measured in the same run, with the ratio. SQLite by default (the demo database); PostgreSQL with
// `--postgres URL` (an empty database).
//
//     swift build -c release --product hcm && swift run -c release HTTPBenchmark [--postgres URL] [--seconds 10]
//
// Goal: pages ≥ 1/3 of the trivial route's requests per second, p99 < 50 ms at 64 connections.
import Foundation

struct Options {
    var hcm = ".build/release/hcm"
    var postgres: String?
    var seconds = 10
    var connections = 64

    init(_ arguments: [String]) {
        var rest = arguments.makeIterator()
        while let argument = rest.next() {
            switch argument {
            case "--hcm": hcm = rest.next() ?? hcm
            case "--postgres": postgres = rest.next()
            case "--seconds": seconds = rest.next().flatMap { Int($0) } ?? seconds
            case "--connections": connections = rest.next().flatMap { Int($0) } ?? connections
            default: fatalError("unknown argument \(argument)")
            }
        }
    }
}

/// Runs a program and returns its standard output; stops the benchmark if it fails.
@discardableResult
func run(_ program: String, _ arguments: [String], input: String? = nil) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    let stdin = Pipe()
    process.standardInput = stdin
    do { try process.run() } catch { fatalError("cannot run \(program): \(error)") }
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try? stdin.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { fatalError("\(program) \(arguments.joined(separator: " ")) failed") }
    return String(decoding: data, as: UTF8.self)
}

func freePort() -> Int { Int.random(in: 20_000..<60_000) }

/// `hcm serve` in the background; returns the process and the passwords it prints for the demo users.
func startServer(_ options: Options, database: String, port: Int) -> (Process, [String: String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: options.hcm)
    process.arguments = ["serve", "--db", database, "--port", "\(port)"] + (options.postgres == nil ? ["--demo"] : [])
    let output = Pipe()
    process.standardOutput = output
    do { try process.run() } catch { fatalError("cannot start \(options.hcm): \(error) — build it with swift build -c release --product hcm") }
    var passwords: [String: String] = [:]
    var text = ""
    while !text.contains("正在 http") {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { fatalError("hcm serve stopped: \(text)") }
        text += String(decoding: chunk, as: UTF8.self)
    }
    for line in text.split(separator: "\n") {
        let parts = line.trimmingCharacters(in: .whitespaces).components(separatedBy: "：")
        if parts.count == 2, let name = parts[0].split(separator: "（").first { passwords[String(name)] = parts[1] }
    }
    // Keep draining its output so it never blocks on a full pipe.
    output.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
    Thread.sleep(forTimeInterval: 0.5)
    return (process, passwords)
}

/// A page session cookie, signed in through the sign-in form as a browser does (curl keeps the cookies).
func pageCookie(base: String, username: String, password: String, jar: String) -> String {
    let form = run("/usr/bin/curl", ["-s", "-c", jar, "\(base)/login"])
    guard let range = form.range(of: #"name="_csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { fatalError("no sign-in form") }
    let csrf = form[range].dropFirst(#"name="_csrf" value=""#.count).dropLast()
    run("/usr/bin/curl", ["-s", "-b", jar, "-c", jar, "-o", "/dev/null", "--data-urlencode", "username=\(username)",
                          "--data-urlencode", "password=\(password)", "--data-urlencode", "_csrf=\(csrf)", "\(base)/login"])
    let cookies = try! String(contentsOfFile: jar, encoding: .utf8)
    guard let line = cookies.split(separator: "\n").first(where: { $0.contains("hcm_session") }) else { fatalError("sign-in failed") }
    return "hcm_session=\(line.split(separator: "\t").last!)"
}

func apiToken(base: String, username: String, password: String) -> String {
    let body = run("/usr/bin/curl", ["-s", "-H", "content-type: application/json", "-d",
                                     #"{"username": "\#(username)", "password": "\#(password)"}"#, "\(base)/api/v1/auth/login"])
    guard let token = (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["token"] as? String else {
        fatalError("API sign-in failed: \(body)")
    }
    return token
}

struct Figure {
    var name: String
    var requestsPerSecond: Double
    var p50: Double
    var p99: Double
    var errors: Int
}

/// One wrk run: 2 threads, `connections` connections, `seconds` seconds, latency percentiles.
func wrk(_ name: String, _ url: String, script: String, options: Options) -> Figure {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-wrk-\(UUID().uuidString).lua")
    try! script.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let out = run("/usr/bin/wrk", ["-t2", "-c\(options.connections)", "-d\(options.seconds)s", "--latency", "-s", file.path, url])
    func number(after label: String) -> String? {
        out.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }?
            .split(separator: " ", omittingEmptySubsequences: true).dropFirst(label.split(separator: " ").count).first.map(String.init)
    }
    func milliseconds(_ text: String?) -> Double {
        guard let text else { return .nan }
        for (suffix, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? .nan) * factor
        }
        return .nan
    }
    let errors = out.split(separator: "\n").first { $0.contains("Non-2xx or 3xx responses") }
        .flatMap { $0.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } } ?? 0
    return Figure(
        name: name, requestsPerSecond: Double(number(after: "Requests/sec:") ?? "") ?? .nan,
        p50: milliseconds(number(after: "50%")), p99: milliseconds(number(after: "99%")), errors: errors)
}

func getScript(cookie: String?) -> String {
    "wrk.method = \"GET\"\n" + (cookie.map { "wrk.headers[\"Cookie\"] = \"\($0)\"\n" } ?? "")
}

/// Each request a new batch of 20 values, for a region code of its own (so no two write the same rows).
func submitScript(token: String, indicators: [Int64]) -> String {
    """
    local created = 0
    function setup(thread)
      created = created + 1
      thread:set("tag", created)
    end
    local counter = 0
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer \(token)"
    request = function()
      counter = counter + 1
      local region = "B" .. tag .. "-" .. counter
      local items = {}
      \(indicators.map { #"table.insert(items, '{"indicatorID": \#($0), "regionCode": "' .. region .. '", "year": 2020, "valueText": "81.6", "action": "saveDraft"}')"# }.joined(separator: "\n  "))
      return wrk.format(nil, "/api/v1/observations", nil, '{"changes": [' .. table.concat(items, ",") .. ']}')
    end
    """
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcm-http-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let database: String
var adminPassword = "benchmark-admin-password"
if let url = options.postgres {
    database = url
    let seed = "Tests/PlanImportTests/Fixtures/seeds/000_43dbf30d6d3ada74.txt"
    run(options.hcm, ["migrate", "--db", url])
    run(options.hcm, ["plans", "add", seed, "--publish", "--db", url])
    run(options.hcm, ["user", "add", "admin", "--role", "admin", "--password-stdin", "--db", url], input: adminPassword + "\n")
} else {
    database = directory.appendingPathComponent("demo.sqlite").path
}
let port = freePort()
let base = "http://127.0.0.1:\(port)"
let (server, passwords) = startServer(options, database: database, port: port)
defer { server.terminate(); server.waitUntilExit() }
if let printed = passwords["admin"] { adminPassword = printed }
let cookie = pageCookie(base: base, username: "admin", password: adminPassword, jar: directory.appendingPathComponent("jar").path)
let token = apiToken(base: base, username: "admin", password: adminPassword)
let indicatorsJSON = run("/usr/bin/curl", ["-s", "-H", "authorization: Bearer \(token)", "\(base)/api/v1/plans/1/indicators"])
let indicators = ((try? JSONSerialization.jsonObject(with: Data(indicatorsJSON.utf8))) as? [[String: Any]] ?? [])
    .compactMap { ($0["id"] as? NSNumber)?.int64Value }.prefix(20)

print("hcm serve on \(options.postgres == nil ? "SQLite (demo data)" : "PostgreSQL"); wrk 2 threads, \(options.connections) connections, \(options.seconds) s each")
let baseline = wrk("trivial route GET /health", "\(base)/health", script: getScript(cookie: nil), options: options)
let figures = [
    wrk("dashboard GET /", "\(base)/", script: getScript(cookie: cookie), options: options),
    wrk("indicator page GET /indicators/1", "\(base)/indicators/1", script: getScript(cookie: cookie), options: options),
    wrk("batch submit POST 20 values", "\(base)/api/v1/observations", script: submitScript(token: token, indicators: Array(indicators)), options: options),
]
func line(_ f: Figure, ratio: Double?) -> String {
    String(format: "%-34@ %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d", f.name as NSString, f.requestsPerSecond, f.p50, f.p99, f.errors)
        + (ratio.map { String(format: "  ratio %.3f", $0) } ?? "  (baseline)")
}
print(line(baseline, ratio: nil))
for figure in figures { print(line(figure, ratio: figure.requestsPerSecond / baseline.requestsPerSecond)) }

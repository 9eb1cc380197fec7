import Foundation
import PostgresNIO

extension PostgresPlanRepository {
    /// The client configuration a `DATABASE_URL` names:
    /// `postgres://user:password@host:port/database?sslmode=disable` (or `postgresql://`; percent-encode
    /// special characters in the user and password). The port defaults to 5432, the database to the user's
    /// name. `sslmode` reads as libpq reads it: `disable`; `allow` and `prefer` (TLS when the server offers
    /// it), `require` (TLS, certificate not checked), `verify-ca` (certificate checked, not the host name),
    /// `verify-full`. Without `sslmode`: `disable` on the loopback interface, `prefer` elsewhere.
    ///
    /// A URL that cannot be used throws `StoreError.invalid(field: "DATABASE_URL", …)` saying what is wrong
    /// (never echoing the password).
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        try PostgresURL(url).configuration
    }
}

/// The parts of a `postgres://` URL hcm uses.
struct PostgresURL: Equatable {
    enum SSLMode: String, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String?
    var sslMode: SSLMode
}

extension PostgresURL {
    init(_ url: String) throws {
        func invalid(_ message: String) -> StoreError {
            .invalid(field: "DATABASE_URL", message: "\(message)，应为 postgres://用户名:密码@主机:端口/数据库")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw invalid("无法解析数据库地址")
        }
        guard scheme == "postgres" || scheme == "postgresql" else { throw invalid("不是 PostgreSQL 地址（\(scheme)://）") }
        host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw invalid("缺少主机名") }
        guard let user = components.user, !user.isEmpty else { throw invalid("缺少用户名") }
        username = user
        password = components.password
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("端口 \(port) 不在 1-65535 之间") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw invalid("数据库名“\(path)”不能含有 /") }
        database = path.isEmpty ? nil : path

        var mode: SSLMode?
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw invalid("不支持的参数“\(item.name)”（只支持 sslmode）") }
            guard let value = SSLMode(rawValue: item.value ?? "") else {
                let known = SSLMode.allCases.map(\.rawValue).joined(separator: "、")
                throw invalid("sslmode“\(item.value ?? "")”无效（可用 \(known)）")
            }
            mode = value
        }
        sslMode = mode ?? (Self.isLoopback(host) ? .disable : .prefer)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    var configuration: PostgresClient.Configuration {
        PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    var tls: PostgresClient.Configuration.TLS {
        func checking(_ verification: CertificateVerification) -> TLSConfiguration {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = verification
            return configuration
        }
        return switch sslMode {
        case .disable: .disable
        case .allow, .prefer: .prefer(checking(.none))
        case .require: .require(checking(.none))
        case .verifyCA: .require(checking(.noHostnameVerification))
        case .verifyFull: .require(checking(.fullVerification))
        }
    }
}

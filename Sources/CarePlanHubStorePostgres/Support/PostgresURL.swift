// CarePlan Link — CarePlanHubStorePostgres
import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://` URL read into what the pool needs:
/// `postgres://user:password@host:port/database?sslmode=disable|verify-full&sslrootcert=FILE&schema=NAME`.
///
/// TLS: `verify-full` checks the server's certificate and name (against `sslrootcert`, or the system's roots);
/// `disable` sends in clear. Without `sslmode`, a loopback host means `disable` and any other host `verify-full`:
/// a hub never sends offices' files in clear across a network by default. `schema` puts the hub's tables in their
/// own schema (created when missing), so that several hubs or test runs can share one database.
struct PostgresURL: Sendable, Equatable {
    enum TLSMode: String, Sendable {
        case disable
        case verifyFull = "verify-full"
    }

    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var tlsMode: TLSMode
    var rootCertificateFile: String?
    var schema: String?

    init(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw PostgresHubStoreError.invalidURL("postgres://user@host:port/database の形で指定してください / expected postgres://user@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresHubStoreError.invalidURL("ホスト名がありません / no host") }
        guard let user = components.user, !user.isEmpty else { throw PostgresHubStoreError.invalidURL("ユーザー名がありません / no user name") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw PostgresHubStoreError.invalidURL("データベース名がありません / no database name") }
        self.user = user
        self.password = components.password
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let known: Set<String> = ["sslmode", "sslrootcert", "schema"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw PostgresHubStoreError.invalidURL("知らない項目です / unknown parameter \(unknown) (known: sslmode, sslrootcert, schema)")
        }
        let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host)
        if let mode = query["sslmode"] {
            guard let parsed = TLSMode(rawValue: mode) else {
                throw PostgresHubStoreError.invalidURL("sslmode は disable か verify-full です / sslmode must be disable or verify-full, not \(mode)")
            }
            self.tlsMode = parsed
        } else {
            self.tlsMode = loopback ? .disable : .verifyFull
        }
        self.rootCertificateFile = query["sslrootcert"]
        if let schema = query["schema"] { self.schema = try Self.checkedSchema(schema) }
    }

    /// A schema name is spliced into CREATE SCHEMA and sent as search_path: a plain lower-case identifier only.
    static func checkedSchema(_ schema: String) throws -> String {
        guard schema.range(of: "^[a-z_][a-z0-9_]{0,62}$", options: .regularExpression) != nil else {
            throw PostgresHubStoreError.invalidURL("schema は英小文字・数字・_ です / schema must be a lower-case identifier, not \(schema)")
        }
        return schema
    }

    func tls() throws -> PostgresClient.Configuration.TLS {
        switch self.tlsMode {
        case .disable:
            return .disable
        case .verifyFull:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .fullVerification
            if let file = self.rootCertificateFile {
                configuration.trustRoots = .file(file)
            }
            return .require(configuration)
        }
    }

    /// The URL without its password, for logs and the health page.
    var redacted: String {
        "postgres://\(self.user)@\(self.host):\(self.port)/\(self.database)" + (self.schema.map { "?schema=\($0)" } ?? "")
    }
}

extension PostgresHubStore {
    /// `url` without its password, for messages and logs; the text as given when it is no URL.
    public static func redacted(url: String) -> String {
        (try? PostgresURL(url).redacted) ?? "(unreadable URL)"
    }
}

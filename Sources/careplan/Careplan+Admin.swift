// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import CarePlanExchange
import CarePlanHub
import CarePlanHubStore
import Foundation

extension Careplan {
    struct Admin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Administer the hub's data folder directly: init, offices, accounts, tokens, certificates, retention (管理).",
            subcommands: [Init.self, CreateOffice.self, CreateUser.self, CreateToken.self, IssueCert.self, Revoke.self, List.self, Purge.self])
    }
}

/// The audit actor for changes made from the command line.
private var cliActor: String { "cli:\(ProcessInfo.processInfo.userName)" }

private func cliAudit(_ action: String, _ subject: String, office: String? = nil) -> AuditRecord {
    AuditRecord(actor: cliActor, office: office, action: action, subject: subject)
}

/// Writes a key or certificate file with the given permissions (keys: owner only). PEM files end with a newline, so
/// that concatenated chains stay readable.
private func writeSecretFile(_ text: String, to path: String, mode: Int) throws {
    try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

/// Parses `事業所番号_種類` (e.g. `1310100012_43`).
private func officeID(_ text: String) throws -> (String, String) {
    let parts = text.split(separator: "_")
    guard parts.count == 2, parts[0].count == 10, parts[0].allSatisfy(\.isNumber), ServiceType.named(String(parts[1])) != nil else {
        throw ValidationError("事業所は 事業所番号10桁_サービス種類 で指定します（例 1310100012_43） / give the office as NUMBER_TYPE, e.g. 1310100012_43")
    }
    return (String(parts[0]), String(parts[1]))
}

extension Careplan.Admin {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the data folder: hub.json with new encryption, signing and CA keys, and the database.",
            discussion: "With --tls-host the hub also gets a server certificate from its own CA and serves HTTPS, accepting client certificates.")
        @OptionGroup var hub: HubOptions
        @Option(name: .customLong("tls-host"), help: "Serve HTTPS for this host name or address (repeatable), e.g. --tls-host localhost --tls-host 127.0.0.1.")
        var tlsHosts: [String] = []

        func run() async throws {
            // The folder holds the keys and every office's files: the owner's alone.
            try FileManager.default.createDirectory(atPath: self.hub.data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard !FileManager.default.fileExists(atPath: self.hub.configPath) else {
                throw CommandError("設定ファイルは既にあります（鍵を上書きしません） / \(self.hub.configPath) exists; keys are never overwritten")
            }
            var configuration = HubConfiguration.withNewKeys()
            configuration.audit.checkpointFile = "audit-checkpoints.jsonl"
            let store = try SQLiteHubStore(path: self.hub.databasePath)
            let hub = try await Hub.open(store: store, configuration: configuration)
            if !self.tlsHosts.isEmpty, let authority = hub.certificateAuthority {
                let issued = try authority.issueServerCertificate(hosts: self.tlsHosts)
                let folder = URL(fileURLWithPath: self.hub.configPath).deletingLastPathComponent()
                try writeSecretFile(issued.certificatePEM + "\n" + (try authority.certificatePEM), to: folder.appendingPathComponent("tls-cert.pem").path, mode: 0o644)
                try writeSecretFile(issued.privateKeyPEM, to: folder.appendingPathComponent("tls-key.pem").path, mode: 0o600)
                configuration.tls = .init(certificateFile: "tls-cert.pem", privateKeyFile: "tls-key.pem")
                print("HTTPS のサーバー証明書を発行しました / issued the HTTPS server certificate for \(self.tlsHosts.joined(separator: ", "))")
            }
            try configuration.write(path: self.hub.configPath)
            // The checkpoint file exists from the start, so that its disappearance later is noticed.
            let checkpoints = URL(fileURLWithPath: self.hub.configPath).deletingLastPathComponent().appendingPathComponent("audit-checkpoints.jsonl").path
            FileManager.default.createFile(atPath: checkpoints, contents: nil, attributes: [.posixPermissions: 0o600])
            try await store.appendAudit(cliAudit("admin.init", self.hub.data))
            print("作成しました / created \(self.hub.configPath) and \(self.hub.databasePath)")
            print("受領証の公開鍵 / receipt public key: \(try ReceiptSigner(base64PrivateKey: configuration.signingKey!).publicKey)")
            print("鍵を含む hub.json を安全に保管してください（紛失するとデータを読めません） / keep hub.json safe: without its key the data cannot be read")
        }
    }

    struct CreateOffice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-office", abstract: "Register an office (事業所).")
        @OptionGroup var hub: HubOptions
        @Option(help: "事業所番号_サービス種類, e.g. 1310100012_43.") var office: String
        @Option(help: "事業所名") var name: String
        @Option(help: "所在地") var address = ""
        @Option(help: "市区町村コード") var municipality = ""
        @Option(help: "連絡先") var contact = ""

        func run() async throws {
            let (number, type) = try officeID(self.office)
            let store = try self.hub.openStore()
            let created = try await store.createOffice(
                Office(number: number, serviceType: type, name: self.name, address: self.address, municipalityCode: self.municipality, contact: self.contact),
                audit: cliAudit("admin.createOffice", self.office, office: self.office))
            print("事業所を登録しました / office registered: \(created.officeID) \(created.name) (id \(created.id))")
        }
    }

    struct CreateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create an account: admin or staff of an office, or the hub operator.")
        @OptionGroup var hub: HubOptions
        @Option(help: "The office (事業所番号_種類); omit for --role operator.") var office: String?
        @Option(help: "Login name.") var login: String
        @Option(help: "Role: admin, staff or operator.") var role: String = "staff"
        @Option(help: "Password (prefer --password-stdin).") var password: String?
        @Flag(help: "Read the password from standard input.") var passwordStdin = false

        func run() async throws {
            guard let role = Role(rawValue: self.role) else { throw ValidationError("--role は admin, staff, operator / role must be admin, staff or operator") }
            let password = self.passwordStdin ? (readLine(strippingNewline: true) ?? "") : (self.password ?? "")
            guard password.count >= 10 else { throw ValidationError("パスワードは10文字以上 / the password needs at least 10 characters") }
            let store = try self.hub.openStore()
            var officeRow: Office?
            if role != .hubOperator {
                guard let office = self.office else { throw ValidationError("--office が必要です / --office is required for admin and staff") }
                let (number, type) = try officeID(office)
                guard let found = try await store.office(number: number, serviceType: type) else { throw CommandError("事業所が未登録です / unknown office \(office)") }
                officeRow = found
            }
            let account = try await store.createAccount(
                Account(officeID: officeRow?.id, loginName: self.login, passwordHash: PasswordHasher.hash(password), role: role),
                audit: cliAudit("admin.createUser", self.login, office: officeRow?.officeID.description))
            print("アカウントを作成しました / account created: \(account.loginName) (\(account.role.rawValue), id \(account.id))")
        }
    }

    struct CreateToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-token", abstract: "Issue an API token for an account (shown once; only its hash is stored).")
        @OptionGroup var hub: HubOptions
        @Option(help: "The account's login name.") var login: String
        @Option(help: "A label to recognise the token.") var label = "api"
        @Option(help: "Scopes, comma-separated: send, receive, manage.") var scopes = "send,receive"
        @Option(help: "Days until the token expires.") var days: Double = 365

        func run() async throws {
            let scopes = try self.scopes.split(separator: ",").map { text in
                guard let scope = Scope(rawValue: String(text)) else { throw ValidationError("unknown scope \(text)") }
                return scope
            }
            let store = try self.hub.openStore()
            guard let account = try await store.account(loginName: self.login) else { throw CommandError("アカウントがありません / no account \(self.login)") }
            let (secret, credential) = try await store.issueAPIToken(
                accountID: account.id, label: self.label, scopes: scopes, now: Date().timeIntervalSince1970, days: self.days,
                audit: cliAudit("admin.createToken", "\(self.login)/\(self.label)"))
            print(secret)
            FileHandle.standardError.write(Data("トークン id \(credential.id)。この値は再表示できません / token id \(credential.id); it is shown only once\n".utf8))
        }
    }

    struct IssueCert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue-cert",
            abstract: "Issue a client certificate (電子証明書) for an office account, signed by the hub's CA.",
            discussion: "Writes <login>.crt.pem, <login>.key.pem (owner-only) and hub-ca.pem to --out. The hub recognises the certificate over HTTPS without a token; revoke it with `careplan admin revoke --id`.")
        @OptionGroup var hub: HubOptions
        @Option(help: "The account's login name (an office admin or staff).") var login: String
        @Option(help: "Days of validity (default: auth.certificateDays).") var days: Double?
        @Option(help: "Folder for the certificate and key.", completion: .directory) var out: String = "."

        func run() async throws {
            let configuration = try self.hub.loadConfiguration()
            let store = try self.hub.openStore()
            let hub = try await Hub.open(store: store, configuration: configuration)
            guard let account = try await store.account(loginName: self.login) else { throw CommandError("アカウントがありません / no account \(self.login)") }
            guard let officeRowID = account.officeID, let office = try await store.office(id: officeRowID) else {
                throw CommandError("証明書は事業所のアカウントにのみ発行します / certificates are issued to office accounts only")
            }
            let (issued, credential) = try await hub.issueClientCertificate(
                for: account, office: office, days: self.days ?? configuration.auth.certificateDays, actor: cliActor)
            try FileManager.default.createDirectory(atPath: self.out, withIntermediateDirectories: true)
            let base = (self.out as NSString).appendingPathComponent(account.loginName)
            try writeSecretFile(issued.certificatePEM, to: base + ".crt.pem", mode: 0o644)
            try writeSecretFile(issued.privateKeyPEM, to: base + ".key.pem", mode: 0o600)
            try writeSecretFile(try hub.certificateAuthority!.certificatePEM, to: (self.out as NSString).appendingPathComponent("hub-ca.pem"), mode: 0o644)
            print("証明書を発行しました / issued certificate id \(credential.id), serial \(issued.serial), for \(account.loginName) (\(office.officeID))")
            print("\(base).crt.pem, \(base).key.pem")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token, session or certificate by id (失効).", aliases: ["revoke-token", "revoke-cert"])
        @OptionGroup var hub: HubOptions
        @Option(help: "The credential id (see `careplan admin list tokens`).") var id: Int64

        func run() async throws {
            let store = try self.hub.openStore()
            guard try await store.revokeCredential(id: self.id, at: Date().timeIntervalSince1970, audit: cliAudit("admin.revoke", String(self.id))) else {
                throw CommandError("該当するトークン・証明書がないか、失効済みです / no such active token or certificate \(self.id)")
            }
            print("失効させました / revoked \(self.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List offices, users or tokens.")
        enum What: String, ExpressibleByArgument, CaseIterable { case offices, users, tokens }
        @OptionGroup var hub: HubOptions
        @Argument(help: "offices, users or tokens") var what: What
        @Option(help: "For tokens: the account's login name.") var login: String?

        func run() async throws {
            let store = try self.hub.openStore()
            switch self.what {
            case .offices:
                for office in try await store.offices() { print("\(office.id)\t\(office.officeID)\t\(office.name)\t\(office.municipalityCode)") }
            case .users:
                for account in try await store.accounts(officeID: nil) {
                    print("\(account.id)\t\(account.loginName)\t\(account.role.rawValue)\t\(account.officeID.map(String.init) ?? "-")")
                }
            case .tokens:
                guard let login = self.login, let account = try await store.account(loginName: login) else { throw ValidationError("--login is required for tokens") }
                for credential in try await store.credentials(accountID: account.id) {
                    let state = credential.revokedAt != nil ? "revoked" : (credential.expiresAt < Date().timeIntervalSince1970 ? "expired" : "active")
                    print("\(credential.id)\t\(credential.kind.rawValue)\t\(credential.label)\t\(credential.scopes.map(\.rawValue).joined(separator: ","))\t\(state)")
                }
            }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the retention rules now (the server also does this periodically).")
        @OptionGroup var hub: HubOptions

        func run() async throws {
            let configuration = try self.hub.loadConfiguration()
            let store = try self.hub.openStore()
            let now = Date().timeIntervalSince1970
            let result = try await store.applyRetention(
                unreadBefore: now - configuration.retention.unreadDays * 86_400, readBefore: now - configuration.retention.readDays * 86_400, at: now)
            print("期限切れ/expired \(result.expired), 削除/purged \(result.purged)")
        }
    }
}

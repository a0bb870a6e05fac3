// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import CarePlanHub
import CarePlanHubStore
import CarePlanHubStorePostgres
import Foundation

extension Careplan {
    struct Admin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Administer the hub's data folder directly: init, offices, accounts, tokens, certificates, retention (管理).",
            subcommands: [Init.self, CreateOffice.self, CreateAuthority.self, LinkPartners.self, CreateUser.self, CreateToken.self, IssueCert.self, Revoke.self, List.self, Purge.self, Licence.self])
    }
}

/// The audit actor for changes made from the command line.
private var cliActor: String { "cli:\(ProcessInfo.processInfo.userName)" }

private func cliAudit(_ action: String, _ subject: String, office: String? = nil) -> AuditRecord {
    AuditRecord(actor: cliActor, office: office, action: action, subject: subject)
}

extension Careplan.Admin {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the data folder: hub.json with new encryption, signing and CA keys, and the database.",
            discussion: "With --tls-host the hub also gets a server certificate from its own CA and serves HTTPS, accepting client certificates.")
        @OptionGroup var hub: HubOptions
        @Option(name: .customLong("tls-host"), help: "Serve HTTPS for this host name or address (repeatable), e.g. --tls-host localhost --tls-host 127.0.0.1.")
        var tlsHosts: [String] = []
        @Option(
            help: ArgumentHelp(
                "Keep the data in PostgreSQL instead of hub.sqlite: postgres://user:password@host:port/database (?sslmode=disable|verify-full&sslrootcert=FILE&schema=NAME).",
                valueName: "url"))
        var database: String?

        func run() async throws {
            let created = try await self.hub.folder.create(tlsHosts: self.tlsHosts, database: self.database, actor: cliActor)
            if created.configuration.tls != nil {
                print("HTTPS のサーバー証明書を発行しました / issued the HTTPS server certificate for \(self.tlsHosts.joined(separator: ", "))")
            }
            if let database = self.database {
                print("作成しました / created \(self.hub.folder.configPath); data in \(PostgresHubStore.redacted(url: database))")
            } else {
                print("作成しました / created \(self.hub.folder.configPath) and \(self.hub.folder.databasePath)")
            }
            print("受領証の公開鍵 / receipt public key: \(created.receiptPublicKey)")
            print("鍵を含む hub.json を安全に保管してください（紛失するとデータを読めません） / keep hub.json safe: without its key the data cannot be read")
        }
    }

    struct CreateOffice: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-office", abstract: "Register an office (事業所).")
        @OptionGroup var hub: HubOptions
        @Option(help: "事業所番号_サービス種類, e.g. 1310100012_43.") var office: OfficeID
        @Option(help: "事業所名") var name: String
        @Option(help: "所在地") var address = ""
        @Option(help: "市区町村コード") var municipality = ""
        @Option(help: "連絡先") var contact = ""

        func run() async throws {
            let created = try await self.hub.openStore().registerOffice(
                self.office, name: self.name, address: self.address, municipalityCode: self.municipality, contact: self.contact, actor: cliActor)
            print("事業所を登録しました / office registered: \(created.officeID) \(created.name) (id \(created.id))")
        }
    }

    struct CreateAuthority: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-authority", abstract: "Register a municipality (市区町村) or prefecture (都道府県) that gets region accounts.")
        @OptionGroup var hub: HubOptions
        @Option(help: "municipality or prefecture.") var kind: Authority.Kind = .municipality
        @Option(help: "市区町村コード (6 digits) or 都道府県コード (2 digits).") var code: String
        @Option(help: "自治体名, e.g. 千代田区.") var name: String

        func run() async throws {
            let authority = try await self.hub.openStore().registerAuthority(kind: self.kind, code: self.code, name: self.name, actor: cliActor)
            print("自治体を登録しました / authority registered: \(authority.kind.rawValue) \(authority.code) \(authority.name) (id \(authority.id))")
        }
    }

    struct LinkPartners: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link-partners", abstract: "Link two registered offices as partners (連携先) without a request, e.g. partnerships a region already had.")
        @OptionGroup var hub: HubOptions
        @Option(help: "One office, 事業所番号_サービス種類.") var office: OfficeID
        @Option(help: "The other office.") var partner: OfficeID

        func run() async throws {
            _ = try await self.hub.openStore().linkOffices(self.office, self.partner, at: Date().timeIntervalSince1970, actor: cliActor)
            print("連携先にしました / linked: \(self.office) ⇄ \(self.partner)")
        }
    }

    struct CreateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-user", abstract: "Create an account: admin or staff of an office, or the hub operator.")
        @OptionGroup var hub: HubOptions
        @Option(help: "The office (事業所番号_種類); omit for --role operator, municipality and prefecture.") var office: OfficeID?
        @Option(help: "The authority's code, for --role municipality (市区町村コード) or prefecture (都道府県コード).") var authority: String?
        @Option(help: "Login name.") var login: String
        @Option(help: "Role (operator: the hub operator, no office).") var role: Role = .staff
        @Option(help: "Password (prefer --password-stdin).") var password: String?
        @Flag(help: "Read the password from standard input.") var passwordStdin = false

        func validate() throws {
            if self.role.isAuthority {
                if self.authority == nil { throw ValidationError("--authority が必要です / --authority is required for \(self.role.rawValue)") }
            } else if self.role != .hubOperator && self.office == nil {
                throw ValidationError("--office が必要です / --office is required for admin and staff")
            }
            if !self.passwordStdin, let problem = PasswordPolicy.problem(with: self.password ?? "") { throw ValidationError(problem) }
        }

        func run() async throws {
            let password = self.passwordStdin ? (readLine(strippingNewline: true) ?? "") : (self.password ?? "")
            // Standard input can only be read here, after validate(); the store checks the policy again.
            let store = try await self.hub.openStore()
            var authority: Authority?
            if self.role.isAuthority, let code = self.authority, let kind = Authority.Kind(rawValue: self.role.rawValue) {
                authority = try await store.authority(kind: kind, code: code)
            }
            let account = try await store.createAccount(
                loginName: self.login, role: self.role, password: password, office: self.role == .hubOperator || self.role.isAuthority ? nil : self.office,
                authority: authority, actor: cliActor)
            print("アカウントを作成しました / account created: \(account.loginName) (\(account.role.rawValue), id \(account.id))")
        }
    }

    struct CreateToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-token", abstract: "Issue an API token for an account (shown once; only its hash is stored).")
        @OptionGroup var hub: HubOptions
        @Option(help: "The account's login name.") var login: String
        @Option(help: "A label to recognise the token.") var label = "api"
        @Option(help: "Scopes, comma-separated: send, receive, manage.", transform: Scope.list) var scopes: [Scope] = [.send, .receive]
        @Option(help: "Days until the token expires.") var days: Double = 365

        func run() async throws {
            let store = try await self.hub.openStore()
            let account = try await store.account(named: self.login)
            let (secret, credential) = try await store.issueAPIToken(
                accountID: account.id, label: self.label, scopes: self.scopes, now: Date().timeIntervalSince1970, days: self.days,
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
            let store = try await self.hub.openStore()
            let hub = try await Hub.open(store: store, configuration: configuration)
            let files = try await hub.issueClientCertificate(loginName: self.login, days: self.days, actor: cliActor, writingTo: self.out)
            print("証明書を発行しました / issued certificate id \(files.credential.id), serial \(files.certificate.serial), for \(files.account.loginName) (\(files.office.officeID))")
            print("\(files.certificatePath), \(files.privateKeyPath)")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token, session or certificate by id (失効).", aliases: ["revoke-token", "revoke-cert"])
        @OptionGroup var hub: HubOptions
        @Option(help: "The credential id (see `careplan admin list tokens`).") var id: Int64

        func run() async throws {
            let store = try await self.hub.openStore()
            guard try await store.revokeCredential(id: self.id, at: Date().timeIntervalSince1970, audit: cliAudit("admin.revoke", String(self.id))) else {
                throw CommandError("該当するトークン・証明書がないか、失効済みです / no such active token or certificate \(self.id)")
            }
            print("失効させました / revoked \(self.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List offices, users or tokens.")
        @OptionGroup var hub: HubOptions
        @Argument(help: "offices, users or tokens") var what: AdminListing
        @Option(help: "For tokens: the account's login name.") var login: String?

        func validate() throws {
            if self.what == .tokens && self.login == nil { throw ValidationError("tokens には --login が必要です / --login is required for tokens") }
        }

        func run() async throws {
            guard let lines = try await self.hub.openStore().adminListing(self.what, login: self.login, at: Date().timeIntervalSince1970) else {
                throw CommandError("アカウントがありません / no account \(self.login ?? "")")
            }
            for line in lines { print(line) }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply the retention rules now (the server also does this periodically).")
        @OptionGroup var hub: HubOptions

        func run() async throws {
            let configuration = try self.hub.loadConfiguration()
            let store = try await self.hub.openStore()
            // Expiry receipts are signed: the configuration's signing key is needed, not the encryption key.
            guard let key = configuration.signingKey else { throw CommandError("署名鍵（signingKey）が設定にありません / no signingKey in hub.json") }
            let signer = try ReceiptSigner(base64PrivateKey: key)
            let result = try await Hub.applyRetention(store: store, retention: configuration.retention, signer: signer, at: Date().timeIntervalSince1970)
            print("期限切れ/expired \(result.expired), 削除/purged \(result.purged)")
        }
    }

    struct Licence: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Usage periods (利用期間) of offices: add, list, remove. An office with periods sends only within one.",
            subcommands: [AddPeriod.self, ListPeriods.self, RemovePeriod.self])
    }
}

extension Careplan.Admin.Licence {
    struct AddPeriod: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a usage period to an office.")
        @OptionGroup var hub: HubOptions
        @Option(help: "事業所番号_サービス種類") var office: OfficeID
        @Option(help: "trial, freePass, paid or municipal.") var kind: UsagePeriod.Kind
        @Option(help: "First day (Japan time), e.g. 2026-12-01.") var from: String
        @Option(help: "Last day, included, e.g. 2027-03-31.") var until: String
        @Option(help: "備考") var note = ""

        func run() async throws {
            guard let start = JapanDate.start(self.from), let last = JapanDate.start(self.until) else {
                throw CommandError("日付は 2026-12-01 の形で指定してください / give dates as 2026-12-01")
            }
            let period = try await self.hub.openStore().addUsagePeriod(
                for: self.office, kind: self.kind, from: start, until: last + 86_400, note: self.note, at: Date().timeIntervalSince1970, actor: cliActor)
            print("利用期間を登録しました / usage period added: id \(period.id), \(self.office) \(self.kind.rawValue) \(self.from)〜\(self.until)")
        }
    }

    struct ListPeriods: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every usage period (id, office, kind, first and last day, note).")
        @OptionGroup var hub: HubOptions

        func run() async throws {
            for line in try await self.hub.openStore().usagePeriodLines() { print(line) }
        }
    }

    struct RemovePeriod: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a usage period by id.")
        @OptionGroup var hub: HubOptions
        @Option(help: "The period's id (see `careplan admin licence list`).") var id: Int64

        func run() async throws {
            guard try await self.hub.openStore().removeUsagePeriod(id: self.id, actor: cliActor) else {
                throw CommandError("その利用期間はありません / no usage period \(self.id)")
            }
            print("削除しました / removed \(self.id)")
        }
    }
}

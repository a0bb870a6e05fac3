// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import CarePlanExchange
import CarePlanHub
import CarePlanHubStore
import Foundation
import Hummingbird
import Logging

extension Careplan {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a hub with demo offices and exchanged plans on the embedded database, and open it in a browser (デモ).",
            discussion: """
                The first run creates the data folder: a care-manager office, a home-help provider and a day-service office, \
                their logins (cm, helper, day; password \(Demo.password)), a care plan and a June 利用票 sent to the \
                provider and the provider's 実績 sent back. Later runs reuse it. Not for real data: the password is public.
                """)

        static let password = "careplan-demo"

        @Option(help: "Data folder for the demo hub.", completion: .directory)
        var data: String = "demo-data"

        @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
        @Option(help: "Port.") var port: Int = 8080
        @Flag(help: "Do not open a browser.") var noOpen = false

        func run() async throws {
            let configPath = (self.data as NSString).appendingPathComponent("hub.json")
            let databasePath = (self.data as NSString).appendingPathComponent("hub.sqlite")
            try FileManager.default.createDirectory(atPath: self.data, withIntermediateDirectories: true)
            var configuration: HubConfiguration
            let fresh = !FileManager.default.fileExists(atPath: configPath)
            if fresh {
                configuration = HubConfiguration.withNewKeys()
                try configuration.write(path: configPath)
            } else {
                configuration = try HubConfiguration.load(path: configPath)
            }
            configuration.host = self.host
            configuration.port = self.port
            let store = try SQLiteHubStore(path: databasePath)
            if fresh { try await Self.seed(store: store, configuration: configuration) }

            var logger = Logger(label: "careplan.demo")
            logger.logLevel = .notice
            let url = "http://\(self.host == "0.0.0.0" ? "127.0.0.1" : self.host):\(self.port)/web/login"
            let open = !self.noOpen
            let app = try await buildApplication(
                store: store, configuration: configuration, logger: logger, demoPassword: Self.password,
                onServerRunning: { _ in
                    // Written straight to the file descriptor: print() would sit in a buffer when stdout is not a terminal.
                    FileHandle.standardOutput.write(Data("""
                        CarePlan Link デモ / demo: \(url)
                        ログイン / logins: cm（居宅介護支援）, helper（訪問介護）, day（通所介護） — パスワード / password: \(Demo.password)
                        終了は Ctrl+C / stop with Ctrl+C

                        """.utf8))
                    if open { Demo.openBrowser(url) }
                })
            try await runServer(app, port: self.port)
        }

        /// Offices, logins and exchanged units, through the same checks as uploads.
        static func seed(store: SQLiteHubStore, configuration: HubConfiguration) async throws {
            let hub = try await Hub.open(store: store, configuration: configuration)
            let audit = AuditRecord(actor: "demo", office: nil, action: "demo.seed", subject: "")
            let hash = PasswordHasher.hash(Self.password)
            var offices: [OfficeID: Office] = [:]
            for (id, name, login, contact) in [
                (SampleOffices.careManager, "ちよだ居宅介護支援センター", "cm", "03-0000-0012"),
                (SampleOffices.homeHelp, "神田ヘルパーステーション", "helper", "03-0000-0021"),
                (SampleOffices.dayService, "麹町デイサービス", "day", "03-0000-0039"),
            ] {
                let office = try await store.createOffice(
                    Office(number: id.number, serviceType: id.serviceType!, name: name, address: "東京都千代田区", municipalityCode: "131016", contact: contact),
                    audit: audit)
                offices[id] = office
                _ = try await store.createAccount(Account(officeID: office.id, loginName: login, passwordHash: hash, role: .admin), audit: audit)
            }
            let june = YearMonth(year: 2025, month: 6)!
            let plan = SampleFactory(month: june, userCount: 3, timestamp: FileTimestamp("20250520180000")!)
            let monthly = SampleFactory(month: june, userCount: 3, timestamp: FileTimestamp("20250525180000")!)
            let results = SampleFactory(month: june, userCount: 3, timestamp: FileTimestamp("20250630180000")!)
            func files(_ factory: SampleFactory, _ pattern: SamplePattern) -> [(name: String, bytes: [UInt8])] {
                factory.files(for: pattern).map { ($0.name.description, $0.bytes) }
            }
            _ = try await hub.submit(files(plan, .carePlan), from: offices[SampleOffices.careManager]!, actor: "demo")
            _ = try await hub.submit(files(monthly, .monthlyPlan), from: offices[SampleOffices.careManager]!, actor: "demo")
            _ = try await hub.submit(files(results, .results), from: offices[SampleOffices.homeHelp]!, actor: "demo")
        }

        /// Opens `url` with the desktop's browser when there is one (xdg-open on Linux, open on macOS).
        static func openBrowser(_ url: String) {
            for opener in ["/usr/bin/xdg-open", "/usr/bin/open"] where FileManager.default.isExecutableFile(atPath: opener) {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: opener)
                process.arguments = [url]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                if (try? process.run()) != nil { return }
            }
            FileHandle.standardOutput.write(Data("ブラウザで開いてください / open in a browser: \(url)\n".utf8))
        }
    }
}

// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanHub
import Foundation
import Hummingbird
import Logging

extension Careplan {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a hub with demo offices and exchanged plans on the embedded database, and open it in a browser (デモ).",
            discussion: """
                The first run creates the data folder: four offices of 千代田区 with logins (cm, helper, day, equipment) and \
                five weeks of exchange between the care manager and the provider showing every state: 取込済, 受信済, 取込不可 \
                with its reasons, 取り下げ, 期限切れ, an unread 利用票 about to expire, and the provider's 実績, unread; and a \
                model region of a fictional さくら市 with its municipality (city) and 東京都 (pref), 25 offices, 60 users and \
                65 days of exchange. It prints every login and its role; every password is \(HubDemo.password). Later runs \
                reuse it. Not for real data: the password is public.
                """)

        @Option(help: "Data folder for the demo hub.", completion: .directory)
        var data: String = "demo-data"

        @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
        @Option(help: "Port.") var port: Int = 8080
        @Flag(help: "Do not open a browser.") var noOpen = false

        func run() async throws {
            let demo = try await HubDemo.prepare(folder: HubDataFolder(path: self.data))
            var configuration = demo.configuration
            configuration.host = self.host
            configuration.port = self.port

            var logger = Logger(label: "careplan.demo")
            logger.logLevel = .notice
            let url = HubDemo.loginURL(host: self.host, port: self.port)
            let open = !self.noOpen
            let app = try await buildApplication(
                store: demo.store, configuration: configuration, logger: logger, demoPassword: HubDemo.password,
                onServerRunning: { _ in
                    // Written straight to the file descriptor: print() would sit in a buffer when stdout is not a terminal.
                    FileHandle.standardOutput.write(Data(HubDemo.banner(url: url).utf8))
                    if open, !HubDemo.openBrowser(url) { FileHandle.standardOutput.write(Data("ブラウザで開いてください / open in a browser: \(url)\n".utf8)) }
                })
            try await runServer(app, port: self.port)
        }
    }
}

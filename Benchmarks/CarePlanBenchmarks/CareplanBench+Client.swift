// CarePlan Link — careplan-bench
import ArgumentParser
import AsyncHTTPClient
import CarePlanClient
import CarePlanCSV
import CarePlanExchange
import CarePlanHub
import CarePlanHubStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

extension CareplanBench {
    struct Client: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "client",
            abstract: "The office side on loopback: fetch (download, SHA-256, fsync, 受信 receipt) and import into the local store, each against a same-run baseline.")

        @Option(help: "Units to exchange (第6表+第7表+補足 of --users users each).") var units = 300
        @Option(help: "Users per unit.") var users = 5
        @Option(help: "Port for the hub.") var port = 18_090

        func run() async throws {
            let bench = try await BenchHubData.make(name: "client", port: self.port)
            defer { bench.remove() }
            let (folder, store, configuration) = (bench.folder, bench.store, bench.configuration)
            let tokens = [bench.careManagerToken, bench.providerToken]
            var logger = Logger(label: "bench")
            logger.logLevel = .critical
            let app = try await buildApplication(store: store, configuration: configuration, logger: logger)
            let base = "http://127.0.0.1:\(self.port)"
            let sender = try HubClient(connection: HubConnection(baseURL: base, credential: .token(tokens[0])), logger: logger)
            let receiver = try HubClient(connection: HubConnection(baseURL: base, credential: .token(tokens[1])), logger: logger)
            let raw = HTTPClient(eventLoopGroupProvider: .singleton)

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.run() }
                try await BenchHTTP.waitUntilUp(raw, base + "/health")
                // Distinct units: a different seed and ファイル連番 each, sent by the care manager.
                for index in 0..<self.units {
                    let factory = SampleFactory(
                        month: YearMonth(year: 2025, month: 6)!, userCount: self.users, seed: UInt64(index + 1),
                        timestamp: FileTimestamp(String(format: "20250525%02d%02d%02d", 10 + index / 3600, index / 60 % 60, index % 60))!)
                    _ = try await sender.send(factory.files(for: .monthlyPlan).map { ($0.name.description, $0.bytes) })
                }
                let pending = try await receiver.pendingUnits()
                let bytes = pending.reduce(0) { $0 + $1.files.reduce(0) { $0 + $1.size } }

                // Baseline 1: the same downloads into memory, no disk, no receipt.
                let plainStart = ContinuousClock.now
                for unit in pending {
                    for file in unit.files {
                        var request = HTTPClientRequest(url: "\(base)/api/v1/units/\(unit.id)/files/\(file.name)")
                        request.headers.add(name: "Authorization", value: "Bearer \(tokens[1])")
                        _ = try await raw.execute(request, timeout: .seconds(60)).body.collect(upTo: 64 << 20)
                    }
                }
                let plain = (ContinuousClock.now - plainStart).seconds
                // The fetch: stream to .part, SHA-256, fsync, rename, fsync the folder, unit.json, fetch and save the 受信 receipt.
                let inbox = (folder as NSString).appendingPathComponent("inbox")
                let fetchStart = ContinuousClock.now
                let fetched = try await InboxFetcher(client: receiver, folder: inbox).fetch()
                let fetch = (ContinuousClock.now - fetchStart).seconds
                guard fetched.stored.count == self.units else { throw BenchError("fetched \(fetched.stored.count) of \(self.units) units") }

                let files = fetched.stored.flatMap(LocalUnit.specFiles(under:))
                // Baseline 2: validating and decoding the same files into typed records, nothing stored.
                let decodeStart = ContinuousClock.now
                for path in files {
                    _ = try CarePlanDocument.read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), fileName: (path as NSString).lastPathComponent)
                }
                let decode = (ContinuousClock.now - decodeStart).seconds
                let importStore = try ImportStore(path: (folder as NSString).appendingPathComponent("office.sqlite"))
                let importStart = ContinuousClock.now
                let report = try await importStore.importFiles(files)
                let importing = (ContinuousClock.now - importStart).seconds
                guard report.imported.count == self.units else { throw BenchError("imported \(report.imported.count) of \(self.units) units") }

                let megabytes = Double(bytes) / 1_000_000
                print("\(self.units) units × \(self.users) users, \(String(format: "%.1f", megabytes)) MB, \(files.count) files, \(report.appliedKeys.count) plan versions")
                print("| measurement | seconds | units/s | MB/s |")
                print("|---|---|---|---|")
                for (name, seconds) in [
                    ("download into memory (baseline)", plain), ("careplan fetch: download + SHA-256 + fsync + 受信 receipt", fetch),
                    ("validate + decode the files (baseline)", decode), ("careplan import: validate + decode + store versions", importing),
                ] {
                    print("| \(name) | \(String(format: "%.3f", seconds)) | \(String(format: "%.0f", Double(self.units) / seconds)) | \(String(format: "%.1f", megabytes / seconds)) |")
                }
                print(String(format: "fetch costs %.2f× the plain download; import costs %.2f× decoding alone", fetch / plain, importing / decode))
                try await sender.shutdown()
                try await receiver.shutdown()
                try await raw.shutdown()
                group.cancelAll()
            }
        }
    }
}

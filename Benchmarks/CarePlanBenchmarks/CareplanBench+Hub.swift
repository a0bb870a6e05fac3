// CarePlan Link — careplan-bench
import ArgumentParser
import AsyncHTTPClient
import CarePlanCSV
import CarePlanExchange
import CarePlanHub
import CarePlanHubStore
import CarePlanHubStorePostgres
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

extension CareplanBench {
    struct Hub: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hub",
            abstract: "Concurrent clients on loopback upload realistic units, then download them and report their import; a hello-world route is measured in the same run.")

        @Option(help: "Units to upload.") var units = 2000
        @Option(help: "Concurrent clients.") var concurrency = 16
        @Option(help: "Users per unit (第6表+第7表+補足 of this many users).") var users = 2
        @Option(help: "Port for the hub (the hello-world server uses the next one).") var port = 18_080
        @Flag(help: "Serve the hub over HTTPS with a server certificate from its own CA (the hello-world baseline stays plain HTTP).") var tls = false
        @Option(help: "Also measure a hub on this PostgreSQL database (a schema of its own, dropped afterwards), e.g. the URL Scripts/postgres.sh start prints.")
        var postgres: String?

        /// The store settings compared in one run: what the hub did before (no fsync at commit), one fsync per upload,
        /// and the default (fsync at commit, shared by concurrent uploads).
        static let variants: [(label: String, options: SQLiteHubStore.Options)] = [
            ("synchronous=NORMAL, a commit per upload (before: no fsync)", .init(synchronous: .normal, groupCommit: false)),
            ("synchronous=FULL, a commit per upload (an fsync each)", .init(synchronous: .full, groupCommit: false)),
            ("synchronous=FULL + group commit (default)", .init(synchronous: .full, groupCommit: true)),
        ]
        /// The SQLite default, and PostgreSQL (synchronous_commit on) when `--postgres` names a database.
        static let postgresLabel = "PostgreSQL, synchronous_commit=on, one write lock"

        func run() async throws {
            // Distinct units: a different seed and ファイル連番 each.
            let payloads: [(body: ByteBuffer, boundary: String)] = (0..<self.units).map { index in
                var factory = SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: self.users, seed: UInt64(index + 1))
                let minutes = index / 60 % 60
                let hours = 10 + index / 3600
                factory.timestamp = FileTimestamp(String(format: "20250525%02d%02d%02d", hours, minutes, index % 60))!
                return BenchHTTP.multipart(factory.files(for: .monthlyPlan).map { ($0.name.description, $0.bytes) })
            }
            let averageBytes = payloads.map(\.body.readableBytes).reduce(0, +) / max(1, payloads.count)
            var logger = Logger(label: "bench")
            // Stopping the servers at the end cancels their connections; that is not worth a log line.
            logger.logLevel = .critical
            var clientTLS = TLSConfiguration.makeClientConfiguration()
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: .init(
                    tlsConfiguration: clientTLS, connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: self.concurrency)))

            let helloRouter = Router()
            helloRouter.get("hello") { _, _ in "hello" }
            let hello = Application(router: helloRouter, configuration: .init(address: .hostname("127.0.0.1", port: self.port + 1)), logger: logger)
            let helloServer = Task { try await hello.run() }
            try await BenchHTTP.waitUntilUp(client, "http://127.0.0.1:\(self.port + 1)/hello")
            let helloResult = try await Throughput.measure(count: self.units, concurrency: self.concurrency) { _ in
                let response = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(self.port + 1)/hello"), timeout: .seconds(30))
                _ = try await response.body.collect(upTo: 1 << 20)
                guard response.status == .ok else { throw BenchError("hello: \(response.status)") }
            }
            helloServer.cancel()

            var rows: [(String, Throughput)] = [("hello-world route (baseline)", helloResult)]
            var uploads: [Double] = []
            var runs: [(label: String, options: SQLiteHubStore.Options, postgres: String?)] = Self.variants.map { ($0.label, $0.options, nil) }
            if let postgres = self.postgres { runs.append((Self.postgresLabel, .init(), postgres)) }
            var postgresUpload: Double?
            var listings: [(store: String, large: Double, small: Double)] = []
            for (offset, variant) in runs.enumerated() {
                // Downloads and import reports are measured on the default SQLite store and on PostgreSQL.
                let isDefault = offset >= Self.variants.count - 1
                let port = self.port + 2 + offset
                let bench = try await BenchHubData.make(
                    name: "hub-\(offset)", port: port, options: variant.options, postgres: variant.postgres, concurrency: self.concurrency)
                var configuration = bench.configuration
                if self.tls {
                    // As `careplan admin init --tls-host 127.0.0.1` does: the hub's CA issues the server certificate.
                    let authority = try await CarePlanHub.Hub.open(store: bench.store, configuration: configuration).certificateAuthority!
                    let issued = try authority.issueServerCertificate(hosts: ["127.0.0.1"])
                    let certificateFile = (bench.folder as NSString).appendingPathComponent("tls-cert.pem")
                    let keyFile = (bench.folder as NSString).appendingPathComponent("tls-key.pem")
                    try issued.certificatePEM.write(toFile: certificateFile, atomically: true, encoding: .utf8)
                    try issued.privateKeyPEM.write(toFile: keyFile, atomically: true, encoding: .utf8)
                    configuration.tls = .init(certificateFile: certificateFile, privateKeyFile: keyFile)
                    clientTLS.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(try authority.certificatePEM.utf8), format: .pem)])
                }
                let app = try await buildApplication(store: bench.store, configuration: configuration, logger: logger)
                let server = Task { try await app.run() }
                let tlsClient =
                    self.tls
                    ? HTTPClient(
                        eventLoopGroupProvider: .singleton,
                        configuration: .init(
                            tlsConfiguration: clientTLS,
                            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: self.concurrency)))
                    : nil
                let http = tlsClient ?? client
                let base = "\(self.tls ? "https" : "http")://127.0.0.1:\(port)"
                try await BenchHTTP.waitUntilUp(http, "\(base)/health")
                let (senderToken, recipientToken) = (bench.careManagerToken, bench.providerToken)
                let unitIDs = UnitIDs(count: self.units)
                let upload = try await Throughput.measure(count: self.units, concurrency: self.concurrency) { index in
                    var request = HTTPClientRequest(url: "\(base)/api/v1/units")
                    request.method = .POST
                    request.headers.add(name: "Authorization", value: "Bearer \(senderToken)")
                    request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(payloads[index].boundary)")
                    request.body = .bytes(payloads[index].body)
                    let response = try await http.execute(request, timeout: .seconds(60))
                    let body = try await response.body.collect(upTo: 1 << 24)
                    guard response.status == .created else { throw BenchError("upload \(index): \(response.status) \(String(buffer: body))") }
                    let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
                    let unit = json?["unit"] as? [String: Any]
                    unitIDs.set(index, id: unit?["id"] as? String ?? "", files: (unit?["files"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? [])
                }
                rows.append(("upload, \(variant.label)", upload))
                if variant.postgres == nil { uploads.append(upload.perSecond) } else { postgresUpload = upload.perSecond }
                if isDefault {
                    // The listing cost at the store: the recipient's inbox, a page of 1,000 and one of 10 (median of 7).
                    let recipient = try await bench.store.office(number: SampleOffices.homeHelp.number, serviceType: SampleOffices.homeHelp.serviceType!)
                    var pages: [Int: [Double]] = [:]
                    for _ in 0..<8 {
                        for limit in [1000, 10] {
                            let start = ContinuousClock.now
                            let page = try await bench.store.inbox(officeID: recipient?.id ?? 0, after: nil, states: nil, limit: limit)
                            guard page.count == min(limit, self.units) else { throw BenchError("inbox page of \(limit): \(page.count) units") }
                            pages[limit, default: []].append((ContinuousClock.now - start).seconds)
                        }
                    }
                    // The first round warms statements and caches up.
                    let median = { (limit: Int) in pages[limit]!.dropFirst().sorted()[3] * 1000 }
                    listings.append((variant.postgres == nil ? "SQLite (default)" : "PostgreSQL", median(1000), median(10)))
                    let receive = try await Throughput.measure(count: self.units, concurrency: self.concurrency) { index in
                        let (id, files) = unitIDs.get(index)
                        for file in files {
                            var request = HTTPClientRequest(url: "\(base)/api/v1/units/\(id)/files/\(file)")
                            request.headers.add(name: "Authorization", value: "Bearer \(recipientToken)")
                            let response = try await http.execute(request, timeout: .seconds(60))
                            _ = try await response.body.collect(upTo: 1 << 26)
                            guard response.status == .ok else { throw BenchError("download: \(response.status)") }
                        }
                        var report = HTTPClientRequest(url: "\(base)/api/v1/units/\(id)/import")
                        report.method = .POST
                        report.headers.add(name: "Authorization", value: "Bearer \(recipientToken)")
                        report.headers.add(name: "Content-Type", value: "application/json")
                        report.body = .bytes(ByteBuffer(string: #"{"outcome":"imported","problems":[]}"#))
                        let response = try await http.execute(report, timeout: .seconds(60))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        guard response.status == .ok else { throw BenchError("import report: \(response.status)") }
                    }
                    rows.append(("download all files (受信済) + import report (取込済) (\(variant.postgres == nil ? "default store" : "PostgreSQL"))", receive))
                }
                try await tlsClient?.shutdown()
                server.cancel()
                _ = await server.result
                await bench.removeAll()
            }
            try await client.shutdown()

            print("hub over \(self.tls ? "HTTPS (TLS 1.3, P-256 certificate from the hub CA)" : "HTTP"); units: \(self.units), concurrency: \(self.concurrency), average upload \(averageBytes / 1024) KiB (第6表+第7表+補足, \(self.users) users)")
            print("")
            print("| measurement | per second | p50 (ms) | p99 (ms) |")
            print("|---|---|---|---|")
            for (label, result) in rows {
                print(String(format: "| %@ | %.0f | %.2f | %.2f |", label, result.perSecond, result.p50 * 1000, result.p99 * 1000))
            }
            print(String(format: "\nupload rate vs hello-world: %.1f%% (goal: ≥ 1,000 units/s)", 100 * (uploads.last ?? 0) / helloResult.perSecond))
            print(
                String(
                    format: "durable uploads vs the old undurable setting: %.2f× with group commit, %.2f× with an fsync per upload",
                    (uploads.last ?? 0) / max(1, uploads[0]), uploads[1] / max(1, uploads[0])))
            print("\n| inbox at the store | page of 1,000 (ms) | page of 10 (ms) | 1,000 / 10 |")
            print("|---|---|---|---|")
            for listing in listings {
                print(String(format: "| %@ | %.1f | %.2f | %.1f× |", listing.store, listing.large, listing.small, listing.large / max(0.001, listing.small)))
            }
            if let postgresUpload {
                print(String(format: "PostgreSQL uploads vs the SQLite default: %.2f×, vs hello-world: %.1f%%", postgresUpload / max(1, uploads.last ?? 1), 100 * postgresUpload / helloResult.perSecond))
            }
        }
    }
}

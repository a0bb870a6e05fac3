// CarePlan Link — careplan-bench
import ArgumentParser
import AsyncHTTPClient
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
    struct Listing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "listing",
            abstract: "Inbox pages of 10 and 1,000 units with their files and offices, through the API on loopback and at the store, against the old per-unit reads in the same run.")

        @Option(help: "Units stored, all addressed to one office (2 or 3 files each).") var units = 3000
        @Option(help: "Repetitions of each page of 1,000 (a page of 10 is repeated 10× as often); the median is reported.") var runs = 5
        @Option(help: "Port for the hub (0: a free port).") var port = 0

        /// The requirement: a page of 1,000 costs less than this many pages of 10.
        static let target = 20.0
        static let large = 1000
        static let small = 10

        func validate() throws {
            guard self.units >= Self.large else { throw ValidationError("--units must be at least \(Self.large) (one full page)") }
            // ファイル連番 are one second apart from 25 May 2025 00:00, before the plans' month (June).
            guard self.units <= 7 * 86_400 else { throw ValidationError("--units must be at most \(7 * 86_400)") }
            guard self.runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        }

        func run() async throws {
            let (unitCount, largeRuns, smallRuns) = (self.units, self.runs, self.runs * 10)
            let bench = try await BenchHubData.make(name: "listing", port: self.port)
            defer { bench.remove() }
            let store = bench.store
            let token = bench.providerToken
            var logger = Logger(label: "bench")
            // Stopping the server at the end cancels its connections; that is not worth a log line.
            logger.logLevel = .critical
            let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
            let app = try await buildApplication(
                store: store, configuration: bench.configuration, logger: logger,
                onServerRunning: { channel in
                    portSink.yield(channel.localAddress?.port ?? 0)
                    portSink.finish()
                })
            let server = Task {
                // A server that could not start ends the wait for its port too.
                defer { portSink.finish() }
                try await app.run()
            }
            defer { server.cancel() }
            var boundPort = 0
            for await port in ports { boundPort = port }
            guard boundPort > 0 else { throw BenchError("the hub did not report its port") }
            let base = "http://127.0.0.1:\(boundPort)"
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                try await BenchHTTP.waitUntilUp(client, base + "/health")

                // Seed: the care manager sends every unit to the home-help provider, through the hub's checks (as uploads).
                guard let sender = try await store.office(number: SampleOffices.careManager.number, serviceType: SampleOffices.careManager.serviceType!),
                    let recipient = try await store.office(number: SampleOffices.homeHelp.number, serviceType: SampleOffices.homeHelp.serviceType!)
                else { throw BenchError("the bench offices are missing") }
                let hub = try await CarePlanHub.Hub.open(store: store, configuration: bench.configuration, logger: logger)
                let seedStart = ContinuousClock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    let workers = 8
                    for worker in 0..<workers {
                        group.addTask {
                            for index in stride(from: worker, to: unitCount, by: workers) {
                                _ = try await hub.submit(Self.unitFiles(index), from: sender, actor: "bench")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let seeding = (ContinuousClock.now - seedStart).seconds

                // What a page holds, checked once before the clock starts.
                let largePage = try await store.inbox(officeID: recipient.id, after: nil, states: nil, limit: Self.large)
                let fileCount = largePage.reduce(0) { $0 + $1.files.count }
                guard largePage.count == Self.large, largePage.allSatisfy({ (2...3).contains($0.files.count) && $0.sender.id == sender.id }) else {
                    throw BenchError("the store's page of \(Self.large) has \(largePage.count) units, \(fileCount) files")
                }
                let largeBytes = try await Self.checkedPage(client, base, token: token, limit: Self.large)
                let smallBytes = try await Self.checkedPage(client, base, token: token, limit: Self.small)

                func api(_ limit: Int) async throws {
                    var request = HTTPClientRequest(url: "\(base)/api/v1/inbox?limit=\(limit)")
                    request.headers.add(name: "Authorization", value: "Bearer \(token)")
                    let response = try await client.execute(request, timeout: .seconds(60))
                    _ = try await response.body.collect(upTo: 256 << 20)
                    guard response.status == .ok else { throw BenchError("inbox?limit=\(limit): \(response.status)") }
                }
                func atStore(_ limit: Int) async throws {
                    let page = try await store.inbox(officeID: recipient.id, after: nil, states: nil, limit: limit)
                    guard page.count == limit else { throw BenchError("store page of \(limit): \(page.count) units") }
                }
                // The old shape: the controller read each unit's files and both offices, one query each.
                let ids = largePage.map { ($0.unit.id, $0.unit.senderOfficeID, $0.unit.recipientOfficeID) }
                func perUnit(_ count: Int) async throws {
                    var files = 0
                    for (id, senderID, recipientID) in ids.prefix(count) {
                        files += try await store.files(unitID: id).count
                        guard try await store.office(id: senderID) != nil, try await store.office(id: recipientID) != nil else {
                            throw BenchError("office missing")
                        }
                    }
                    guard files >= 2 * count else { throw BenchError("per-unit reads found \(files) files for \(count) units") }
                }

                // Interleaved rounds (a page of 1,000, then ten pages of 10), so that a slow moment of the machine falls on both.
                var samples: [String: [Double]] = [:]
                func time(_ key: String, _ operation: () async throws -> Void) async throws {
                    let start = ContinuousClock.now
                    try await operation()
                    samples[key, default: []].append((ContinuousClock.now - start).seconds)
                }
                for round in -1..<largeRuns {
                    try await time("api-large") { try await api(Self.large) }
                    try await time("store-large") { try await atStore(Self.large) }
                    try await time("old-large") { try await perUnit(Self.large) }
                    for _ in 0..<(smallRuns / largeRuns) {
                        try await time("api-small") { try await api(Self.small) }
                        try await time("store-small") { try await atStore(Self.small) }
                        try await time("old-small") { try await perUnit(Self.small) }
                    }
                    // Round -1 warms up connections, statements and caches; it is not counted.
                    if round == -1 { samples = [:] }
                }
                try await client.shutdown()
                server.cancel()
                _ = await server.result

                func median(_ key: String) -> Double {
                    let sorted = samples[key, default: []].sorted()
                    guard !sorted.isEmpty else { return .nan }
                    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                }
                func minimum(_ key: String) -> Double { samples[key, default: []].min() ?? .nan }

                print("listing: \(unitCount) units addressed to one office (\(String(format: "%.2f", Double(fileCount) / Double(Self.large))) files per unit in a page), file-backed SQLite in a temporary folder")
                print(String(format: "seeded through Hub.submit in %.1f s; API pages over HTTP on 127.0.0.1 with a bearer token: limit=%d is %d bytes of JSON, limit=%d is %d bytes",
                             seeding, Self.small, smallBytes, Self.large, largeBytes))
                print("")
                print("| measurement | runs | median (ms) | min (ms) | per unit (µs) |")
                print("|---|---|---|---|---|")
                let rows: [(String, String, Int)] = [
                    ("GET /api/v1/inbox?limit=10", "api-small", Self.small), ("GET /api/v1/inbox?limit=1000", "api-large", Self.large),
                    ("store.inbox(limit: 10)", "store-small", Self.small), ("store.inbox(limit: 1000)", "store-large", Self.large),
                    ("old shape, 10 units: files(unitID:) + office(id:) ×2 each (baseline)", "old-small", Self.small),
                    ("old shape, 1000 units: files(unitID:) + office(id:) ×2 each (baseline)", "old-large", Self.large),
                ]
                for (label, key, count) in rows {
                    print(String(format: "| %@ | %d | %.3f | %.3f | %.1f |", label, samples[key, default: []].count, median(key) * 1000, minimum(key) * 1000,
                                 median(key) / Double(count) * 1e6))
                }
                let sizeRatio = Double(Self.large) / Double(Self.small)
                print("")
                print("| page of 1000 / page of 10 | ratio of medians | per-unit cost ratio | target | met |")
                print("|---|---|---|---|---|")
                for (label, large, small, judged) in [
                    ("API (the requirement)", "api-large", "api-small", true), ("store", "store-large", "store-small", false),
                    ("old per-unit reads (store)", "old-large", "old-small", false),
                ] {
                    let ratio = median(large) / median(small)
                    print(String(format: "| %@ | %.1f× | %.3f× | %@ | %@ |", label, ratio, ratio / sizeRatio, judged ? "< 20×" : "—",
                                 judged ? (ratio < Self.target ? "yes" : "NO") : "—"))
                }
                let apiRatio = median("api-large") / median("api-small")
                print("")
                print(String(format: "old shape / new listing, page of 1000 at the store: %.1f× (the old per-unit reads alone, without its unit query, vs store.inbox)",
                             median("old-large") / median("store-large")))
                print(String(format: "requirement (a page of 1000 costs < %.0f× a page of 10, through the API): %.1f× — %@", Self.target, apiRatio,
                             apiRatio < Self.target ? "met" : "NOT met"))
            } catch {
                // An HTTPClient must be shut down before it goes away, also when a measurement failed.
                try? await client.shutdown()
                throw error
            }
        }

        /// The files of unit `index`: 第6表 + 第7表 + 補足 (3 files: since issue 11 the 補足 is a member the unit must have;
        /// before, every other unit left it out); a distinct seed and ファイル連番 (one second apart from 25 May 2025
        /// 00:00) each.
        static func unitFiles(_ index: Int) -> [(name: String, bytes: [UInt8])] {
            let day = 25 + index / 86_400
            let second = index % 86_400
            let factory = SampleFactory(
                month: YearMonth(year: 2025, month: 6)!, userCount: 1, seed: UInt64(index + 1),
                timestamp: FileTimestamp(String(format: "202505%02d%02d%02d%02d", day, second / 3600, second / 60 % 60, second % 60))!)
            return factory.files(for: .monthlyPlan).map { ($0.name.description, $0.bytes) }
        }

        /// Reads one API page and checks it: `limit` units, each with its files and both offices. Returns its size.
        static func checkedPage(_ client: HTTPClient, _ base: String, token: String, limit: Int) async throws -> Int {
            var request = HTTPClientRequest(url: "\(base)/api/v1/inbox?limit=\(limit)")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 256 << 20)
            guard response.status == .ok else { throw BenchError("inbox?limit=\(limit): \(response.status) \(String(buffer: body))") }
            let page = try JSONDecoder().decode(UnitPage.self, from: Data(body.readableBytesView))
            guard page.units.count == limit,
                page.units.allSatisfy({ $0.files.count == 3 && !$0.sender.isEmpty && !$0.recipient.isEmpty })
            else { throw BenchError("inbox?limit=\(limit): \(page.units.count) units, not each with 3 files and both offices") }
            return body.readableBytes
        }
    }
}

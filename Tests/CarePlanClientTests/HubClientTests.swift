// CarePlan Link — the client against a live hub: send, fetch, import reports, interrupted downloads, client certificates.
import AsyncHTTPClient
import CarePlanCSV
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanClient
@testable import CarePlanHub

@Suite("HubClient and InboxFetcher against a live hub")
struct HubClientTests {
    @Test("send, fetch (受信済), import (取込済): files byte-identical, receipts saved, a second fetch stores nothing")
    func roundTrip() async throws {
        try await LiveHub.with { live in
            let outgoing = try temporaryFolder()
            let inbox = try temporaryFolder()
            let files = sampleUnit(.monthlyPlan, timestamp: "20250525180000")
            let paths = try write(files, to: outgoing)
            let careManager = try live.client(token: live.careManagerToken)
            let provider = try live.client(token: live.providerToken)
            let (units, unnamed) = LocalUnit.group(paths)
            #expect(units.count == 1 && unnamed.isEmpty)
            let sent = try await UnitSender(client: careManager).send(units[0])
            #expect(sent.created)
            // The receipt kept beside the sent files: sorted keys, slashes as they are (the bytes clients have always kept).
            let kept = try String(contentsOfFile: units[0].receiptPath, encoding: .utf8)
            #expect(try SignedReceipt(json: kept) == sent.receipt && !kept.contains("\\/") && kept == sent.receipt.json(escapingSlashes: false))
            // The same unit again: the hub returns the original receipt and stores nothing new.
            let again = try await UnitSender(client: careManager).send(units[0])
            #expect(!again.created && again.unit.id == sent.unit.id)

            let events = Mutex<[InboxFetcher.Progress]>([])
            let outcome = try await InboxFetcher(client: provider, folder: inbox).fetch { progress in events.withLock { $0.append(progress) } }
            #expect(outcome.stored.count == 1)
            // Progress: bytes only grow, and the last report is complete.
            let reports = events.withLock { $0 }
            #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytesDone <= $1.bytesDone })
            #expect(reports.last.map { $0.unitsDone == 1 && $0.bytesDone == $0.bytesTotal && $0.bytesTotal == files.reduce(0) { $0 + $1.bytes.count } } == true)
            let unitFolder = try #require(outcome.stored.first)
            for file in files {
                let stored = try Data(contentsOf: URL(fileURLWithPath: (unitFolder as NSString).appendingPathComponent(file.name)))
                #expect(Array(stored) == file.bytes, "\(file.name) differs after the round trip")
            }
            // The fetch stops at 受信済: the 受信 receipt is kept as the hub signed it; 取込済 is the import's to say.
            let received = try String(contentsOfFile: unitFolder + "/receipt-received.json", encoding: .utf8)
            let stored = try await live.store.receipts(unitID: sent.unit.id)
            #expect(stored.map(\.event) == [.received])
            #expect(try SignedReceipt(json: received) == SignedReceipt(json: stored[0].receipt))
            #expect(!listing(inbox).contains { $0.hasSuffix(".part") })
            #expect(try await live.store.unit(id: sent.unit.id)?.state == .downloaded)
            #expect(try await careManager.outbox().units.map(\.stateLabel) == ["受信済"])

            // A second fetch downloads nothing (the unit is stored, not yet imported).
            let second = try await InboxFetcher(client: provider, folder: inbox).fetch()
            #expect(second.stored.isEmpty && second.alreadyStored == [unitFolder] && second.bytes == 0)

            // The import applies it and tells the hub: 取込済, with the receipt kept beside the files.
            let store = try ImportStore.inMemory()
            let report = try await store.importFiles(LocalUnit.specFiles(in: [inbox]))
            #expect(report.imported.count == 1)
            let told = try await ImportReporter(client: provider, store: store).report(report.outcomes)
            #expect(told.reported.map(\.unitID) == [sent.unit.id] && told.queued.isEmpty && told.dropped.isEmpty)
            #expect(try await live.store.unit(id: sent.unit.id)?.state == .imported)
            #expect(FileManager.default.fileExists(atPath: unitFolder + "/receipt-imported.json"))
            #expect(try await careManager.outbox().units.map(\.stateLabel) == ["取込済"])
            #expect(try await provider.pendingUnits().isEmpty)
            try await careManager.shutdown()
            try await provider.shutdown()
        }
    }

    @Test("a local validation error stops the unit before upload, with the validator's messages")
    func localValidation() async throws {
        try await LiveHub.with { live in
            let folder = try temporaryFolder()
            var files = sampleUnit(.carePlan, timestamp: "20250520180000")
            let index = try #require(files.firstIndex { $0.name.hasPrefix("UP2KYO") })
            files[index].bytes = Array(files[index].bytes.prefix(60))  // cut inside the first record
            let (units, _) = LocalUnit.group(try write(files, to: folder))
            let client = try live.client(token: live.careManagerToken)
            let error = await #expect(throws: LocalValidationError.self) { _ = try await UnitSender(client: client).send(units[0]) }
            #expect(error?.diagnostics.allSatisfy { $0.file?.hasPrefix("UP2KYO") == true } == true)
            #expect(error?.description.contains("送信前の検証でエラー") == true)
            #expect(try await live.store.outbox(officeID: 1, after: nil, limit: 10).isEmpty)
            try await client.shutdown()
        }
    }

    @Test("a connection dropped mid-file is retried; the stored files are complete and byte-identical")
    func droppedDownloadIsRetried() async throws {
        let faults = FaultInjector(dropDownloads: 2)
        try await LiveHub.with(faults: faults) { live in
            let files = sampleUnit(.monthlyPlan, users: 5, timestamp: "20250525180000")
            let careManager = try live.client(token: live.careManagerToken)
            _ = try await careManager.send(files)
            let provider = try live.client(token: live.providerToken)
            let inbox = try temporaryFolder()
            let outcome = try await InboxFetcher(client: provider, folder: inbox).fetch()
            #expect(faults.dropsLeft == 0)
            // Each cut transfer resumed after the bytes that had arrived, not from the start.
            #expect(faults.rangeRequests.count == 2 && faults.rangeRequests.allSatisfy { $0.hasPrefix("bytes=") && !$0.hasPrefix("bytes=0-") })
            let unitFolder = try #require(outcome.stored.first)
            for file in files {
                #expect(Array(try Data(contentsOf: URL(fileURLWithPath: unitFolder + "/" + file.name))) == file.bytes)
            }
            #expect(!listing(inbox).contains { $0.hasSuffix(".part") })
            try await careManager.shutdown()
            try await provider.shutdown()
        }
    }

    @Test("an interrupted fetch resumes: completed files are kept, 受信済 only once all are, nothing duplicated")
    func interruptedFetchResumes() async throws {
        let faults = FaultInjector(dropDownloads: 1, after: 1)
        try await LiveHub.with(faults: faults) { live in
            let files = sampleUnit(.monthlyPlan, users: 3, timestamp: "20250525180000")
            let careManager = try live.client(token: live.careManagerToken)
            let sent = try await careManager.send(files)
            let inbox = try temporaryFolder()
            // One attempt only: the second file's dropped connection ends the run, like a killed process.
            let impatient = try live.client(token: live.providerToken, retry: RetryPolicy(attempts: 1))
            await #expect(throws: HubClientError.self) { _ = try await InboxFetcher(client: impatient, folder: inbox).fetch() }
            #expect(try await live.store.unit(id: sent.unit.id)?.state == .accepted, "not 受信済 before every file was downloaded")
            let partial = listing(inbox)
            #expect(partial.filter { !$0.hasPrefix(".incoming") }.isEmpty, "no unit folder appears before all its files are complete")
            #expect(partial.filter { $0.hasPrefix(".incoming/") && $0.hasSuffix(".CSV") }.count == 1)

            let provider = try live.client(token: live.providerToken)
            let outcome = try await InboxFetcher(client: provider, folder: inbox).fetch()
            let firstFile = try #require(sent.unit.files.sorted { $0.name < $1.name }.first)
            #expect(outcome.stored.count == 1)
            #expect(outcome.bytes == sent.unit.files.reduce(0) { $0 + $1.size } - firstFile.size, "the completed file is not downloaded again")
            #expect(faults.rangeRequests.count == 1, "the cut file resumes from its .part in the next run")
            let unitFolder = try #require(outcome.stored.first)
            for file in files {
                #expect(Array(try Data(contentsOf: URL(fileURLWithPath: unitFolder + "/" + file.name))) == file.bytes)
            }
            #expect(try await live.store.unit(id: sent.unit.id)?.state == .downloaded)
            #expect(listing(inbox).filter { $0.hasSuffix("unit.json") }.count == 1)
            try await careManager.shutdown()
            try await impatient.shutdown()
            try await provider.shutdown()
        }
    }

    @Test("client certificates: login over mutual TLS, revocation honoured on every endpoint, foreign CA refused")
    func clientCertificates() async throws {
        try await LiveHub.with(tls: true) { live in
            let careManagerCert = try await live.issueCertificate(login: "staff-\(SampleOffices.careManager)")
            let providerCert = try await live.issueCertificate(login: "staff-\(SampleOffices.homeHelp)")
            func certificateClient(_ files: (id: Int64, certificate: String, key: String), retry: RetryPolicy = RetryPolicy(attempts: 1)) throws -> HubClient {
                try HubClient(
                    connection: HubConnection(
                        baseURL: live.baseURL, credential: .certificate(certificateFile: files.certificate, privateKeyFile: files.key), trustRootsFile: live.caFile),
                    retry: retry)
            }
            let careManager = try certificateClient(careManagerCert)
            let sent = try await careManager.send(sampleUnit(.monthlyPlan, timestamp: "20250525180000"))
            #expect(sent.created && sent.unit.sender == SampleOffices.careManager.description)
            let provider = try certificateClient(providerCert)
            let pending = try await provider.pendingUnits()
            #expect(pending.map(\.id) == [sent.unit.id])

            // Revoke the provider's certificate: every endpoint now answers 401.
            #expect(try await live.store.revokeCredential(id: providerCert.id, at: live.hub.now(), audit: AuditRecord(actor: "test", office: nil, action: "revoke", subject: "")))
            let file = sent.unit.files[0]
            let target = try temporaryFolder() + "/x.CSV"
            let calls: [(String, @Sendable () async throws -> Void)] = [
                ("upload", { _ = try await provider.send(sampleUnit(.results, timestamp: "20250630180000")) }),
                ("inbox", { _ = try await provider.inbox() }),
                ("outbox", { _ = try await provider.outbox() }),
                ("unit", { _ = try await provider.unit(id: sent.unit.id) }),
                ("download", { try await provider.download(unitID: sent.unit.id, file: file, to: target) }),
                ("import", { _ = try await provider.reportImport(unitID: sent.unit.id, ImportReportRequest(outcome: .imported)) }),
                ("withdraw", { _ = try await provider.withdraw(unitID: sent.unit.id) }),
                ("resend", { _ = try await provider.resend(unitID: sent.unit.id) }),
                ("receipts", { _ = try await provider.receipts(unitID: sent.unit.id) }),
            ]
            for (name, call) in calls {
                do {
                    try await call()
                    Issue.record("\(name) succeeded with a revoked certificate")
                } catch HubClientError.rejected(let status, let code, _, _) {
                    #expect(status == 401 && code == "auth.invalid", "\(name)")
                }
            }
            // The provider's token still works over the same HTTPS listener.
            let byToken = try live.client(token: live.providerToken)
            #expect(try await byToken.pendingUnits().count == 1)

            // A certificate from another CA fails the TLS handshake.
            let foreign = try CertificateAuthority(base64Key: CertificateAuthority.generateKey(), certificatePEM: nil)
            let issued = try foreign.issueClientCertificate(loginName: "staff-\(SampleOffices.homeHelp)", office: SampleOffices.homeHelp.description, days: 30)
            try issued.certificatePEM.write(toFile: live.folder + "/foreign.crt.pem", atomically: true, encoding: .utf8)
            try issued.privateKeyPEM.write(toFile: live.folder + "/foreign.key.pem", atomically: true, encoding: .utf8)
            let impostor = try certificateClient((0, live.folder + "/foreign.crt.pem", live.folder + "/foreign.key.pem"))
            await #expect(throws: HubClientError.self) { _ = try await impostor.pendingUnits() }
            // A browser page cannot ride on a certificate the browser presents by itself.
            let raw = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                configuration: .init(tlsConfiguration: try {
                    var tls = TLSConfiguration.makeClientConfiguration()
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(live.caFile!))
                    tls.certificateChain = try NIOSSLCertificate.fromPEMFile(careManagerCert.certificate).map { .certificate($0) }
                    tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: careManagerCert.key, format: .pem))
                    return tls
                }()))
            var request = HTTPClientRequest(url: live.baseURL + "/api/v1/outbox")
            let plain = try await raw.execute(request, timeout: .seconds(10))
            #expect(plain.status == .ok)
            request.headers.add(name: "Origin", value: "https://evil.example")
            #expect(try await raw.execute(request, timeout: .seconds(10)).status == .forbidden)
            request.headers.remove(name: "Origin")
            request.headers.add(name: "Sec-Fetch-Site", value: "cross-site")
            #expect(try await raw.execute(request, timeout: .seconds(10)).status == .forbidden)
            try await raw.shutdown()
            for client in [careManager, provider, byToken, impostor] { try await client.shutdown() }
        }
    }

    @Test("a proxy's 502 page is retried like a busy hub")
    func gatewayErrorsAreRetried() async throws {
        let faults = FaultInjector(dropDownloads: 0, gatewayErrors: 2)
        try await LiveHub.with(faults: faults) { live in
            let client = try live.client(token: live.providerToken)
            #expect(try await client.inbox().units.isEmpty)
            #expect(faults.gatewayErrorsLeft == 0)
            try await client.shutdown()
        }
    }

    @Test("a unit whose files were purged is skipped and reported; later units are still fetched; a lost 受信 receipt is recovered")
    func purgedUnitsDoNotBlock() async throws {
        try await LiveHub.with { live in
            let careManager = try live.client(token: live.careManagerToken)
            let provider = try live.client(token: live.providerToken)
            let first = try await careManager.send(sampleUnit(.carePlan, timestamp: "20250520180000"))
            // Someone downloaded the first unit's files (e.g. in the web UI), then the retention job purged them.
            for file in first.unit.files { try await provider.download(unitID: first.unit.id, file: file, to: try temporaryFolder() + "/x.CSV") }
            _ = try await live.store.applyRetention(unreadBefore: 0, readBefore: live.hub.now() + 1, at: live.hub.now()) { _, _ in "{}" }
            let second = try await careManager.send(sampleUnit(.monthlyPlan, timestamp: "20250525180000"))
            let inbox = try temporaryFolder()
            let outcome = try await InboxFetcher(client: provider, folder: inbox).fetch()
            #expect(outcome.skipped.map(\.unitID) == [first.unit.id])
            #expect(outcome.stored.count == 1 && outcome.stored[0].hasSuffix(second.unit.id))

            // The 受信 receipt is lost (a crash right after the last download): the next run fetches it again.
            let receipt = outcome.stored[0] + "/receipt-received.json"
            let saved = try Data(contentsOf: URL(fileURLWithPath: receipt))
            try FileManager.default.removeItem(atPath: receipt)
            _ = try await InboxFetcher(client: provider, folder: inbox).fetch()
            let recovered = try Data(contentsOf: URL(fileURLWithPath: receipt))
            let decode = { (data: Data) in try JSONDecoder().decode(SignedReceipt.self, from: data) }
            #expect(try decode(recovered) == decode(saved))
            try await careManager.shutdown()
            try await provider.shutdown()
        }
    }

    @Test("end to end: a unit conflicting with one already imported becomes 取込不可, and the sender sees why without values")
    func conflictingUnitIsRefused() async throws {
        try await LiveHub.with { live in
            let careManager = try live.client(token: live.careManagerToken)
            let provider = try live.client(token: live.providerToken)
            let store = try ImportStore.inMemory()
            // The provider's software already holds a different unit under this ファイル連番 (e.g. from a folder).
            let earlier = try temporaryFolder()
            _ = try await store.importFiles(try write(sampleUnit(.monthlyPlan, users: 3, timestamp: "20250525180000"), to: earlier))
            let sent = try await careManager.send(sampleUnit(.monthlyPlan, users: 2, timestamp: "20250525180000"))

            let inbox = try temporaryFolder()
            _ = try await InboxFetcher(client: provider, folder: inbox).fetch()
            let report = try await store.importFiles(LocalUnit.specFiles(in: [inbox]))
            #expect(report.rejected.count == 1 && report.rejected[0].problems.map(\.code) == ["import.sequenceConflict"])
            let told = try await ImportReporter(client: provider, store: store).report(report.outcomes)
            #expect(told.reported.map(\.outcome) == [.refused])

            let seen = try await careManager.unit(id: sent.unit.id)
            #expect(seen.state == "importRefused" && seen.stateLabel == "取込不可")
            #expect(seen.importProblems?.map(\.code) == ["import.sequenceConflict"])
            #expect(seen.importProblems?.first?.message == "同じファイル連番で内容の異なる送信単位を取込済みです")
            let receipts = try await careManager.receipts(unitID: sent.unit.id)
            #expect(try receipts.map { try $0.decodedPayload().event } == ["accepted", "received", "importRefused"])
            try await careManager.shutdown()
            try await provider.shutdown()
        }
    }

    @Test("import reports wait in the store while the hub is unreachable and go first on the next run")
    func reportsAreQueued() async throws {
        let store = try ImportStore.inMemory()
        let inbox = try temporaryFolder()
        let unitID = try await LiveHub.with { live in
            let careManager = try live.client(token: live.careManagerToken)
            let provider = try live.client(token: live.providerToken)
            let sent = try await careManager.send(sampleUnit(.monthlyPlan, timestamp: "20250525180000"))
            _ = try await InboxFetcher(client: provider, folder: inbox).fetch()
            let report = try await store.importFiles(LocalUnit.specFiles(in: [inbox]))
            // The hub goes away: the report is kept, not lost and not retried forever.
            let unreachable = try HubClient(
                connection: HubConnection(baseURL: "http://127.0.0.1:9", credential: .token(live.providerToken)), retry: RetryPolicy(attempts: 1))
            let offline = try await ImportReporter(client: unreachable, store: store).report(report.outcomes)
            #expect(offline.queued == [sent.unit.id] && offline.reported.isEmpty)
            #expect(try await store.pendingReports().map(\.unitID) == [sent.unit.id])
            #expect(try await live.store.unit(id: sent.unit.id)?.state == .downloaded)
            // Back online: the next run (with nothing new to import) sends the queued report.
            let online = try await ImportReporter(client: provider, store: store).report([])
            #expect(online.reported.map(\.unitID) == [sent.unit.id] && online.queued.isEmpty)
            #expect(try await store.pendingReports().isEmpty)
            #expect(try await live.store.unit(id: sent.unit.id)?.state == .imported)
            // A folder of files not fetched from a hub is imported and not reported.
            let local = try temporaryFolder()
            let plain = try await store.importFiles(try write(sampleUnit(.carePlan, timestamp: "20250520180000"), to: local))
            let none = try await ImportReporter(client: provider, store: store).report(plain.outcomes)
            #expect(none.notFromHub == [local] && none.reported.isEmpty)
            for client in [careManager, provider, unreachable] { try await client.shutdown() }
            return sent.unit.id
        }
        #expect(!unitID.isEmpty)
    }

    @Test("a busy or failing hub (502 after every retry) keeps the report queued; it is not dropped")
    func busyHubKeepsReports() async throws {
        let faults = FaultInjector(dropDownloads: 0)
        try await LiveHub.with(faults: faults) { live in
            let careManager = try live.client(token: live.careManagerToken)
            let provider = try live.client(token: live.providerToken, retry: RetryPolicy(attempts: 1))
            let sent = try await careManager.send(sampleUnit(.monthlyPlan, timestamp: "20250525180000"))
            let inbox = try temporaryFolder()
            _ = try await InboxFetcher(client: provider, folder: inbox).fetch()
            let store = try ImportStore.inMemory()
            let report = try await store.importFiles(LocalUnit.specFiles(in: [inbox]))
            faults.failNext(1)
            let busy = try await ImportReporter(client: provider, store: store).report(report.outcomes)
            #expect(busy.queued == [sent.unit.id] && busy.dropped.isEmpty)
            let later = try await ImportReporter(client: provider, store: store).report([])
            #expect(later.reported.map(\.unitID) == [sent.unit.id])
            #expect(try await live.store.unit(id: sent.unit.id)?.state == .imported)
            try await careManager.shutdown()
            try await provider.shutdown()
        }
    }

    @Test("a second fetch into the same folder while one runs is refused")
    func oneFetchPerFolder() async throws {
        try await LiveHub.with { live in
            let inbox = try temporaryFolder()
            try FileManager.default.createDirectory(atPath: inbox + "/.incoming", withIntermediateDirectories: true)
            // Another process holds the folder's lock.
            let held = open(inbox + "/.incoming/.lock", O_RDWR | O_CREAT, 0o600)
            #expect(held >= 0 && flock(held, LOCK_EX | LOCK_NB) == 0)
            let provider = try live.client(token: live.providerToken)
            await #expect(throws: InboxFetcher.FetchInProgress.self) { _ = try await InboxFetcher(client: provider, folder: inbox).fetch() }
            close(held)
            _ = try await InboxFetcher(client: provider, folder: inbox).fetch()
            try await provider.shutdown()
        }
    }
}

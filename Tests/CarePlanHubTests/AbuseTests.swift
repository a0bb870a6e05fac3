// CarePlan Link — hub tests: an abuse suite against a live hub on loopback. Every hostile input gets a clear 4xx with
// a machine-readable code, the hub keeps serving, and nothing is stored.
import CarePlanCSV
import Foundation
import Testing
import CarePlanExchange
import CarePlanHubStore

@testable import CarePlanHub

@Suite("Abuse suite (live hub)")
struct AbuseTests {
    /// One hostile request and what it must get.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let request: @Sendable (Tokens) -> [UInt8]
        /// Acceptable statuses (a parser may refuse at the HTTP layer with 400 or 431).
        let statuses: Set<Int>
        /// The error code the body must name, when the hub's envelope is expected.
        let code: String?

        var description: String { self.name }
    }

    /// The credentials a case may use: the sender's valid token, a revoked and an expired one of the same account.
    struct Tokens: Sendable {
        let valid: String
        let revoked: String
        let expired: String
    }

    static let boundary = "abuse-boundary"

    /// A multipart upload of `parts` (file name, bytes), with `extraHeaders` on each part.
    static func upload(_ token: String, _ parts: [(String, [UInt8])], partHeader: String = "", close: Bool = true) -> [UInt8] {
        var body: [UInt8] = []
        for (name, bytes) in parts {
            body += Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n\(partHeader)\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        if close { body += Array("--\(Self.boundary)--\r\n".utf8) }
        return HardeningTests.request(
            "POST", "/api/v1/units", headers: ["Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=\(Self.boundary)"],
            body: body)
    }

    /// A valid 第6表 file name of the care manager to the provider.
    static let planName = "UPPLAN_202506_1310100012_43_1310100021_11_20250525180001.CSV"
    static let annexName = "UPSIKYU_202506_1310100012_43_1310100021_11_20250525180001.CSV"

    static let cases: [Case] = [
        Case(
            name: "header name with bytes ≥ 0x80",
            request: { tokens in
                let token = tokens.valid
                return HardeningTests.request(
                    "POST", "/api/v1/units", headers: ["Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=XB"],
                    body: Array("--XB\r\n".utf8) + [0xC3, 0xA9] + Array(": x\r\n\r\nabc\r\n--XB--\r\n".utf8))
            }, statuses: [400], code: "upload.multipart"),
        Case(name: "path traversal in a file name", request: { upload($0.valid, [("../../etc/passwd", Array("x".utf8))]) }, statuses: [400], code: "upload.fileName"),
        Case(name: "backslash path in a file name", request: { upload($0.valid, [("..\\\\..\\\\hub.sqlite", Array("x".utf8))]) }, statuses: [400], code: "upload.fileName"),
        Case(name: "a dot-dot file name", request: { upload($0.valid, [("..", Array("x".utf8))]) }, statuses: [400], code: "upload.fileName"),
        Case(name: "control characters in a file name", request: { upload($0.valid, [("UPPLAN\u{1}x.CSV", Array("x".utf8))]) }, statuses: [400], code: "upload.multipart"),
        Case(name: "a NUL in a part header", request: { upload($0.valid, [(planName, Array("x".utf8))], partHeader: "X-Evil: a\u{0}b\r\n") }, statuses: [400], code: "upload.multipart"),
        Case(name: "a 3,000-byte file name", request: { upload($0.valid, [(String(repeating: "A", count: 3_000) + ".CSV", Array("x".utf8))]) }, statuses: [400], code: "upload.multipart"),
        Case(
            name: "a second Content-Disposition in a part",
            request: { upload($0.valid, [(planName, Array("x".utf8))], partHeader: "Content-Disposition: form-data; name=\"file\"; filename=\"other.CSV\"\r\n") },
            statuses: [400], code: "upload.multipart"),
        Case(name: "the same file twice", request: { upload($0.valid, [(planName, Array("x".utf8)), (planName, Array("y".utf8))]) }, statuses: [400], code: "unit.duplicateFile"),
        Case(name: "invalid MS932 bytes", request: { upload($0.valid, [(planName, [0x81, 0xFF, 0xFD, 0x0D, 0x0A]), (annexName, [0xA0, 0x0D, 0x0A])]) }, statuses: [422], code: "unit.invalid"),
        Case(name: "a UTF-8 file", request: { upload($0.valid, [(planName, Array("\u{FEFF}202407,東京都\r\n".utf8)), (annexName, Array("x\r\n".utf8))]) }, statuses: [422], code: "unit.invalid"),
        Case(name: "a million columns", request: { upload($0.valid, [(planName, [UInt8](repeating: 0x2C, count: 1_000_000) + [0x0D, 0x0A]), (annexName, Array("x\r\n".utf8))]) }, statuses: [422], code: "unit.invalid"),
        Case(
            name: "one 5 MB quoted field",
            request: { upload($0.valid, [(planName, Array("202407,\"".utf8) + [UInt8](repeating: 0x61, count: 5 << 20) + Array("\"\r\n".utf8)), (annexName, Array("x\r\n".utf8))]) },
            statuses: [422], code: "unit.invalid"),
        Case(
            name: "an unterminated quoted field",
            request: { upload($0.valid, [(planName, Array("202407,\"".utf8) + [UInt8](repeating: 0x61, count: 100_000)), (annexName, Array("x\r\n".utf8))]) },
            statuses: [422], code: "unit.invalid"),
        Case(name: "a body without its closing delimiter", request: { upload($0.valid, [(planName, Array("x".utf8))], close: false) }, statuses: [400], code: "upload.incomplete"),
        Case(
            name: "a sender that is not the caller",
            request: { upload($0.valid, [("UPPLAN_202506_1310100021_11_1310100012_43_20250525180001.CSV", Array("x".utf8))]) }, statuses: [403],
            code: "unit.senderMismatch"),
        Case(
            name: "not multipart",
            request: { tokens in
                let token = tokens.valid
                return HardeningTests.request("POST", "/api/v1/units", headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/plain"], body: Array("x".utf8))
            }, statuses: [400], code: "upload.contentType"),
        Case(
            name: "an 80-character boundary",
            request: { tokens in
                let token = tokens.valid
                return HardeningTests.request(
                    "POST", "/api/v1/units",
                    headers: ["Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=\(String(repeating: "b", count: 80))"],
                    body: Array("x".utf8))
            }, statuses: [400], code: "upload.contentType"),
        Case(
            name: "a request over the size limit",
            request: { tokens in
                let token = tokens.valid
                return HardeningTests.request(
                    "POST", "/api/v1/units", headers: ["Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=XB"],
                    body: [UInt8](repeating: 0x41, count: 300_000), contentLength: 300_000)
            }, statuses: [413], code: "limit.request"),
        Case(
            name: "Content-Length and Transfer-Encoding together (smuggling)",
            request: { tokens in
                let token = tokens.valid
                return Array(
                    "POST /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: multipart/form-data; boundary=XB\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                        .utf8)
            }, statuses: [400], code: nil),
        Case(
            name: "malformed chunked encoding",
            request: { tokens in
                let token = tokens.valid
                return Array(
                    "POST /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: multipart/form-data; boundary=XB\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n"
                        .utf8)
            }, statuses: [400], code: nil),
        Case(
            name: "a 40 KB header",
            request: { tokens in
                let token = tokens.valid
                return Array("GET /api/v1/inbox HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nX-Pad: \(String(repeating: "p", count: 40_000))\r\n\r\n".utf8)
            }, statuses: [400, 431], code: nil),
        Case(
            name: "a revoked token", request: { HardeningTests.request("GET", "/api/v1/inbox", headers: ["Authorization": "Bearer \($0.revoked)"]) },
            statuses: [401], code: "auth.invalid"),
        Case(
            name: "an expired token", request: { HardeningTests.request("GET", "/api/v1/inbox", headers: ["Authorization": "Bearer \($0.expired)"]) },
            statuses: [401], code: "auth.invalid"),
        Case(
            name: "a made-up token", request: { _ in HardeningTests.request("GET", "/api/v1/inbox", headers: ["Authorization": "Bearer cpt_\(String(repeating: "0", count: 40))"]) },
            statuses: [401], code: "auth.invalid"),
        Case(
            name: "a traversal in the unit path",
            request: { tokens in
                let token = tokens.valid
                return HardeningTests.request("GET", "/api/v1/units/..%2F..%2Fhub.sqlite/files/x", headers: ["Authorization": "Bearer \(token)"]) },
            statuses: [404], code: nil),
        Case(
            name: "a login that is not JSON",
            request: { _ in HardeningTests.request("POST", "/api/v1/login", headers: ["Content-Type": "application/json"], body: Array("{\"loginName\":".utf8)) },
            statuses: [400], code: "login.body"),
    ]

    @Test("every hostile input gets a clear 4xx, the hub keeps serving and nothing is stored")
    func abuse() async throws {
        let fixture = try await HubFixture.make { $0.limits.maxRequestBytes = 200_000 + (6 << 20) }
        // The size case needs a small limit; the others need room for 5 MB: one hub each.
        let small = try await HubFixture.make { $0.limits.maxRequestBytes = 200_000 }
        let account = try #require(try await fixture.store.accounts(officeID: fixture.careManager.id).first)
        let (revoked, credential) = try await fixture.store.issueAPIToken(
            accountID: account.id, label: "revoked", scopes: [.send, .receive], now: fixture.clock.now, days: 1, audit: nil)
        _ = try await fixture.store.revokeCredential(id: credential.id, at: fixture.clock.now, audit: AuditRecord(actor: "test", office: nil, action: "revoke", subject: ""))
        let expired = try await HubFixture.issueToken(store: fixture.store, accountID: account.id, scopes: [.send], now: fixture.clock.now - 10 * 86_400, days: 1)
        let tokens = Tokens(valid: fixture.careManagerToken, revoked: revoked, expired: expired)
        let smallTokens = Tokens(valid: small.careManagerToken, revoked: "", expired: "")
        let results = try await fixture.serve { port in
            try await small.serve { smallPort in
                var results: [(Case, String, Bool)] = []
                for item in Self.cases {
                    let target = item.name == "a request over the size limit" ? (smallPort, smallTokens) : (port, tokens)
                    let answer = try await offPool { () -> (String, Bool) in
                        let connection = try RawConnection(port: target.0)
                        connection.send(item.request(target.1))
                        let answer = connection.read(timeout: 30)
                        let health = try RawConnection(port: target.0)
                        health.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                        return (answer.text, health.read(timeout: 30).text.httpStatus == 200)
                    }
                    results.append((item, answer.0, answer.1))
                }
                return results
            }
        }
        for (item, answer, alive) in results {
            #expect(answer.httpStatus.map { item.statuses.contains($0) } == true, "\(item): \(answer.prefix(300))")
            if let code = item.code { #expect(answer.contains("\"code\":\"\(code)\""), "\(item): \(answer.prefix(300))") }
            #expect(alive, "\(item): the hub stopped answering")
        }
        for store in [fixture.store, small.store] {
            for office in [fixture.careManager, fixture.provider, fixture.outsider] {
                #expect(try await store.outbox(officeID: office.id, after: nil, limit: 10).isEmpty)
                #expect(try await store.inbox(officeID: office.id, after: nil, states: nil, limit: 10).isEmpty)
            }
            #expect(!(try await store.auditEntries(from: 1, limit: 10_000)).contains { $0.action == "upload" })
        }
    }
}

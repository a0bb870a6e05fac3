// CarePlan Link — メール通知: the SMTP client against a real SMTP server on loopback, and the hub's notices (new
// arrival to the recipient, 取込不可 and coming expiry to the sender), each once, grouped per office, retried, without
// a user's data in the mail.
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import NIOSSL
import Testing
import CarePlanExchange
import CarePlanHubStore
@testable import CarePlanMail

@testable import CarePlanHub

@Suite("Notifications")
struct NotificationTests {
    static let audit = AuditRecord(actor: "test", office: nil, action: "setup", subject: "")

    // MARK: The SMTP client

    /// A server certificate for 127.0.0.1 from a fresh CA (the hub's own kind), and a client configuration that
    /// trusts that CA (in memory).
    static func certificates() throws -> (server: NIOSSLContext, client: TLSConfiguration, caPEM: String) {
        let authority = try CertificateAuthority(base64Key: CertificateAuthority.generateKey(), certificatePEM: nil)
        let issued = try authority.issueServerCertificate(hosts: ["127.0.0.1", "localhost"])
        let server = try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(issued.certificatePEM.utf8), format: .pem))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(issued.privateKeyPEM.utf8), format: .pem))))
        var client = TLSConfiguration.makeClientConfiguration()
        client.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(try authority.certificatePEM.utf8), format: .pem)])
        return (server, client, try authority.certificatePEM)
    }

    @Test("the client hands a Japanese message over: encoded subject, base64 body, AUTH PLAIN")
    func clientDelivers() async throws {
        let server = try await LocalSMTPServer(.init(credentials: ("hub", "秘密 pass")))
        defer { Task { try? await server.close() } }
        let client = try SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, security: .none, username: "hub", password: "秘密 pass"))
        let body = "ちよだ居宅 御中\n.一行目は点で始まる\n\n最後"
        try await client.send(MailMessage(from: "hub@example.jp", fromName: "ケアプラン連携ハブ", to: ["kyotaku@example.jp"], subject: "【CarePlan Link】新着 3件・取込不可 1件・期限間近 2件（長い件名の折り返し）", body: body))
        let received = try #require(server.received.first)
        #expect(received.mailFrom == "hub@example.jp" && received.recipients == ["kyotaku@example.jp"] && received.authentication == "hub")
        #expect(received.header("Subject") == "【CarePlan Link】新着 3件・取込不可 1件・期限間近 2件（長い件名の折り返し）")
        #expect(received.header("From")?.hasPrefix("ケアプラン連携ハブ") == true)
        #expect(received.body == body.replacingOccurrences(of: "\n", with: "\r\n"))
        // No header line is longer than RFC 5322's 78 characters.
        let head = received.data.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 }, "\(head)")
        #expect(!received.overTLS)
    }

    @Test("DATA lines that start with a dot get one more (RFC 5321 §4.5.2), so a line of one dot never ends the message early")
    func dotStuffing() {
        #expect(SMTPClient.dotStuffed("a\r\n.\r\n.b\r\n..c\r\nd.") == "a\r\n..\r\n..b\r\n...c\r\nd.")
    }

    @Test("wrong password: the server's 535 is the error, and nothing is sent")
    func clientWrongPassword() async throws {
        let server = try await LocalSMTPServer(.init(credentials: ("hub", "right")))
        defer { Task { try? await server.close() } }
        let client = try SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, security: .none, username: "hub", password: "wrong"))
        await #expect(throws: SMTPError.unexpectedReply(command: "AUTH PLAIN", code: 535, text: "5.7.8 bad credentials")) {
            try await client.send(MailMessage(from: "hub@example.jp", to: ["a@example.jp"], subject: "x", body: "x"))
        }
        #expect(server.received.isEmpty)
    }

    @Test("STARTTLS: the message goes encrypted to a server whose certificate the configured roots vouch for; without STARTTLS nothing goes")
    func clientStartTLS() async throws {
        let (serverTLS, trusting, caPEM) = try Self.certificates()
        let server = try await LocalSMTPServer(.init(tls: serverTLS))
        defer { Task { try? await server.close() } }
        let message = MailMessage(from: "hub@example.jp", to: ["a@example.jp"], subject: "暗号化", body: "本文")
        try await SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, security: .startTLS, tls: trusting)).send(message)
        #expect(server.received.count == 1 && server.received[0].overTLS && server.received[0].body == "本文")

        // The system's roots do not know the test CA: the handshake fails and nothing is delivered.
        await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, security: .startTLS, timeoutSeconds: 5)).send(message)
        }
        // A server without STARTTLS gets no message in clear.
        let plain = try await LocalSMTPServer()
        defer { Task { try? await plain.close() } }
        await #expect(throws: SMTPError.startTLSNotOffered) {
            try await SMTPClient(configuration: .init(host: "127.0.0.1", port: plain.port, security: .startTLS, tls: trusting)).send(message)
        }
        #expect(server.received.count == 1 && plain.received.isEmpty)

        // The hub, trusting the roots of `notifications.smtp.caFile`, sends its notice over STARTTLS with a password.
        let caFile = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-ca-\(UUID().uuidString).pem").path
        try caPEM.write(toFile: caFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        let secured = try await LocalSMTPServer(.init(credentials: ("hub", "pw"), tls: serverTLS))
        defer { Task { try? await secured.close() } }
        let fixture = try await Self.fixture(secured) {
            $0.notifications.smtp.security = .startTLS
            $0.notifications.smtp.caFile = caFile
            $0.notifications.smtp.username = "hub"
            $0.notifications.smtp.password = "pw"
        }
        try await fixture.store.setNotificationAddress(officeID: fixture.provider.id, address: "helper@example.jp", at: 0, audit: Self.audit)
        _ = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
        #expect(try await fixture.hub.sendNotifications().sent == 1)
        #expect(secured.received.count == 1 && secured.received[0].overTLS && secured.received[0].authentication == "hub")
    }

    @Test("a reply slipped in clear behind STARTTLS's 220 is refused, not read as the server's (RFC 3207 §4.2)")
    func startTLSInjection() async throws {
        let (serverTLS, trusting, _) = try Self.certificates()
        // Whole forged replies, and the start of one (which the line decoder would glue to the first line over TLS).
        for injected in ["250-forged\r\n250 forged\r\n", "250 AUTH LOGIN "] {
            let server = try await LocalSMTPServer(.init(tls: serverTLS, injectAfterStartTLS: injected))
            defer { Task { try? await server.close() } }
            await #expect(throws: SMTPError.plaintextAfterStartTLS, "\(injected)") {
                try await SMTPClient(configuration: .init(host: "127.0.0.1", port: server.port, security: .startTLS, tls: trusting))
                    .send(MailMessage(from: "hub@example.jp", to: ["a@example.jp"], subject: "x", body: "x"))
            }
            #expect(server.received.isEmpty)
        }
    }

    @Test("a server that never answers: timed out, not hung")
    func clientTimeout() async throws {
        // A listening socket that accepts and says nothing.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        defer { silent.close(promise: nil) }
        let started = ContinuousClock.now
        await #expect(throws: SMTPError.timedOut(seconds: 1)) {
            try await SMTPClient(configuration: .init(host: "127.0.0.1", port: silent.localAddress!.port!, security: .none, timeoutSeconds: 1))
                .send(MailMessage(from: "hub@example.jp", to: ["a@example.jp"], subject: "x", body: "x"))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("addresses that could smuggle SMTP commands or headers are refused")
    func plausibleAddresses() {
        #expect(MailMessage.isPlausibleAddress("kyotaku.chiyoda@example.co.jp"))
        for bad in ["", "no-at", "a@b", "a b@example.jp", "a@example.jp>\r\nRCPT TO:<x@evil", "a@example.jp\nBcc: x@evil", "<a@example.jp>", "a@.example.jp", "@example.jp"] {
            #expect(!MailMessage.isPlausibleAddress(bad), "\(bad)")
        }
    }

    // MARK: The hub's notices

    static func fixture(_ server: LocalSMTPServer, configure: (inout HubConfiguration) -> Void = { _ in }) async throws -> HubFixture {
        try await HubFixture.make { configuration in
            configuration.notifications.enabled = true
            configuration.notifications.from = "hub@example.jp"
            configuration.notifications.hubURL = "https://hub.example.jp/"
            configuration.notifications.smtp.host = "127.0.0.1"
            configuration.notifications.smtp.port = server.port
            configuration.notifications.smtp.security = .none
            configure(&configuration)
        }
    }

    @Test("a new arrival is told to the recipient once, naming the sender and the unit, never a user")
    func arrivalToldOnce() async throws {
        let server = try await LocalSMTPServer()
        defer { Task { try? await server.close() } }
        let fixture = try await Self.fixture(server)
        try await fixture.store.setNotificationAddress(officeID: fixture.provider.id, address: "helper@example.jp", at: 0, audit: Self.audit)
        let files = sampleUnit(.monthlyPlan, users: 2)
        let unit = try await fixture.hub.submit(files, from: fixture.careManager, actor: "test")

        let first = try await fixture.hub.sendNotifications()
        #expect(first == NotificationPass(found: 1, mails: 1, sent: 1, failed: 0, givenUp: 0))
        let mail = try #require(server.received.first)
        #expect(mail.recipients == ["helper@example.jp"])
        #expect(mail.header("Subject") == "【CarePlan Link】新着 1件")
        #expect(mail.body.contains("神田ヘルパー 御中") && mail.body.contains("送信元 ちよだ居宅（居宅介護支援・1310100012）"))
        #expect(mail.body.contains("2025年6月分 サービス利用票・別表") && mail.body.contains("https://hub.example.jp/web/units/\(unit.id)"), "\(mail.body)")
        // Nothing of the users: neither number nor name.
        for user in SampleFactory(month: YearMonth(year: 2025, month: 6)!, userCount: 2).users {
            #expect(!mail.body.contains(user.insuredNumber) && !mail.body.contains(user.name))
        }
        // Told once: the next pass finds nothing, and the care manager (no address) gets nothing.
        #expect(try await fixture.hub.sendNotifications() == NotificationPass())
        #expect(server.received.count == 1)
        let log = try await fixture.store.notifications(officeID: fixture.provider.id, limit: 10)
        #expect(log.count == 1 && log[0].kind == .arrival && log[0].sentAt != nil && log[0].nextAttemptAt == nil)
    }

    @Test("a batch to one partner: one mail listing every unit")
    func groupedPerOffice() async throws {
        let server = try await LocalSMTPServer()
        defer { Task { try? await server.close() } }
        let fixture = try await Self.fixture(server)
        try await fixture.store.setNotificationAddress(officeID: fixture.provider.id, address: "helper@example.jp", at: 0, audit: Self.audit)
        for month in 4...6 {
            _ = try await fixture.hub.submit(sampleUnit(.monthlyPlan, second: month, month: YearMonth(year: 2025, month: month)!), from: fixture.careManager, actor: "test")
        }
        #expect(try await fixture.hub.sendNotifications() == NotificationPass(found: 3, mails: 1, sent: 3, failed: 0, givenUp: 0))
        let body = try #require(server.received.first).body
        #expect(["2025年4月分", "2025年5月分", "2025年6月分"].allSatisfy(body.contains) && server.received[0].header("Subject") == "【CarePlan Link】新着 3件")
    }

    @Test("取込不可 and coming expiry are told to the sender; an expired unit is not warned about again")
    func refusalAndExpiryToSender() async throws {
        let server = try await LocalSMTPServer()
        defer { Task { try? await server.close() } }
        let fixture = try await Self.fixture(server)
        try await fixture.store.setNotificationAddress(officeID: fixture.careManager.id, address: "cm@example.jp", at: 0, audit: Self.audit)
        let refusedFiles = sampleUnit(.monthlyPlan, month: YearMonth(year: 2025, month: 5)!)
        let refused = try await fixture.hub.submit(refusedFiles, from: fixture.careManager, actor: "test")
        let waiting = try await fixture.hub.submit(sampleUnit(.monthlyPlan, second: 1), from: fixture.careManager, actor: "test")
        try await fixture.test { client in
            for file in refusedFiles {
                _ = try await client.execute(uri: "/api/v1/units/\(refused.id)/files/\(file.name)", method: .get, headers: bearer(fixture.providerToken)) { $0.status }
            }
            let status = try await client.execute(
                uri: "/api/v1/units/\(refused.id)/import", method: .post, headers: bearer(fixture.providerToken),
                body: ByteBuffer(string: #"{"outcome":"refused","problems":[{"code":"field.required","row":2,"item":3}]}"#)) { $0.status }
            #expect(status == .ok)
        }
        let pass = try await fixture.hub.sendNotifications()
        #expect(pass.sent == 1 && pass.mails == 1)
        let refusal = try #require(server.received.last)
        #expect(refusal.recipients == ["cm@example.jp"] && refusal.header("Subject") == "【CarePlan Link】取込不可 1件")
        #expect(refusal.body.contains("送信先 神田ヘルパー（訪問介護・1310100021）") && refusal.body.contains("2025年5月分"))

        // 30 days to read by default, warned 3 days before: nothing at day 26, the warning at day 27.5, once.
        fixture.clock.advance(days: 26)
        #expect(try await fixture.hub.sendNotifications().sent == 0)
        fixture.clock.advance(days: 1.5)
        #expect(try await fixture.hub.sendNotifications().sent == 1)
        let warning = try #require(server.received.last)
        #expect(warning.header("Subject") == "【CarePlan Link】期限間近 1件" && warning.body.contains("https://hub.example.jp/web/units/\(waiting.id)"))
        #expect(warning.body.contains("期限 "))
        fixture.clock.advance(days: 1)
        #expect(try await fixture.hub.sendNotifications().sent == 0)
        #expect(server.received.count == 2)
    }

    @Test("a temporary failure is retried after a minute, a refused recipient is given up, and the office's page shows both")
    func retriesAndGivesUp() async throws {
        let flaky = try await LocalSMTPServer(.init(temporaryFailures: 1))
        defer { Task { try? await flaky.close() } }
        let fixture = try await Self.fixture(flaky)
        try await fixture.store.setNotificationAddress(officeID: fixture.provider.id, address: "helper@example.jp", at: 0, audit: Self.audit)
        _ = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
        #expect(try await fixture.hub.sendNotifications() == NotificationPass(found: 1, mails: 0, sent: 0, failed: 1, givenUp: 0))
        let failed = try #require(try await fixture.store.notifications(officeID: fixture.provider.id, limit: 1).first)
        #expect(failed.attempts == 1 && failed.lastError?.contains("451") == true && failed.nextAttemptAt == fixture.clock.now + 60)
        // Not before the minute is up.
        #expect(try await fixture.hub.sendNotifications().sent == 0)
        fixture.clock.advance(days: 61.0 / 86_400)
        #expect(try await fixture.hub.sendNotifications().sent == 1)
        #expect(flaky.received.count == 1)

        // A failure on the way to the server (here AUTH) ends the pass: the other office's mail would fail the same way.
        let locked = try await LocalSMTPServer(.init(credentials: ("hub", "right")))
        defer { Task { try? await locked.close() } }
        let misconfigured = try await Self.fixture(locked) {
            $0.notifications.smtp.username = "hub"
            $0.notifications.smtp.password = "wrong"
        }
        for office in [misconfigured.provider, misconfigured.careManager] {
            try await misconfigured.store.setNotificationAddress(officeID: office.id, address: "office-\(office.id)@example.jp", at: 0, audit: Self.audit)
        }
        _ = try await misconfigured.hub.submit(sampleUnit(.monthlyPlan), from: misconfigured.careManager, actor: "test")
        _ = try await misconfigured.hub.submit(sampleUnit(.results, second: 5), from: misconfigured.provider, actor: "test")
        #expect(try await misconfigured.hub.sendNotifications() == NotificationPass(found: 2, mails: 0, sent: 0, failed: 1, givenUp: 0))

        // With one attempt allowed, a temporary failure is the last.
        let once = try await LocalSMTPServer(.init(temporaryFailures: 1))
        defer { Task { try? await once.close() } }
        let single = try await Self.fixture(once) { $0.notifications.maxAttempts = 1 }
        try await single.store.setNotificationAddress(officeID: single.provider.id, address: "helper@example.jp", at: 0, audit: Self.audit)
        _ = try await single.hub.submit(sampleUnit(.monthlyPlan), from: single.careManager, actor: "test")
        #expect(try await single.hub.sendNotifications() == NotificationPass(found: 1, mails: 0, sent: 0, failed: 1, givenUp: 1))
        single.clock.advance(days: 1)
        #expect(try await single.hub.sendNotifications() == NotificationPass())

        let refusing = try await LocalSMTPServer(.init(refuseRecipients: true))
        defer { Task { try? await refusing.close() } }
        let other = try await Self.fixture(refusing)
        try await other.store.setNotificationAddress(officeID: other.provider.id, address: "gone@example.jp", at: 0, audit: Self.audit)
        _ = try await other.hub.submit(sampleUnit(.monthlyPlan), from: other.careManager, actor: "test")
        #expect(try await other.hub.sendNotifications() == NotificationPass(found: 1, mails: 0, sent: 0, failed: 1, givenUp: 1))
        let given = try #require(try await other.store.notifications(officeID: other.provider.id, limit: 1).first)
        #expect(given.nextAttemptAt == nil && given.sentAt == nil && given.lastError?.contains("550") == true)
        // The server named the address in its refusal; what is kept (and logged) does not.
        #expect(given.lastError?.contains("gone@") == false && given.lastError?.contains("<address>") == true, "\(given.lastError ?? "")")
        try await other.passwordAccount("helper", "helper-password-1")
        try await other.test { client in
            let cookie = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let page = try await client.execute(uri: "/web/settings", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("gone@example.jp") && page.contains("中止") && page.contains("550"))
        }
    }

    @Test("notifications off (the default): nothing is recorded or sent; on without a server or sender, the hub does not start")
    func offByDefaultAndChecked() async throws {
        let fixture = try await HubFixture.make()
        try await fixture.store.setNotificationAddress(officeID: fixture.provider.id, address: "helper@example.jp", at: 0, audit: Self.audit)
        _ = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
        #expect(try await fixture.hub.sendNotifications() == NotificationPass())
        #expect(try await fixture.store.notifications(officeID: fixture.provider.id, limit: 10).isEmpty)

        var configuration = HubConfiguration.withNewKeys()
        configuration.notifications.enabled = true
        configuration.notifications.from = "hub@example.jp"
        #expect(throws: HubSetupError.self) { try Hub(store: fixture.store, configuration: configuration) }
        configuration.notifications.smtp.host = "smtp.example.jp"
        configuration.notifications.from = "not an address"
        #expect(throws: HubSetupError.self) { try Hub(store: fixture.store, configuration: configuration) }
        // The keys are read from hub.json, every one optional.
        let json = #"{"notifications":{"enabled":true,"from":"hub@example.jp","smtp":{"host":"smtp.example.jp","security":"tls","port":465}}}"#
        let decoded = try JSONDecoder().decode(HubConfiguration.self, from: Data(json.utf8)).notifications
        #expect(decoded.enabled && decoded.smtp.security == .tls && decoded.smtp.port == 465 && decoded.maxAttempts == 12 && decoded.smtp.timeoutSeconds == 30)
    }

    @Test("the office sets its address on 通知設定: a malformed one is refused with the reason, none stops the mails")
    func settingsPage() async throws {
        let server = try await LocalSMTPServer()
        defer { Task { try? await server.close() } }
        let fixture = try await Self.fixture(server)
        try await fixture.passwordAccount("helper", "helper-password-1")
        _ = try await fixture.store.createAccount(
            Account(officeID: fixture.provider.id, loginName: "helper-admin", passwordHash: PasswordHasher.hash("helper-password-2", cost: 4), role: .admin),
            audit: Self.audit)
        try await fixture.test { client in
            let staff = try #require(try await webLogin(client, "helper", "helper-password-1"))
            let cookie = try #require(try await webLogin(client, "helper-admin", "helper-password-2"))
            func post(_ email: String, as session: String? = nil, body: String? = nil) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(
                    uri: "/web/settings", method: .post,
                    headers: [.cookie: session ?? cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body ?? "email=\(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
                ) { ($0.status, String(buffer: $0.body)) }
            }
            // Staff see the address but do not change it; a form without the field removes nothing.
            #expect(try await post("staff@example.jp", as: staff).0 == .forbidden)
            let staffPage = try await client.execute(uri: "/web/settings", method: .get, headers: [.cookie: staff]) { String(buffer: $0.body) }
            #expect(staffPage.contains("通知先は事業所の管理者が設定します") && !staffPage.contains("notification-form"))
            let bad = try await post("helper@example.jp\r\nBcc: x@evil.example")
            #expect(bad.0 == .badRequest && bad.1.contains("メールアドレスの形式が正しくありません") && !bad.1.contains("not an e-mail address"))
            #expect(try await fixture.store.notificationAddress(officeID: fixture.provider.id) == nil)
            #expect(try await post("helper@example.jp").0 == .seeOther)
            #expect(try await fixture.store.notificationAddress(officeID: fixture.provider.id) == "helper@example.jp")
            #expect(try await post("", body: "mail=x").0 == .badRequest)
            #expect(try await fixture.store.notificationAddress(officeID: fixture.provider.id) == "helper@example.jp")
            let page = try await client.execute(uri: "/web/settings?done=saved", method: .get, headers: [.cookie: cookie]) { String(buffer: $0.body) }
            #expect(page.contains("value=\"helper@example.jp\"") && page.contains("保存しました") && !page.contains("notifications-off"))

            _ = try await fixture.hub.submit(sampleUnit(.monthlyPlan), from: fixture.careManager, actor: "test")
            #expect(try await post("").0 == .seeOther)
            #expect(try await fixture.store.notificationAddress(officeID: fixture.provider.id) == nil)
            #expect(try await fixture.hub.sendNotifications() == NotificationPass())
            #expect(server.received.isEmpty)
        }
        // The audit names the office, never the address.
        let entries = try await fixture.store.auditEntries(from: 1, limit: 1000)
        #expect(entries.contains { $0.action == "notification.set" } && entries.allSatisfy { !$0.subject.contains("@") })
    }
}

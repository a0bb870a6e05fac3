// CarePlan Link — CarePlanHub
import CarePlanHubStore
import CarePlanExchange
import CarePlanCSV
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Japanese web UI for offices without care software: log in with a password (session cookie), see the inbox and
/// outbox, download files, mark a unit 取込済, read its receipts. Every page goes through the same office checks as the API.
struct WebController {
    let hub: Hub
    let pages: WebPages
    private var delivery: UnitDelivery { UnitDelivery(hub: self.hub) }
    /// Shown on the login page by `careplan demo` only.
    let demoPassword: String?

    static let cookieName = "careplan_session"

    struct LoginForm: Decodable {
        let loginName: String
        let password: String
    }

    /// Public pages (login) on `group`, session pages on `protected` (behind ``AuthMiddleware`` in cookie mode).
    func addRoutes(public group: RouterGroup<HubRequestContext>, protected: RouterGroup<HubRequestContext>) {
        group.get("login") { _, _ in self.loginPage(error: nil, loginName: "") }
        group.post("login", use: self.login)
        protected.post("logout", use: self.logout)
        protected.get("inbox") { request, context in try await self.listing(request, context, inbox: true) }
        protected.get("outbox") { request, context in try await self.listing(request, context, inbox: false) }
        protected.get("send") { _, context in
            let identity = try context.requireIdentity()
            try identity.require(.send)
            return try self.sendPage(identity, error: nil, problems: [])
        }
        protected.post("send", use: self.send)
        protected.get("units/:id", use: self.unit)
        protected.get("units/:id/files/:name") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
            let (file, bytes) = try await self.delivery.download(listed, name: try context.parameters.require("name"), by: identity)
            return ExchangeController.fileResponse(file, bytes: bytes)
        }
        protected.post("units/:id/ack") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, recipientOnly: true)
            _ = try await self.delivery.acknowledge(listed, by: identity)
            return Response.redirect(to: "/web/units/\(listed.unit.id)?acknowledged=1", type: .normal)
        }
    }

    private func loginPage(error: String?, loginName: String, status: HTTPResponse.Status = .ok) -> Response {
        var values: [String: Any] = ["title": "ログイン", "loginName": loginName]
        if let error { values["error"] = error }
        if let demo = self.demoPassword { values["demo"] = demo }
        return self.pages.render("login", values, status: status)
    }

    @Sendable func login(request: Request, context: HubRequestContext) async throws -> Response {
        let text = String(buffer: try await BoundedBody.collect(request, limit: 16 << 10, timeout: BoundedBody.smallBodySeconds))
        guard let form = try? URLEncodedFormDecoder().decode(LoginForm.self, from: text) else {
            return self.loginPage(error: "ログイン名とパスワードを入力してください", loginName: "", status: .badRequest)
        }
        let session: PasswordLogin.Session
        do {
            session = try await PasswordLogin(hub: self.hub).login(
                loginName: form.loginName, password: form.password,
                clientAddress: context.clientAddress(request, trustedProxies: self.hub.configuration.auth.trustedProxies), webSession: true)
        } catch let error as LoginError {
            // The name is shown again in the form; an over-long one is not.
            var response = self.loginPage(
                error: error.message, loginName: String(form.loginName.prefix(PasswordLogin.maxLoginNameLength)), status: error.status)
            if let wait = error.waitSeconds { response.headers[.retryAfter] = String(wait) }
            return response
        }
        var response = Response.redirect(to: "/web/inbox", type: .normal)
        response.setCookie(
            Cookie(
                name: Self.cookieName, value: session.secret, maxAge: Int(self.hub.configuration.auth.sessionHours * 3600), path: "/web",
                secure: self.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Ends the session: the credential is revoked, not just the cookie cleared.
    @Sendable func logout(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        _ = try await self.hub.store.revokeCredential(
            id: identity.credential.id, at: self.hub.now(),
            audit: AuditRecord(actor: "account:\(identity.account.id)", office: identity.office?.officeID.description, action: "logout", subject: identity.account.loginName))
        var response = Response.redirect(to: "/web/login", type: .normal)
        response.setCookie(Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/web", secure: self.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Times as offices read them: Japan time, `2025/05/25 18:00:03`.
    static func japanTime(_ seconds: Double) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)/\(two(parts.month))/\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    private var secureCookies: Bool { self.hub.configuration.auth.secureCookies ?? (self.hub.configuration.tls != nil) }

    private func header(_ identity: HubIdentity) throws -> [String: Any] {
        let office = try identity.requireOffice()
        return ["office": ["name": office.name, "id": office.officeID.description]]
    }

    private func listing(_ request: Request, _ context: HubRequestContext, inbox: Bool) async throws -> Response {
        let identity = try context.requireIdentity()
        try identity.require(inbox ? .receive : .send)
        let office = try identity.requireOffice()
        let cursor = request.uri.queryParameters.get("cursor").flatMap(UnitCursor.init(token:))
        let limit = 50
        let units =
            inbox
            ? try await self.hub.store.inbox(officeID: office.id, after: cursor, states: nil, limit: limit + 1)
            : try await self.hub.store.outbox(officeID: office.id, after: cursor, limit: limit + 1)
        let rows: [[String: Any]] = units.prefix(limit).map { listed in
            let unit = listed.unit
            return [
                "id": unit.id, "timestamp": unit.timestamp, "partner": (inbox ? listed.sender : listed.recipient).officeID.description, "pattern": unit.pattern,
                "fileCount": listed.files.count, "state": unit.state.rawValue, "stateLabel": unit.state.japanese, "createdAt": Self.japanTime(unit.createdAt),
            ]
        }
        var values = try self.header(identity)
        values["title"] = inbox ? "受信一覧" : "送信一覧"
        values["description"] =
            inbox
            ? "この事業所あてに届いた送信単位です。ファイルを保存したら「取込済にする」を押してください。"
            : "この事業所が送った送信単位と、相手先での状態（受付済・受信済・取込済・期限切れ）です。"
        values["partnerLabel"] = inbox ? "送信元" : "送信先"
        values["units"] = rows
        values["hasUnits"] = !rows.isEmpty
        if units.count > limit, let last = units.prefix(limit).last { values["next"] = UnitCursor(createdAt: last.unit.createdAt, id: last.unit.id).token }
        return self.pages.render("units", values)
    }

    private func sendPage(_ identity: HubIdentity, error: String?, problems: [Diagnostic], status: HTTPResponse.Status = .ok) throws -> Response {
        var values = try self.header(identity)
        values["title"] = "送信する"
        if let error { values["error"] = error }
        values["hasProblems"] = !problems.isEmpty
        values["problems"] = problems.prefix(500).map { problem -> [String: Any] in
            [
                "file": problem.file ?? "", "row": problem.row.map(String.init) ?? "", "column": problem.column.map(String.init) ?? "",
                "item": [problem.item.map { "No.\($0)" }, problem.itemName].compactMap { $0 }.joined(separator: " "),
                "message": "\(problem.messageJA) / \(problem.messageEN)", "rule": problem.rule.rawValue,
            ]
        }
        return self.pages.render("send", values, status: status)
    }

    /// An upload from the browser: the same intake as `POST /api/v1/units`; problems are listed on the page.
    @Sendable func send(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        do {
            let result = try await UploadReader(hub: self.hub).receive(request, office: office, actor: "account:\(identity.account.id)")
            return Response.redirect(to: "/web/units/\(result.listed.unit.id)?\(result.created ? "sent" : "resent")=1", type: .normal)
        } catch let error as ExchangeError where error.reason != .forbidden {
            return try self.sendPage(identity, error: error.message, problems: error.details, status: error.status)
        } catch let error as HubError where error.status != .unauthorized && error.status != .forbidden {
            return try self.sendPage(identity, error: error.message, problems: error.details, status: error.status)
        }
    }

    @Sendable func unit(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        let unit = listed.unit
        let view = UnitView(listed)
        let isRecipient = unit.recipientOfficeID == office.id
        var values = try self.header(identity)
        values["title"] = "送信単位 \(view.timestamp)"
        var unitValues: [String: Any] = [
            "id": view.id, "timestamp": view.timestamp, "sender": view.sender, "recipient": view.recipient, "pattern": view.pattern, "state": view.state,
            "stateLabel": view.stateLabel, "createdAt": Self.japanTime(unit.createdAt),
        ]
        // Absent, not empty: Mustache shows a section for any present value.
        if let downloaded = unit.downloadedAt { unitValues["downloadedAt"] = Self.japanTime(downloaded) }
        if let acknowledged = unit.acknowledgedAt { unitValues["acknowledgedAt"] = Self.japanTime(acknowledged) }
        values["unit"] = unitValues
        values["files"] = view.files.map { file -> [String: Any] in
            [
                "unitID": view.id, "name": file.name, "kind": FileKind(rawValue: file.kind)?.japaneseName ?? file.kind, "size": file.size,
                "sha256": file.sha256, "sha256Short": String(file.sha256.prefix(16)), "available": unit.filesPurgedAt == nil,
            ]
        }
        values["canAcknowledge"] = isRecipient && unit.state != .acknowledged && unit.state != .expired
        if request.uri.queryParameters.get("acknowledged") != nil { values["message"] = "取込済にしました。受領証を発行しました。" }
        if request.uri.queryParameters.get("sent") != nil { values["message"] = "送信しました。ハブの受付受領証を発行しました。" }
        if request.uri.queryParameters.get("resent") != nil { values["message"] = "同じ送信単位は送信済みです（新たには保存していません）。" }
        values["publicKey"] = self.hub.signer.publicKey
        var receipts: [[String: Any]] = [["event": "受付（accepted）", "time": Self.japanTime(unit.createdAt), "json": unit.acceptanceReceipt]]
        if let ack = unit.acknowledgementReceipt {
            receipts.append(["event": "取込（acknowledged）", "time": unit.acknowledgedAt.map(Self.japanTime) ?? "", "json": ack])
        }
        values["receipts"] = receipts
        return self.pages.render("unit", values)
    }
}

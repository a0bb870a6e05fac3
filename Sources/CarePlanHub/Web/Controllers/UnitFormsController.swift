// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanForms
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A unit's files as the paper forms (帳票): the print view (HTML with a print button), the same as PDF, and the
/// unit's 送付状 and 受領書. The files are read through ``UnitDelivery`` like a download — the same office checks,
/// audited, and the recipient's reading makes the unit 受信済 as a download does, because the forms show everything
/// the files say. A 第6表 is shown with the 実績 of the same month between the same two offices (and 実績 with the
/// 第6表), the newest live unit of the other direction, so that 予定 and 実績 stand on their two lines.
struct UnitFormsController {
    let hub: Hub

    private var delivery: UnitDelivery { UnitDelivery(hub: self.hub) }

    /// Above this many users a unit's PDF is made per user (the print view links each), so that one request
    /// does not hold a browser for minutes.
    static let pdfUserLimit = 50

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("units/:id/forms") { request, context in
            let (book, listed, counterpart) = try await self.book(request, context)
            let user = request.uri.queryParameters.get("user")
            return Self.html(book.html(title: "帳票 \(listed.unit.timestamp)", userKeys: user.map { [$0] }, toolbar: self.toolbar(listed, book: book, user: user, counterpart: counterpart)))
        }
        protected.get("units/:id/forms.pdf") { request, context in
            let (book, listed, _) = try await self.book(request, context)
            let user = request.uri.queryParameters.get("user")
            guard user != nil || book.users.count <= Self.pdfUserLimit else {
                throw ExchangeError(
                    .tooLarge, "pdf.tooManyUsers",
                    "利用者が\(Self.pdfUserLimit)名を超えるため、PDF は利用者ごとに作ります（帳票画面の利用者名から） / more than \(Self.pdfUserLimit) users: print the PDF per user")
            }
            let pdf = try await self.pdf(book.html(title: "帳票 \(listed.unit.timestamp)", userKeys: user.map { [$0] }), office: listed, context: context)
            return Self.pdfResponse(pdf, name: "forms_\(listed.unit.timestamp)\(user.map { "_" + $0 } ?? "").pdf")
        }
        for sheet in Sheet.allCases {
            protected.get("units/:id/\(sheet.rawValue)") { _, context in
                Self.html(try await self.sheet(sheet, context))
            }
            protected.get("units/:id/\(sheet.rawValue).pdf") { _, context in
                let identity = try context.requireIdentity()
                let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
                let pdf = try await self.pdf(try await self.sheet(sheet, context), office: listed, context: context)
                return Self.pdfResponse(pdf, name: "\(sheet.fileName)_\(listed.unit.timestamp).pdf")
            }
        }
        protected.get("assets/print.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Self.printScript)))
        }
    }

    enum Sheet: String, CaseIterable {
        /// 送付状
        case cover
        /// 受領書
        case receipt = "receipt-sheet"

        var fileName: String { self == .cover ? "cover" : "receipt" }
    }

    // MARK: - Reading the files

    /// The unit's files as a book, with the counterpart's 予定 or 実績 for the same month when there is one.
    private func book(_ request: Request, _ context: HubRequestContext) async throws -> (FormBook, ListedUnit, ListedUnit?) {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        var files = try await self.files(of: listed, identity: identity)
        let counterpart = try await self.counterpart(of: listed, identity: identity)
        if let counterpart {
            let wanted = Self.counterpartKinds(of: listed)
            let names = counterpart.files.filter { file in
                guard let name = try? CarePlanFileName(parsing: file.name) else { return false }
                return wanted.contains(name.kind) && Self.months(of: listed).contains(name.month?.yearMonth ?? YearMonth(year: 1, month: 1)!)
            }.map(\.name)
            files += try await self.files(of: counterpart, identity: identity, only: Set(names))
        }
        do {
            return (try FormBook(files: files), listed, counterpart)
        } catch {
            throw ExchangeError(.invalid, "forms.invalid", error.description)
        }
    }

    private func files(of listed: ListedUnit, identity: HubIdentity, only names: Set<String>? = nil) async throws -> [(name: String, bytes: [UInt8])] {
        guard listed.unit.filesPurgedAt == nil else {
            throw ExchangeError(.gone, "file.purged", "ファイルは削除済み（保存期間の経過または取り下げ）のため、帳票にできません / the files were deleted (retention or withdrawal)")
        }
        var files: [(name: String, bytes: [UInt8])] = []
        for file in listed.files where names?.contains(file.name) ?? true {
            let (_, bytes) = try await self.delivery.download(listed, name: file.name, by: identity)
            files.append((file.name, bytes))
        }
        return files
    }

    /// The months (対象年月) of the unit's 第6表 or 実績 files.
    private static func months(of listed: ListedUnit) -> Set<YearMonth> {
        Set(listed.files.compactMap { file in
            guard let name = try? CarePlanFileName(parsing: file.name), name.kind == .serviceUsePlan || name.kind == .serviceResults else { return nil }
            return name.month?.yearMonth
        })
    }

    /// What the other direction brings to this unit's 第6表 (実績), or to its 実績 (the 第6表 and its 補足 for the header).
    private static func counterpartKinds(of listed: ListedUnit) -> Set<FileKind> {
        let kinds = Set(listed.files.compactMap { FileKind(rawValue: $0.kind) })
        var wanted: Set<FileKind> = []
        if kinds.contains(.serviceUsePlan) { wanted.insert(.serviceResults) }
        if kinds.contains(.serviceResults) { wanted.formUnion([.serviceUsePlan, .supplementaryUserInfo]) }
        return wanted
    }

    /// The newest live unit between the same two offices in the other direction with the other half of a month
    /// (実績 for a 第6表, the 第6表 for 実績), among the viewer's newest 500 units of that direction.
    private func counterpart(of listed: ListedUnit, identity: HubIdentity) async throws -> ListedUnit? {
        let wanted = Self.counterpartKinds(of: listed).subtracting([.supplementaryUserInfo])
        let months = Self.months(of: listed)
        guard !wanted.isEmpty, !months.isEmpty else { return nil }
        let office = try identity.requireOffice()
        let isSender = listed.unit.senderOfficeID == office.id
        // The other direction needs the other scope; without it the forms show this unit alone.
        guard identity.credential.scopes.contains(isSender ? .receive : .send) else { return nil }
        let partner = isSender ? listed.unit.recipientOfficeID : listed.unit.senderOfficeID
        var cursor: UnitCursor?
        for _ in 0..<5 {
            let page =
                isSender
                ? try await self.hub.store.inbox(officeID: office.id, after: cursor, states: nil, limit: 100)
                : try await self.hub.store.outbox(officeID: office.id, after: cursor, limit: 100)
            let found = page.first { candidate in
                let other = isSender ? candidate.unit.senderOfficeID : candidate.unit.recipientOfficeID
                guard other == partner, candidate.unit.state.isLive, candidate.unit.filesPurgedAt == nil, candidate.unit.id != listed.unit.id else { return false }
                return candidate.files.contains { file in
                    guard let name = try? CarePlanFileName(parsing: file.name), let month = name.month?.yearMonth else { return false }
                    return wanted.contains(name.kind) && months.contains(month)
                }
            }
            if let found { return found }
            guard page.count == 100, let last = page.last else { return nil }
            cursor = last.cursor
        }
        return nil
    }

    // MARK: - Pages

    /// The print view's bar (never printed): back, print, PDF (or why not), the users, and where 予定 or 実績 came from.
    private func toolbar(_ listed: ListedUnit, book: FormBook, user: String?, counterpart: ListedUnit?) -> String {
        let id = listed.unit.id
        var parts = ["<a href=\"/web/units/\(id)\">← 送信単位に戻る</a>", "<button type=\"button\" id=\"print\">印刷</button>"]
        let query = user.map { "?user=" + Self.escape($0) } ?? ""
        if let reason = self.hub.pdfPrinter.unavailableReason {
            parts.append("<span class=\"note\" id=\"pdf-unavailable\">\(Self.escape(reason))</span>")
        } else if user != nil || book.users.count <= Self.pdfUserLimit {
            parts.append("<a id=\"pdf\" href=\"/web/units/\(id)/forms.pdf\(query)\">PDF をダウンロード</a>")
        } else {
            parts.append("<span class=\"note\">利用者が\(Self.pdfUserLimit)名を超えるため、PDF は利用者ごとに作ります</span>")
        }
        if let counterpart {
            let what = Self.counterpartKinds(of: listed).contains(.serviceResults) ? "実績" : "予定"
            parts.append("<span class=\"note\" id=\"counterpart\">\(what)は <a href=\"/web/units/\(counterpart.unit.id)\">送信単位 \(Self.escape(counterpart.unit.timestamp))</a> から</span>")
        }
        if book.users.count > 1 || user != nil {
            let links = book.users.map { "<a href=\"/web/units/\(id)/forms?user=\(Self.escape($0.key))\">\(Self.escape($0.displayName))</a>" }
            parts.append("<span class=\"note\">利用者: <a href=\"/web/units/\(id)/forms\">全員</a> " + links.joined(separator: " ") + "</span>")
        }
        return parts.joined(separator: "\n") + "\n<script src=\"/web/assets/print.js\"></script>"
    }

    /// 送付状 or 受領書 as HTML. The users are read from the files while they are kept (as a download); afterwards the
    /// sheet says the files are gone.
    private func sheet(_ sheet: Sheet, _ context: HubRequestContext) async throws -> String {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        let office = try identity.requireOffice()
        let isRecipient = listed.unit.recipientOfficeID == office.id
        var users: [FormUser]?
        if listed.unit.filesPurgedAt == nil && (!isRecipient || listed.unit.state.isLive) {
            let files = try await self.files(of: listed, identity: identity)
            users = (try? FormBook(files: files))?.users
        }
        let later = try await self.hub.store.receipts(unitID: listed.unit.id).map { (event: $0.event.rawValue, json: $0.receipt) }
        let page = UnitPageModel(listed, viewer: office, message: nil, hub: self.hub, receipts: [(event: "accepted", json: listed.unit.acceptanceReceipt)] + later)
        let model = UnitSheet(
            unitID: listed.unit.id, timestamp: listed.unit.timestamp, pattern: listed.unit.pattern, state: page.unit.stateLabel,
            sender: .init(name: listed.sender.name, id: listed.sender.officeID.description),
            recipient: .init(name: listed.recipient.name, id: listed.recipient.officeID.description), acceptedAt: page.unit.createdAt,
            months: Self.months(of: listed).sorted(), users: users,
            files: listed.files.map { .init(name: $0.name, kind: FileKind(rawValue: $0.kind)?.japaneseName ?? $0.kind, size: $0.size, sha256: $0.sha256) },
            receipts: page.receipts.map { receipt in
                .init(event: receipt.event, time: receipt.time, by: receipt.by, verified: receipt.signatureValid, signature: (try? SignedReceipt(json: receipt.json))?.signature ?? "")
            },
            publicKey: self.hub.signer.publicKey, printedAt: JapanTime.string(self.hub.now()))
        return sheet == .cover ? model.coverHTML() : model.receiptHTML()
    }

    private func pdf(_ html: String, office listed: ListedUnit, context: HubRequestContext) async throws -> [UInt8] {
        if let reason = self.hub.pdfPrinter.unavailableReason { throw ExchangeError(.unavailable, "pdf.unavailable", reason) }
        let office = try context.requireIdentity().requireOffice()
        return try await self.hub.printing.withSlot(for: office.id) {
            do {
                return try await self.hub.pdfPrinter.pdf(html: html)
            } catch {
                self.hub.logger.error("PDF printing failed", metadata: ["unit": "\(listed.unit.id)", "error": "\(error)"])
                throw ExchangeError(.unavailable, "pdf.failed", "PDF を作れませんでした。印刷画面からブラウザで印刷してください / the PDF could not be made; print from the print view")
            }
        }
    }

    private static func html(_ html: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                HTTPField.Name("X-Frame-Options")!: "DENY",
                // The family image is inline (data:); the print button's script is ours.
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private static func pdfResponse(_ pdf: [UInt8], name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let printScript = "document.getElementById('print')?.addEventListener('click', () => window.print());\n"
}

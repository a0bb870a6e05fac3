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
/// the files say (the unit page says so first).
///
/// A 第6表 is shown with the 実績 of the same month between the same two offices (and 実績 with the 第6表 and its
/// 補足): the newest live unit of the other direction, limited to this unit's users. When that unit is one the viewer
/// has not yet received, it is not read on the way: the bar offers to add it (`?with=<id>`), saying that this receives it.
struct UnitFormsController {
    let hub: Hub

    private var delivery: UnitDelivery { UnitDelivery(hub: self.hub) }

    /// Above this many users a unit's PDF is made per user (the print view links each): 100 users took 55 s.
    static let pdfUserLimit = 50

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("units/:id/forms") { request, context in
            let forms = try await self.forms(request, context)
            let html = forms.book.html(
                title: "帳票 \(forms.listed.unit.timestamp)", userKeys: forms.user.map { [$0] }, toolbar: self.toolbar(forms))
            return Self.html(html)
        }
        protected.get("units/:id/forms.pdf") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice()
            // Who may see the unit first (another office gets 404, whatever this hub can print); then the engine.
            _ = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
            try self.requirePrinter()
            // The office, the engine and the gate come before any file is read. Past them the forms are read (and so
            // received); a unit too large for one PDF then gets its print view, which links a PDF per user.
            return try await self.hub.printing.withSlot(for: office.id) {
                let forms = try await self.forms(request, context)
                guard forms.user != nil || forms.book.users.count <= Self.pdfUserLimit else {
                    let with = forms.added.map { "?with=" + $0.unit.id } ?? ""
                    return Response.redirect(to: "/web/units/\(forms.listed.unit.id)/forms\(with)", type: .normal)
                }
                let pdf = try await self.print(forms.book.html(title: "帳票 \(forms.listed.unit.timestamp)", userKeys: forms.user.map { [$0] }), unit: forms.listed)
                let suffix = forms.user.map { "_" + $0 } ?? ""
                return Self.pdfResponse(pdf, name: "forms_\(forms.listed.unit.timestamp)\(suffix).pdf")
            }
        }
        for sheet in Sheet.allCases {
            protected.get("units/:id/\(sheet.rawValue)") { _, context in
                Self.html(try await self.sheet(sheet, context).html)
            }
            protected.get("units/:id/\(sheet.rawValue).pdf") { _, context in
                let identity = try context.requireIdentity()
                let office = try identity.requireOffice()
                _ = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
                try self.requirePrinter()
                return try await self.hub.printing.withSlot(for: office.id) {
                    let (html, listed) = try await self.sheet(sheet, context)
                    return Self.pdfResponse(try await self.print(html, unit: listed), name: "\(sheet.fileName)_\(listed.unit.timestamp).pdf")
                }
            }
        }
        protected.get("assets/print.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Self.printScript)))
        }
    }

    enum Sheet: String, CaseIterable {
        /// 送付状
        case cover
        /// 受領書
        case receipt = "receipt-sheet"

        var fileName: String { self == .cover ? "cover" : "receipt" }
    }

    /// What a print view shows: the book, the unit, the partner's unit (added, or only offered) and the chosen user.
    struct Forms {
        var book: FormBook
        var listed: ListedUnit
        /// The other half of the month, when its files are in the book.
        var added: ListedUnit?
        /// The other half of the month, not yet received by the viewer: offered, not read.
        var offered: ListedUnit?
        /// `?user=`, checked against the book's users.
        var user: String?
    }

    // MARK: - Reading the files

    private func forms(_ request: Request, _ context: HubRequestContext) async throws -> Forms {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        let query = request.uri.queryParameters
        // A user key is 保険者番号-被保険者番号; anything else is refused before a file is read.
        if let user = query.get("user"), !Self.isUserKey(user) {
            throw ExchangeError(.notFound, "forms.noSuchUser", "この送信単位にその利用者はいません / no such user in the unit")
        }
        let own = try await self.files(of: listed, identity: identity)
        var (documents, images) = try Self.read(own)
        let users = FormBook.userKeys(of: documents)
        var forms = Forms(book: FormBook(documents: [], images: [:]), listed: listed)
        if let counterpart = try await self.counterpart(of: listed, identity: identity) {
            let office = try identity.requireOffice()
            let unread = counterpart.unit.recipientOfficeID == office.id && counterpart.unit.state == .accepted
            if unread && query.get("with") != counterpart.unit.id {
                forms.offered = counterpart
            } else {
                let names = Set(counterpart.files.filter { Self.isCounterpartFile($0.name, for: listed) }.map(\.name))
                // Its recipient asked for it: the whole unit is read, so that it is received (受信済) as promised,
                // though only the month's 実績 (or 第6表 and 補足) joins the forms. Its sender reads only those.
                let isItsRecipient = counterpart.unit.recipientOfficeID == office.id
                let read = try await self.files(of: counterpart, identity: identity, only: isItsRecipient ? nil : names)
                let other = try Self.read(read.filter { names.contains($0.name) })
                documents += other.documents
                images.merge(other.images) { mine, _ in mine }
                forms.added = counterpart
            }
        }
        forms.book = FormBook(documents: documents, images: images, users: users)
        if let user = query.get("user") {
            guard forms.book.users.contains(where: { $0.key == user }) else {
                throw ExchangeError(.notFound, "forms.noSuchUser", "この送信単位にその利用者はいません / no such user in the unit")
            }
            forms.user = user
        }
        return forms
    }

    /// The files decoded; a file the forms cannot show is the hub's refusal (the hub validated it at upload, so this
    /// means damage or a changed validator).
    private static func read(_ files: [(name: String, bytes: [UInt8])]) throws(ExchangeError) -> (documents: [CarePlanDocument], images: [String: [UInt8]]) {
        do {
            return try FormBook.read(files: files)
        } catch {
            throw ExchangeError(.invalid, "forms.invalid", error.description)
        }
    }

    /// `保険者番号-被保険者番号` as the files may carry them: ASCII letters and digits, one hyphen.
    static func isUserKey(_ key: String) -> Bool {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 10 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
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

    /// What the other direction brings: 実績 to a 第6表; the 第6表 and its 補足 (for the header) to 実績.
    private static func counterpartKinds(of listed: ListedUnit) -> (search: [FileKind], read: Set<FileKind>) {
        let kinds = Set(listed.files.compactMap { FileKind(rawValue: $0.kind) })
        if kinds.contains(.serviceUsePlan) { return ([.serviceResults], [.serviceResults]) }
        if kinds.contains(.serviceResults) { return ([.serviceUsePlan], [.serviceUsePlan, .supplementaryUserInfo]) }
        return ([], [])
    }

    private static func isCounterpartFile(_ name: String, for listed: ListedUnit) -> Bool {
        guard let parsed = try? CarePlanFileName(parsing: name), let month = parsed.month?.yearMonth else { return false }
        return Self.counterpartKinds(of: listed).read.contains(parsed.kind) && Self.months(of: listed).contains(month)
    }

    /// The newest live unit between the same two offices in the other direction with the other half of one of the
    /// unit's months; nil when the viewer lacks the other direction's scope.
    private func counterpart(of listed: ListedUnit, identity: HubIdentity) async throws -> ListedUnit? {
        let kinds = Self.counterpartKinds(of: listed).search
        let months = Self.months(of: listed).sorted()
        guard !kinds.isEmpty, !months.isEmpty else { return nil }
        let office = try identity.requireOffice()
        let isSender = listed.unit.senderOfficeID == office.id
        guard identity.credential.scopes.contains(isSender ? .receive : .send) else { return nil }
        let prefixes = kinds.flatMap { kind in months.map { "\(kind.prefix)_\($0)_" } }
        return try await self.hub.store.latestLiveUnits(
            from: listed.unit.recipientOfficeID, to: listed.unit.senderOfficeID, fileNamePrefixes: prefixes, limit: 1
        ).first
    }

    // MARK: - Pages

    /// The print view's bar (never printed): back, print, PDF (or why not), the users, and where 予定 or 実績 came from
    /// (or the offer to add them).
    private func toolbar(_ forms: Forms) -> String {
        let id = forms.listed.unit.id
        var parts = ["<a href=\"/web/units/\(id)\">← 送信単位に戻る</a>", "<button type=\"button\" id=\"print\">印刷</button>"]
        var query: [String] = []
        if let user = forms.user { query.append("user=" + HTMLText.escape(user)) }
        if let added = forms.added { query.append("with=" + added.unit.id) }
        let pdfQuery = query.isEmpty ? "" : "?" + query.joined(separator: "&amp;")
        if let reason = self.hub.pdfPrinter.unavailableReason {
            parts.append("<span class=\"note\" id=\"pdf-unavailable\">\(HTMLText.escape(reason))</span>")
        } else if forms.user != nil || forms.book.users.count <= Self.pdfUserLimit {
            parts.append("<a id=\"pdf\" href=\"/web/units/\(id)/forms.pdf\(pdfQuery)\">PDF をダウンロード</a>")
        } else {
            parts.append("<span class=\"note\">利用者が\(Self.pdfUserLimit)名を超えるため、PDF は利用者ごとに作ります</span>")
        }
        let what = Self.counterpartKinds(of: forms.listed).search.contains(.serviceResults) ? "実績" : "予定"
        if let added = forms.added {
            parts.append("<span class=\"note\" id=\"counterpart\">\(what)は <a href=\"/web/units/\(added.unit.id)\">送信単位 \(HTMLText.escape(added.unit.timestamp))</a> から</span>")
        } else if let offered = forms.offered {
            let user = forms.user.map { "&amp;user=" + HTMLText.escape($0) } ?? ""
            parts.append(
                "<span class=\"note\" id=\"counterpart-offer\">同じ月の\(what)（送信単位 \(HTMLText.escape(offered.unit.timestamp))、未受信）: "
                    + "<a href=\"/web/units/\(id)/forms?with=\(offered.unit.id)\(user)\">合わせて表示（受信済になります）</a></span>")
        }
        if forms.book.users.count > 1 || forms.user != nil {
            let with = forms.added.map { "&amp;with=" + $0.unit.id } ?? ""
            let links = forms.book.users.map { "<a href=\"/web/units/\(id)/forms?user=\(HTMLText.escape($0.key))\(with)\">\(HTMLText.escape($0.displayName))</a>" }
            parts.append("<span class=\"note\">利用者: <a href=\"/web/units/\(id)/forms\(forms.added.map { "?with=" + $0.unit.id } ?? "")\">全員</a> " + links.joined(separator: " ") + "</span>")
        }
        return parts.joined(separator: "\n") + "\n<script src=\"/web/assets/print.js\"></script>"
    }

    /// 送付状 or 受領書 as HTML. The users are read from the files while they are kept, by the sender, or by a recipient
    /// who has received them already: printing a sheet does not receive a unit.
    private func sheet(_ sheet: Sheet, _ context: HubRequestContext) async throws -> (html: String, listed: ListedUnit) {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        let office = try identity.requireOffice()
        let isRecipient = listed.unit.recipientOfficeID == office.id
        var users: [FormUser]?
        let note: String
        if listed.unit.filesPurgedAt != nil {
            note = "ファイルは削除済みのため、利用者は表示できません。"
        } else if isRecipient && !listed.unit.state.isLive {
            note = "期限切れのため、利用者は表示できません。"
        } else if isRecipient && listed.unit.state == .accepted {
            note = "受信前のため表示していません（帳票を開くかファイルをダウンロードすると受信済になり、表示されます）。"
        } else {
            note = ""
            let files = try await self.files(of: listed, identity: identity)
            do {
                users = try FormBook(files: files).users
            } catch {
                throw ExchangeError(.invalid, "forms.invalid", error.description)
            }
        }
        let receipts = try await self.delivery.receiptEvents(listed.unit)
        // A sheet is a Japanese document (it goes on paper to another office), whatever the viewer's page language.
        let page = PageLanguage.$current.withValue(.japanese) { UnitPageModel(listed, viewer: office, message: nil, hub: self.hub, receipts: receipts) }
        let model = UnitSheet(
            unitID: listed.unit.id, timestamp: listed.unit.timestamp, pattern: listed.unit.pattern, state: page.unit.stateLabel,
            sender: .init(name: listed.sender.name, id: listed.sender.officeID.description),
            recipient: .init(name: listed.recipient.name, id: listed.recipient.officeID.description), acceptedAt: page.unit.createdAt,
            months: Self.months(of: listed).sorted(), users: users, usersNote: note,
            files: listed.files.map { .init(name: $0.name, kind: FileKind(rawValue: $0.kind)?.japaneseName ?? $0.kind, size: $0.size, sha256: $0.sha256) },
            receipts: page.receipts.map { receipt in
                .init(event: receipt.event, time: receipt.time, by: receipt.by, verified: receipt.signatureValid, signature: (try? SignedReceipt(json: receipt.json))?.signature ?? "")
            },
            publicKey: self.hub.signer.publicKey, printedAt: JapanTime.string(self.hub.now()))
        return (sheet == .cover ? model.coverHTML() : model.receiptHTML(), listed)
    }

    private func requirePrinter() throws {
        if let reason = self.hub.pdfPrinter.unavailableReason { throw ExchangeError(.unavailable, "pdf.unavailable", reason) }
    }

    private func print(_ html: String, unit listed: ListedUnit) async throws -> [UInt8] {
        do {
            return try await self.hub.pdfPrinter.pdf(html: html)
        } catch {
            self.hub.logger.error("PDF printing failed", metadata: ["unit": "\(listed.unit.id)", "error": "\(error)"])
            throw ExchangeError(.unavailable, "pdf.failed", "PDF を作れませんでした。印刷画面からブラウザで印刷してください / the PDF could not be made; print from the print view")
        }
    }

    /// The print view's CSP: the family image is inline (data:); the print button's script is ours.
    static func html(_ html: String) -> Response {
        WebPages.htmlResponse(
            html, contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
    }

    static func pdfResponse(_ pdf: [UInt8], name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }

    static let printScript = "document.getElementById('print')?.addEventListener('click', () => window.print());\n"
}

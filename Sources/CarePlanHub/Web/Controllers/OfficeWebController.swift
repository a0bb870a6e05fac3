// CarePlan Link — CarePlanHub
import CarePlanAnalysis
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation
import HTTPTypes
import Hummingbird

/// The web UI for an office without care software: the inbox and outbox, sending a unit (checked, then confirmed),
/// one unit with its files and receipts, downloading files, and the actions after sending: 取込済にする (recipient,
/// once every file was downloaded), 取り下げ and 再送 (sender). Each action that cannot be undone asks first, naming
/// the unit. The same intake and delivery as the API (``UploadReader``, ``UnitIntake``, ``UnitDelivery``), so the
/// same office checks; each page renders a typed view model (`Web/ViewModels/`).
struct OfficeWebController {
    let hub: Hub
    let pages: WebPages

    private var delivery: UnitDelivery { UnitDelivery(hub: self.hub) }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("inbox") { request, context in
            // `/` and `/web` lead here; an account without an office goes on to where its work starts.
            let identity = try context.requireIdentity()
            if identity.office == nil { return Response.redirect(to: WebLoginController.landing(for: identity.account.role), type: .normal) }
            return try await self.listing(request, context, inbox: true)
        }
        protected.get("outbox") { request, context in try await self.listing(request, context, inbox: false) }
        protected.post("checklist/dismiss") { _, context in
            let identity = try context.requireIdentity()
            _ = try identity.requireOffice()
            try await OnboardingChecklist.dismiss(for: identity, hub: self.hub)
            return Response.redirect(to: "/web/inbox", type: .normal)
        }
        protected.get("send") { _, context in
            let office = try context.requireIdentity().requireOffice(for: .send)
            var model = SendPageModel(office: office, error: nil, problems: [])
            model.office = await self.header(office)
            return self.pages.render("send", model)
        }
        protected.post("send", use: self.send)
        protected.get("units/:id", use: self.unit)
        protected.get("units/:id/files/:name") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
            let (file, bytes) = try await self.delivery.download(listed, name: try context.parameters.require("name"), by: identity)
            return FileDownload.response(file, bytes: bytes)
        }
        // Every file of the unit in one ZIP: a download of each (the recipient's makes the unit 受信済).
        protected.get("units/:id/files.zip") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
            var files: [(name: String, bytes: [UInt8])] = []
            for file in listed.files {
                let (_, bytes) = try await self.delivery.download(listed, name: file.name, by: identity)
                files.append((file.name, bytes))
            }
            let zip = try UnitArchive.zip(files, modified: Date(timeIntervalSince1970: listed.unit.createdAt))
            return UnitArchive.response(zip, name: "careplan_\(listed.unit.timestamp).zip")
        }
        protected.get("units/:id/import", use: self.confirmImport)
        protected.post("units/:id/import") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, recipientOnly: true)
            _ = try await self.delivery.reportImport(listed, ImportReportRequest(outcome: .imported), by: identity)
            return Response.redirect(to: "/web/units/\(listed.unit.id)?imported=1", type: .normal)
        }
        protected.get("units/:id/withdraw", use: self.confirmWithdrawal)
        protected.post("units/:id/withdraw") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, senderOnly: true)
            _ = try await self.delivery.withdraw(listed, by: identity)
            return Response.redirect(to: "/web/units/\(listed.unit.id)?withdrawn=1", type: .normal)
        }
        protected.post("units/:id/resend") { _, context in
            let identity = try context.requireIdentity()
            let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, senderOnly: true)
            let result = try await self.hub.uploads.withSlot(for: listed.sender.id) { try await self.delivery.resend(listed, by: identity) }
            return Response.redirect(to: "/web/units/\(result.listed.unit.id)?\(result.created ? "sent" : "resent")=1", type: .normal)
        }
    }

    /// The page header with the inbox's 未読 count and the usage period's warning.
    private func header(_ office: Office) async -> OfficeHeader {
        await self.hub.officeHeader(office)
    }

    /// The inbox or outbox, newest first, with the filters of ``ListingQuery`` (対象年月, 相手, 状態, 種類, 利用者).
    private func listing(_ request: Request, _ context: HubRequestContext, inbox: Bool) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: inbox ? .receive : .send)
        let cursor = request.uri.queryParameters.get("cursor").flatMap(UnitCursor.init(token:))
        let query = try await ListingQuery(request.uri.queryParameters, hub: self.hub)
        let limit = 50
        let units =
            inbox
            ? try await self.hub.store.inbox(officeID: office.id, after: cursor, filter: query.filter, limit: limit + 1, order: .newestFirst)
            : try await self.hub.store.outbox(officeID: office.id, after: cursor, filter: query.filter, limit: limit + 1, order: .newestFirst)
        let shown = units.prefix(limit)
        let next = units.count > limit ? shown.last?.cursor.token : nil
        // The partners to choose from: every office the office has a partnership with.
        let partners = try await PartnerBook(hub: self.hub).partners(of: office).map(\.partner)
        var model = ListingPageModel(
            office: office, inbox: inbox, units: shown, next: next, hub: self.hub, filters: .init(query, partners: partners),
            userCounts: try await self.hub.store.userCounts(unitIDs: shown.map(\.unit.id)))
        model.office = await self.header(office)
        if inbox { model.checklist = try await OnboardingChecklist.pending(for: identity, office: office, hub: self.hub) }
        return self.pages.render("units", model)
    }

    /// An upload from the browser, in two steps: the chosen files are checked exactly as `POST /api/v1/units` checks
    /// them and a confirmation names the recipient, the combination, the months and the number of users; the
    /// confirmed form brings the same files back and they are checked again and stored. Problems are listed on the page.
    @Sendable func send(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice(for: .send)
        let actor = "account:\(identity.account.id)"
        do {
            return try await self.hub.uploads.withSlot(for: office.id) {
                let form = try await UploadReader(hub: self.hub).read(request, office: office, actor: actor, batch: true)
                let confirmed = form.values("confirm") == ["1"]
                var uploads = confirmed ? try form.values("encoded").map(Self.decodeConfirmed) : form.files
                // One combined set for every provider: split per recipient first (spec §6), then previewed as a batch.
                let split = !confirmed && form.values("split") == ["1"]
                if split {
                    do {
                        uploads = try UnitSplitter.split(uploads.map { ($0.name, $0.bytes) }).units.flatMap(\.files).map { UploadedFile(name: $0.name, bytes: $0.bytes) }
                    } catch let error as UnitSplitter.SplitError {
                        return self.pages.render("send", SendPageModel(office: office, error: error.description, problems: []), status: .unprocessableContent)
                    }
                }
                // Files of several units (a month's export): each unit checked, then sent, on its own.
                if split || BatchIntake.group(uploads).count > 1 {
                    let batch = BatchIntake(hub: self.hub)
                    let items =
                        confirmed
                        ? try await batch.send(uploads, from: office, actor: actor, account: identity.account.loginName)
                        : try await batch.preview(uploads, from: office, actor: actor)
                    return self.pages.render("send-batch", SendBatchPageModel(office: office, items: items, uploads: uploads, confirming: !confirmed))
                }
                let intake = UnitIntake(hub: self.hub)
                guard confirmed else {
                    let preview = try await intake.preview(form.files, from: office, actor: actor)
                    return self.pages.render("send-confirm", SendConfirmPageModel(office: office, preview: preview, uploads: form.files))
                }
                let result = try await intake.accept(uploads, from: office, actor: actor, account: identity.account.loginName)
                return Response.redirect(to: "/web/units/\(result.listed.unit.id)?\(result.created ? "sent" : "resent")=1", type: .normal)
            }
        } catch let error as ExchangeError where error.reason != .forbidden || error.code == "partner.notLinked" {
            return self.pages.render("send", SendPageModel(office: office, error: error.message, problems: error.details), status: error.status)
        } catch let error as HubError where error.status != .unauthorized && error.status != .forbidden {
            return self.pages.render("send", SendPageModel(office: office, error: error.message, problems: error.details), status: error.status)
        }
    }

    /// A file of the confirmation form: `<name>:<base64>`.
    static func decodeConfirmed(_ field: String) throws -> UploadedFile {
        guard let colon = field.firstIndex(of: ":"), let bytes = Data(base64Encoded: String(field[field.index(after: colon)...])) else {
            throw HubError.badRequest("upload.confirm", "確認画面のデータが壊れています。もう一度ファイルを選んでください / the confirmation form is damaged; choose the files again")
        }
        let name = String(field[..<colon])
        try UploadReader.checkFileName(name)
        return UploadedFile(name: name, bytes: Array(bytes))
    }

    @Sendable func unit(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let office = try identity.requireOffice()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity)
        let query = request.uri.queryParameters
        let message: String? =
            if query.get("imported") != nil { PageText.pick("取込済にしました。送信元は取込の受領証を確認できます。", "Marked as imported. The sender can see the import receipt.") }
            else if query.get("withdrawn") != nil { PageText.pick("取り下げました。取り下げの受領証を発行しました。", "Withdrawn. The hub issued the withdrawal receipt.") }
            else if query.get("sent") != nil { PageText.pick("送信しました。ハブの受付受領証を発行しました。", "Sent. The hub issued its acceptance receipt.") }
            else if query.get("resent") != nil { PageText.pick("同じ送信単位は送信済みです（新たには保存していません）。", "This unit was sent before (nothing new was stored).") }
            else { nil }
        var model = UnitPageModel(listed, viewer: office, message: message, hub: self.hub, receipts: try await self.delivery.receiptEvents(listed.unit))
        model.office = await self.header(office)
        return self.pages.render("unit", model)
    }

    @Sendable func confirmImport(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, recipientOnly: true)
        guard listed.isImportReportable else { throw UnitDelivery.importRefusal(listed.unit) }
        let model = ConfirmPageModel(
            office: OfficeHeader(try identity.requireOffice()), title: PageText.pick("取込済にする", "Mark as imported"),
            question: PageText.pick(
                "この送信単位を取込済にします。ケアソフトや台帳への反映を終えましたか。", "This marks the unit as imported. Has your care software or ledger taken it in?"),
            lines: ConfirmPageModel.unitLines(listed, viewerIsRecipient: true),
            consequence: PageText.pick(
                "送信元の画面が「取込済」になり、署名入りの受領証を確認できます。取り消せません。ハブのファイルは\(Int(self.hub.configuration.retention.readDays))日後に削除されます。",
                "The sender sees “Imported” with a signed receipt. This cannot be undone. The hub deletes the files after \(Int(self.hub.configuration.retention.readDays)) days."),
            action: "/web/units/\(listed.unit.id)/import", back: "/web/units/\(listed.unit.id)", button: PageText.pick("取込済にする", "Mark as imported"))
        return self.pages.render("confirm", model)
    }

    @Sendable func confirmWithdrawal(request: Request, context: HubRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let listed = try await self.delivery.authorizedUnit(id: try context.parameters.require("id"), for: identity, senderOnly: true)
        guard listed.isWithdrawable else { throw ExchangeError.notWithdrawable }
        let model = ConfirmPageModel(
            office: OfficeHeader(try identity.requireOffice()), title: PageText.pick("取り下げる", "Withdraw"),
            question: PageText.pick("この送信単位を取り下げます。送信先はまだ何も受信していません。", "This withdraws the unit. The recipient has received nothing of it yet."),
            lines: ConfirmPageModel.unitLines(listed, viewerIsRecipient: false),
            consequence: PageText.pick(
                "送信先の受信一覧から消え、ハブのファイルは削除されます。取り下げの受領証が残り、同じファイル連番で送り直せます。取り消せません。",
                "It leaves the recipient's inbox and the hub deletes its files. A withdrawal receipt remains, and the same file sequence number may be sent again. This cannot be undone."),
            action: "/web/units/\(listed.unit.id)/withdraw", back: "/web/units/\(listed.unit.id)", button: PageText.pick("取り下げる", "Withdraw"))
        return self.pages.render("confirm", model)
    }
}

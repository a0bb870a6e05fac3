// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation

/// Everything after acceptance, shared by the API and the web pages: who may see a unit, handing out its files (the
/// last one makes it 受信済), the recipient's import report (取込済 / 取込不可), the sender's withdrawal (取り下げ) and
/// re-send, and the signed receipts of each. No HTTP here; refusals are ``ExchangeError``s.
struct UnitDelivery {
    let hub: Hub

    /// The unit `id` with its files and offices, if `identity`'s office sent it or receives it; otherwise not found
    /// (whether it exists is not revealed; a withdrawn unit is gone from its recipient's view). Reading an inbox unit
    /// needs the receive scope, an outbox unit the send scope.
    func authorizedUnit(id: String, for identity: HubIdentity, recipientOnly: Bool = false, senderOnly: Bool = false) async throws -> ListedUnit {
        let office = try identity.requireOffice()
        guard let listed = try await self.hub.store.listedUnit(id: id) else { throw ExchangeError.unitNotFound }
        let isSender = listed.unit.senderOfficeID == office.id
        let asRecipient = !senderOnly && listed.unit.recipientOfficeID == office.id && listed.unit.state != .withdrawn
        let asSender = !recipientOnly && isSender
        guard asRecipient || asSender else { throw ExchangeError.unitNotFound }
        try identity.require(asRecipient ? .receive : .send)
        return listed
    }

    /// A file's bytes, checked against its digest, for a unit from ``authorizedUnit(id:for:recipientOnly:senderOnly:)``.
    /// The recipient's download of the last file not yet downloaded makes the unit 受信済 (with a signed receipt); every
    /// download is audited (the sender's own too). A withdrawn or expired unit hands nothing to its recipient.
    func download(_ listed: ListedUnit, name: String, by identity: HubIdentity) async throws -> (file: UnitFile, bytes: [UInt8]) {
        let office = try identity.requireOffice()
        guard let file = listed.files.first(where: { $0.name == name }) else {
            throw ExchangeError(.notFound, "file.notFound", "ファイルが見つかりません / no such file in the unit")
        }
        let isRecipient = listed.unit.recipientOfficeID == office.id
        if isRecipient {
            try self.requireLive(listed.unit)
            try await LicenceBook(hub: self.hub).requireReceiving(office)
        }
        guard listed.unit.filesPurgedAt == nil, let sealed = try await self.hub.store.body(sha256: file.sha256) else {
            throw ExchangeError(.gone, "file.purged", "保存期間を過ぎたため削除されました / the file was deleted after its retention period")
        }
        let bytes = try self.hub.cipher.open(sealed, sha256: file.sha256)
        // Stored bodies are checked on the way out too: a damaged store must not hand out wrong bytes.
        guard HexDigest.sha256(bytes) == file.sha256 else {
            throw ExchangeError(.damaged, "file.corrupt", "保存データが破損しています / the stored file is damaged")
        }
        let audit = AuditRecord(
            actor: "account:\(identity.account.id)", office: office.officeID.description, action: "download", subject: "\(listed.unit.id)/\(name)")
        if isRecipient {
            let received = self.transition(.received, of: listed, by: identity, action: "receive")
            let after = try await self.hub.store.markDownloaded(unitID: listed.unit.id, fileName: name, at: self.hub.now(), audit: audit, received: received)
            // Withdrawn or expired between the read above and the store's transaction: the bytes stay here.
            guard let after else { throw ExchangeError.unitNotFound }
            try self.requireLive(after)
        } else {
            // The sender reading its own unit back: audited too, without changing the unit's state.
            var senderAudit = audit
            senderAudit.action = "download.sender"
            try await self.hub.store.appendAudit(senderAudit)
        }
        return (file, bytes)
    }

    /// The recipient's import result for a unit from ``authorizedUnit(id:for:recipientOnly:senderOnly:)`` with
    /// `recipientOnly`: 取込済, or 取込不可 with its problems (redacted: locations and rule statements only). Allowed once
    /// every file was downloaded; a repeated report of the same outcome returns the receipt of the first. Returns the
    /// signed receipt as stored (JSON).
    func reportImport(_ listed: ListedUnit, _ report: ImportReportRequest, by identity: HubIdentity) async throws -> String {
        let sizes = Dictionary(listed.files.map { ($0.name, $0.size) }, uniquingKeysWith: { first, _ in first })
        let problems = report.problems.prefix(ImportReportRequest.maxProblems).map { $0.redacted(files: sizes) }
        let outcome: UnitState = report.outcome == .imported ? .imported : .importRefused
        let event: UnitReceiptEvent = outcome == .imported ? .imported : .importRefused
        let stored = outcome == .importRefused ? String(decoding: try JSONEncoder.hub.encode(problems), as: UTF8.self) : nil
        let transition = self.transition(
            event, of: listed, by: identity, action: outcome == .imported ? "import" : "import.refused", problems: outcome == .importRefused ? problems : nil)
        let result = try await self.hub.store.reportImport(
            unitID: listed.unit.id, outcome: outcome, problems: stored, at: self.hub.now(), transition: transition)
        switch result {
        case .changed(_, let receipt), .unchanged(_, let receipt?): return receipt
        case .unchanged(let unit, nil), .notAllowed(let unit): throw Self.importRefusal(unit)
        case nil: throw ExchangeError.unitNotFound
        }
    }

    /// Why an import cannot be reported for `unit` now.
    static func importRefusal(_ unit: ExchangeUnit) -> ExchangeError {
        switch unit.state {
        case .withdrawn: ExchangeError.withdrawn
        case .expired: ExchangeError.expired(at: unit.expiredAt.map(ISO8601.string) ?? "")
        case .imported: ExchangeError.alreadyImported
        default: ExchangeError.notReceived
        }
    }

    /// The sender withdraws a unit from ``authorizedUnit(id:for:recipientOnly:senderOnly:)`` with `senderOnly`, while its
    /// recipient has downloaded nothing: it leaves the inbox, the hub deletes its files, and its ファイル連番 may be
    /// sent again. Returns the signed withdrawal receipt (JSON); withdrawing again returns the same one.
    func withdraw(_ listed: ListedUnit, by identity: HubIdentity) async throws -> String {
        let transition = self.transition(.withdrawn, of: listed, by: identity, action: "withdraw")
        switch try await self.hub.store.withdraw(unitID: listed.unit.id, at: self.hub.now(), transition: transition) {
        case .changed(_, let receipt), .unchanged(_, let receipt?): return receipt
        case .unchanged, .notAllowed: throw ExchangeError.notWithdrawable
        case nil: throw ExchangeError.unitNotFound
        }
    }

    /// Sends the files of an expired unit (sender only) again, as a new unit with the same ファイル連番, checked like any
    /// upload. Possible while the hub keeps the files (`retention.readDays` after expiry) and when the recipient had
    /// downloaded none of them. (A withdrawn unit's files are deleted at once: it is sent again by uploading them.)
    func resend(_ listed: ListedUnit, by identity: HubIdentity) async throws -> UnitIntake.Result {
        guard listed.isResendable else { throw ExchangeError.notResendable }
        var uploads: [UploadedFile] = []
        for file in listed.files {
            guard let sealed = try await self.hub.store.body(sha256: file.sha256) else { throw ExchangeError.notResendable }
            let bytes = try self.hub.cipher.open(sealed, sha256: file.sha256)
            guard HexDigest.sha256(bytes) == file.sha256 else {
                throw ExchangeError(.damaged, "file.corrupt", "保存データが破損しています / the stored file is damaged")
            }
            uploads.append(UploadedFile(name: file.name, bytes: bytes))
        }
        return try await UnitIntake(hub: self.hub).accept(uploads, from: listed.sender, actor: "account:\(identity.account.id)", account: identity.account.loginName)
    }

    /// The unit's signed receipts: acceptance, then each later change in order.
    func receipts(_ unit: ExchangeUnit) async throws -> [SignedReceipt] {
        try await self.receiptEvents(unit).map { try SignedReceipt(json: $0.json) }
    }

    /// The unit's receipts as stored, with their events: the acceptance, then each later change in order.
    func receiptEvents(_ unit: ExchangeUnit) async throws -> [(event: String, json: String)] {
        let later = try await self.hub.store.receipts(unitID: unit.id).map { (event: $0.event.rawValue, json: $0.receipt) }
        return [(event: "accepted", json: unit.acceptanceReceipt)] + later
    }

    // MARK: -

    private func requireLive(_ unit: ExchangeUnit) throws {
        switch unit.state {
        case .withdrawn: throw ExchangeError.withdrawn
        case .expired: throw ExchangeError.expired(at: unit.expiredAt.map(ISO8601.string) ?? "")
        default: return
        }
    }

    /// The audit entry and the receipt of a change made by `identity`.
    private func transition(
        _ event: UnitReceiptEvent, of listed: ListedUnit, by identity: HubIdentity, action: String, problems: [ImportProblem]? = nil
    ) -> UnitTransition {
        let office = identity.office?.officeID.description
        let audit = AuditRecord(actor: "account:\(identity.account.id)", office: office, action: action, subject: listed.unit.id)
        let payload = Self.payload(event.rawValue, of: listed, at: self.hub.now(), office: office, account: identity.account.loginName, problems: problems)
        let signer = self.hub.signer
        return UnitTransition(audit: audit) { _, position in try signer.receipt(payload, at: position).json() }
    }

    /// What a receipt about `listed` states.
    static func payload(
        _ event: String, of listed: ListedUnit, at time: Double, office: String?, account: String?, problems: [ImportProblem]? = nil
    ) -> ReceiptPayload {
        ReceiptPayload(
            event: event, unitID: listed.unit.id, sender: listed.sender.officeID.description, recipient: listed.recipient.officeID.description,
            timestamp: listed.unit.timestamp, files: listed.files.map { .init(name: $0.name, sha256: $0.sha256, size: $0.size) }, time: ISO8601.string(time),
            office: office, account: account, problems: problems)
    }
}

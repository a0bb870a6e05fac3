// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore

/// Everything after acceptance, shared by the API and the web pages: who may see a unit, handing out its files, and
/// the acknowledgement (取込済) with its signed receipt. No HTTP here; refusals are ``ExchangeError``s.
struct UnitDelivery {
    let hub: Hub

    /// The unit `id` with its files and offices, if `identity`'s office sent it or receives it; otherwise not found
    /// (whether it exists is not revealed). Reading an inbox unit needs the receive scope, an outbox unit the send scope.
    func authorizedUnit(id: String, for identity: HubIdentity, recipientOnly: Bool = false) async throws -> ListedUnit {
        let office = try identity.requireOffice()
        guard let listed = try await self.hub.store.listedUnit(id: id) else { throw ExchangeError.unitNotFound }
        let isRecipient = listed.unit.recipientOfficeID == office.id
        guard isRecipient || (!recipientOnly && listed.unit.senderOfficeID == office.id) else { throw ExchangeError.unitNotFound }
        try identity.require(isRecipient ? .receive : .send)
        return listed
    }

    /// A file's bytes, checked against its digest, for a unit from ``authorizedUnit(id:for:recipientOnly:)``. A
    /// recipient's first download marks the unit 受信済; every download is audited (the sender's own too).
    func download(_ listed: ListedUnit, name: String, by identity: HubIdentity) async throws -> (file: UnitFile, bytes: [UInt8]) {
        let office = try identity.requireOffice()
        guard let file = listed.files.first(where: { $0.name == name }) else {
            throw ExchangeError(.notFound, "file.notFound", "ファイルが見つかりません / no such file in the unit")
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
        if listed.unit.recipientOfficeID == office.id {
            try await self.hub.store.markDownloaded(unitID: listed.unit.id, at: self.hub.now(), audit: audit)
        } else {
            // The sender reading its own unit back: audited too, without changing the unit's state.
            var senderAudit = audit
            senderAudit.action = "download.sender"
            try await self.hub.store.appendAudit(senderAudit)
        }
        return (file, bytes)
    }

    /// Marks a unit from ``authorizedUnit(id:for:recipientOnly:)`` with `recipientOnly` (so the caller receives it and
    /// holds the receive scope) 取込済, and returns the signed acknowledgement receipt as stored (JSON); idempotent.
    func acknowledge(_ listed: ListedUnit, by identity: HubIdentity) async throws -> String {
        if let existing = listed.unit.acknowledgementReceipt { return existing }
        guard listed.unit.state != .expired else { throw ExchangeError.expired }
        let now = self.hub.now()
        let payload = ReceiptPayload(
            event: "acknowledged", unitID: listed.unit.id, sender: listed.sender.officeID.description, recipient: listed.recipient.officeID.description,
            timestamp: listed.unit.timestamp, files: listed.files.map { .init(name: $0.name, sha256: $0.sha256, size: $0.size) }, time: ISO8601.string(now))
        let signer = self.hub.signer
        let audit = AuditRecord(actor: "account:\(identity.account.id)", office: listed.recipient.officeID.description, action: "ack", subject: listed.unit.id)
        let stored = try await self.hub.store.acknowledge(unitID: listed.unit.id, at: now, audit: audit) { try signer.receipt(payload, at: $0).json() }
        // Nil receipt: expired between the read above and the transaction.
        guard let receipt = stored?.acknowledgementReceipt else { throw ExchangeError.expired }
        return receipt
    }

    /// The unit's signed receipts: acceptance, then acknowledgement once there is one.
    func receipts(_ unit: ExchangeUnit) throws -> [SignedReceipt] {
        try ([unit.acceptanceReceipt] + (unit.acknowledgementReceipt.map { [$0] } ?? [])).map(SignedReceipt.init(json:))
    }
}

// CarePlan Link — CarePlanHub
import CarePlanAnalysis
import CarePlanCSV
import CarePlanForms
import CarePlanHubStore
import Foundation

/// Partners not on the network (ネットワーク外の連携先): an office records them (FAX number, address), prints a month's
/// forms for them with a 送付状, and records how the paper went (FAX送信済, 郵送済, 手渡し) with the date and who, so that
/// the month shows every partner in one list.
struct PaperBook {
    let hub: Hub

    func add(_ id: OfficeID, name: String, fax: String, address: String, for office: Office, actor: String) async throws -> PaperPartner {
        guard let serviceType = id.serviceType, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ExchangeError(.malformed, "paper.malformed", "事業所番号_サービス種類と事業所名を入力してください / give the office as NNNNNNNNNN_TT and its name")
        }
        if let registered = try await self.hub.store.office(number: id.number, serviceType: serviceType) {
            throw ExchangeError(
                .conflict, "paper.onNetwork",
                "\(OfficeLabel.text(registered))はハブに登録されています。連携先として申請してください / the office is on the network: send it a partner request")
        }
        do {
            return try await self.hub.store.createPaperPartner(
                PaperPartner(officeID: office.id, number: id.number, serviceType: serviceType, name: name, fax: fax, address: address, createdAt: self.hub.now()),
                audit: AuditRecord(actor: actor, office: office.officeID.description, action: "paper.add", subject: id.description))
        } catch HubStoreConflict.duplicatePaperPartner {
            throw ExchangeError(.conflict, "paper.duplicate", "この事業所は登録済みです / this office is recorded already")
        }
    }

    static let notFound = ExchangeError(.notFound, "paper.notFound", "その紙の連携先は登録されていません / no such paper partner")

    func remove(_ id: Int64, of office: Office, actor: String) async throws {
        guard try await self.hub.store.deletePaperPartner(
            officeID: office.id, id: id, at: self.hub.now(), audit: AuditRecord(actor: actor, office: office.officeID.description, action: "paper.remove", subject: String(id)))
        else { throw Self.notFound }
    }

    /// What goes to `partner` of the uploaded files: the files addressed to it, or, for a combined set, its part of the
    /// split (spec §6); checked like an upload, so that paper carries what the network would have.
    struct PaperSet: Sendable {
        let files: [(name: String, bytes: [UInt8])]
        let documents: [CarePlanDocument]
        let month: YearMonth
        let users: [FormUser]
    }

    func set(of uploads: [UploadedFile], for partner: PaperPartner, from office: Office) throws -> PaperSet {
        let target = OfficeID(number: partner.number, serviceType: partner.serviceType)
        var files = uploads.map { (name: $0.name, bytes: $0.bytes) }
        let addressed = files.allSatisfy { (try? CarePlanFileName(parsing: $0.name))?.recipient == target }
        if !addressed {
            do {
                guard let unit = try UnitSplitter.split(files).units.first(where: { $0.recipient == target }) else {
                    throw ExchangeError(.invalid, "paper.noRows", "このファイルには\(partner.name)の行がありません / no row of these files names the partner")
                }
                files = unit.files
            } catch let error as UnitSplitter.SplitError {
                throw ExchangeError(.invalid, "paper.split", error.description)
            }
        }
        for file in files {
            guard let name = try? CarePlanFileName(parsing: file.name), name.sender == office.officeID else {
                throw ExchangeError(.forbidden, "unit.senderMismatch", "送信元がこの事業所ではないファイルがあります / \(file.name) is not sent by your office")
            }
        }
        let reports = files.map { FileValidator.validate(bytes: $0.bytes, fileName: $0.name) }
        let errors = SendUnitValidator.errors(files: reports, unit: SendUnitValidator.validate(reports))
        guard errors.isEmpty else {
            throw ExchangeError(.invalid, "unit.invalid", "\(errors.count)件のエラーがあります / the files have \(errors.count) error(s)", details: errors.map(\.redacted))
        }
        let (documents, _) = try FormBook.read(files: files)
        guard let month = files.compactMap({ try? CarePlanFileName(parsing: $0.name).month?.yearMonth }).first else {
            throw ExchangeError(.invalid, "paper.noMonth", "対象年月のある利用票（第6・7表）を選んでください / choose a month's 第6・7表")
        }
        return PaperSet(files: files, documents: documents, month: month, users: FormBook(documents: documents, images: [:]).users)
    }

    /// The forms of the set for `partner`, with a 送付状 in front.
    func html(_ set: PaperSet, for partner: PaperPartner, from office: Office) -> String {
        let cover = PaperCover(
            to: partner.name, fax: partner.fax, address: partner.address, from: PageLanguage.$current.withValue(.japanese) { OfficeLabel.text(office) },
            what: "\(set.month.year)年\(set.month.month)月分 サービス利用票・別表", users: set.users.map(\.displayName),
            date: JapanTime.string(self.hub.now()))
        return FormBook(documents: set.documents, images: [:]).html(title: "\(partner.name) \(set.month)", cover: cover)
    }

    func record(_ set: PaperSet, to partner: PaperPartner, method: PaperDelivery.Method, by office: Office, login: String, actor: String) async throws -> PaperDelivery {
        let users = set.users.map { ["insurer": $0.insurerNumber, "insured": $0.insuredNumber, "name": $0.name ?? ""] }
        let json = try JSONEncoder().encode(users)
        let sealed = try self.hub.cipher.seal(Array(json), sha256: "paperDelivery")
        return try await self.hub.store.recordPaperDelivery(
            PaperDelivery(
                officeID: office.id, paperPartnerID: partner.id, month: set.month.description, method: method, at: self.hub.now(), actor: login,
                sealedUsers: Data(sealed).base64EncodedString()),
            audit: AuditRecord(actor: actor, office: office.officeID.description, action: "paper.\(method.rawValue)", subject: "\(partner.number)_\(partner.serviceType) \(set.month)"))
    }

    /// The users of a recorded delivery.
    func users(of delivery: PaperDelivery) -> [(insurer: String, insured: String, name: String)] {
        guard let sealed = Data(base64Encoded: delivery.sealedUsers), let json = try? self.hub.cipher.open(Array(sealed), sha256: "paperDelivery"),
            let users = try? JSONDecoder().decode([[String: String]].self, from: Data(json))
        else { return [] }
        return users.map { ($0["insurer"] ?? "", $0["insured"] ?? "", $0["name"] ?? "") }
    }
}

extension PaperDelivery.Method {
    /// FAX送信済 / 郵送済 / 手渡し
    var japanese: String {
        switch self {
        case .fax: "FAX送信済"
        case .mail: "郵送済"
        case .hand: "手渡し"
        }
    }
}

// CarePlan Link — CarePlanHub
import CarePlanAnalysis
import CarePlanCSV
import CarePlanExchange
import CarePlanForms
import CarePlanHubStore
import Foundation

/// 今月の連携 for one office and 対象年月, from the units the office sent and received (``MonthView``).
///
/// A 利用票 (第6・7表) and a 実績 are read only where the office may read them without changing what its partner sees:
/// its own units, and units it received completely. A unit that waits unread stays one row without users, so that
/// opening this page never marks anything 受信済. Of a 第6表, only the partner's rows are compared
/// (``Reconciliation``): a provider never sees another provider's services through it.
struct MonthReport {
    let hub: Hub

    /// The most units of each kind and direction one month reads.
    static let maxUnits = 500

    private struct Side {
        let listed: ListedUnit
        let sent: Bool
        /// Per user, when the office could read the unit.
        let users: [PlanRows]?
    }

    /// Builds the month within the office's one slot (two at the hub): each view reads up to 2,000 units, so a
    /// reloading browser or a looping script cannot make the hub read thousands of files at once (429 `month.busy`).
    func build(for office: Office, month: YearMonth, actor: String) async throws -> MonthView {
        try await self.hub.monthReports.withSlot(for: office.id) { try await self.read(for: office, month: month, actor: actor) }
    }

    private func read(for office: Office, month: YearMonth, actor: String) async throws -> MonthView {
        let monthText = month.description
        let planKinds = UnitKindGroup.usePlan.kinds
        let resultKinds = UnitKindGroup.results.kinds
        func units(_ kinds: [String]) async throws -> [ListedUnit] {
            let filter = UnitFilter(states: UnitState.allCases.filter { $0 != .withdrawn }, month: monthText, kinds: kinds)
            let sent = try await self.hub.store.outbox(officeID: office.id, after: nil, filter: filter, limit: Self.maxUnits, order: .newestFirst)
            let received = try await self.hub.store.inbox(officeID: office.id, after: nil, filter: filter, limit: Self.maxUnits, order: .newestFirst)
            return (sent + received).sorted { ($0.unit.createdAt, $0.unit.id) > ($1.unit.createdAt, $1.unit.id) }
        }
        var read = 0
        func side(_ listed: ListedUnit, kinds: [String]) async throws -> Side {
            let sent = listed.unit.senderOfficeID == office.id
            let readable = listed.unit.filesPurgedAt == nil && (sent || listed.downloadedFileCount == listed.files.count)
            guard readable else { return Side(listed: listed, sent: sent, users: nil) }
            read += 1
            let documents = try await self.documents(of: listed, kinds: Set(kinds))
            return Side(
                listed: listed, sent: sent,
                users: PlanRows.split(documents, sender: listed.sender.officeID.description, recipient: listed.recipient.officeID.description))
        }
        var plans: [Side] = []
        for listed in try await units(planKinds) { plans.append(try await side(listed, kinds: planKinds + [FileKind.supplementaryUserInfo.prefix])) }
        var results: [Side] = []
        for listed in try await units(resultKinds) { results.append(try await side(listed, kinds: resultKinds)) }
        if read > 0 {
            try await self.hub.store.appendAudit(
                AuditRecord(actor: actor, office: office.officeID.description, action: "month.read", subject: "\(monthText) units=\(read)"))
        }

        var rows: [MonthView.Row] = []
        var seen = Set<String>()
        for plan in plans {
            let partner = plan.sent ? plan.listed.recipient : plan.listed.sender
            guard let users = plan.users else {
                rows.append(MonthView.Row(partner: partner.officeID.description, partnerName: OfficeLabel.text(partner), plan: self.delivery(plan, office: office)))
                continue
            }
            for user in users {
                let key = "\(partner.id)/\(user.insurerNumber)-\(user.insuredNumber)"
                // Newest first: the first unit holding the user is the latest plan.
                guard seen.insert(key).inserted else { continue }
                rows.append(self.row(user: user, latest: plan, partner: partner, plans: plans, results: results, office: office))
            }
        }
        // 実績 of users with no 利用票 this month (or one the office cannot read).
        for result in results {
            let partner = result.sent ? result.listed.recipient : result.listed.sender
            for user in result.users ?? [] where seen.insert("\(partner.id)/\(user.insurerNumber)-\(user.insuredNumber)").inserted {
                rows.append(
                    MonthView.Row(
                        partner: partner.officeID.description, partnerName: OfficeLabel.text(partner), insurerNumber: user.insurerNumber,
                        insuredNumber: user.insuredNumber, userName: user.userName, results: self.delivery(result, office: office)))
            }
            if result.users == nil && !rows.contains(where: { $0.results?.unitID == result.listed.unit.id }) {
                rows.append(MonthView.Row(partner: partner.officeID.description, partnerName: OfficeLabel.text(partner), results: self.delivery(result, office: office)))
            }
        }
        // On paper: the newest delivery of each user to each partner not on the network.
        let paper = PaperBook(hub: self.hub)
        let paperPartners = Dictionary(uniqueKeysWithValues: try await self.hub.store.paperPartners(officeID: office.id, includingRemoved: true).map { ($0.id, $0) })
        for delivery in try await self.hub.store.paperDeliveries(officeID: office.id, month: monthText) {
            guard let partner = paperPartners[delivery.paperPartnerID] else { continue }
            let label = PageText.pick("\(delivery.method.japanese) \(JapanTime.string(delivery.at))（\(delivery.actor)）", "\(delivery.method.pageLabel) \(JapanTime.string(delivery.at)) (\(delivery.actor))")
            for user in paper.users(of: delivery) where seen.insert("paper\(partner.id)/\(user.insurer)-\(user.insured)").inserted {
                rows.append(
                    MonthView.Row(
                        partner: "\(partner.number)_\(partner.serviceType)", partnerName: PageText.pick("\(partner.name)（ネットワーク外）", "\(partner.name) (off the network)"), insurerNumber: user.insurer,
                        insuredNumber: user.insured, userName: user.name.isEmpty ? nil : user.name,
                        plan: MonthView.Delivery(unitID: "", direction: "paper", state: delivery.method.rawValue, stateLabel: label, sentAt: ISO8601.string(delivery.at))))
            }
        }
        rows.sort { ($0.partner, $0.insuredNumber ?? "", $0.insurerNumber ?? "") < ($1.partner, $1.insuredNumber ?? "", $1.insurerNumber ?? "") }
        return MonthView(month: monthText, office: office.officeID.description, rows: rows)
    }

    private func row(user: PlanRows, latest: Side, partner: Office, plans: [Side], results: [Side], office: Office) -> MonthView.Row {
        let same = { (rows: PlanRows) in rows.insurerNumber == user.insurerNumber && rows.insuredNumber == user.insuredNumber }
        // The same direction as the latest plan, between the same offices.
        let history = plans.filter { $0.sent == latest.sent && $0.listed.sender.id == latest.listed.sender.id && $0.listed.recipient.id == latest.listed.recipient.id }
        let received = { (side: Side) in [.downloaded, .imported, .importRefused].contains(side.listed.unit.state) }
        let hasLatest = received(latest)
        var changes: [String]?
        if !hasLatest, let had = history.first(where: { received($0) && $0.users?.contains(where: same) == true }),
            let older = had.users?.first(where: same)
        {
            changes = PlanDiff.compare(older.documents, user.documents).changes.map(\.description)
        }
        let result = results.first { side in
            side.sent != latest.sent && side.listed.sender.id == latest.listed.recipient.id && side.listed.recipient.id == latest.listed.sender.id
                && (side.users?.contains(where: same) ?? true)
        }
        var differences: [MonthView.Difference]?
        if let result, let actual = result.users?.first(where: same) {
            // The 第6表 goes from the care manager to the provider and the 実績 back: the shape Reconciliation compares.
            differences = Reconciliation.compare(month: "", plans: [user], results: [actual]).lines.map(Self.difference)
        }
        return MonthView.Row(
            partner: partner.officeID.description, partnerName: OfficeLabel.text(partner), insurerNumber: user.insurerNumber,
            insuredNumber: user.insuredNumber, userName: user.userName, plan: self.delivery(latest, office: office),
            results: result.map { self.delivery($0, office: office) }, partnerHasLatestPlan: latest.sent ? hasLatest : nil, planChanges: changes,
            differences: differences)
    }

    private static func difference(_ line: Reconciliation.Line) -> MonthView.Difference {
        MonthView.Difference(
            kind: line.kind.rawValue, kindLabel: line.kind.japanese, serviceCode: line.serviceCode, day: line.day == 0 ? nil : line.day,
            planned: line.planned, actual: line.actual)
    }

    private func delivery(_ side: Side, office: Office) -> MonthView.Delivery {
        let status = DeliveryStatus(side.listed, viewerIsRecipient: !side.sent, hub: self.hub)
        return MonthView.Delivery(
            unitID: side.listed.unit.id, direction: side.sent ? "sent" : "received", state: side.listed.unit.state.rawValue, stateLabel: status.label,
            sentAt: ISO8601.string(side.listed.unit.createdAt))
    }

    /// The unit's files of `kinds`, decrypted and checked against their digests, decoded.
    private func documents(of listed: ListedUnit, kinds: Set<String>) async throws -> [CarePlanDocument] {
        var files: [(name: String, bytes: [UInt8])] = []
        for file in listed.files where kinds.contains(file.kind) {
            guard let sealed = try await self.hub.store.body(sha256: file.sha256) else { continue }
            let bytes = try self.hub.cipher.open(sealed, sha256: file.sha256)
            guard HexDigest.sha256(bytes) == file.sha256 else {
                throw ExchangeError(.damaged, "file.corrupt", "保存データが破損しています / the stored file is damaged")
            }
            files.append((file.name, bytes))
        }
        do {
            return try FormBook.read(files: files).documents
        } catch {
            throw ExchangeError(.invalid, "month.invalid", "\(listed.unit.id) のファイルを読めません / cannot read the files of \(listed.unit.id): \(error)")
        }
    }
}

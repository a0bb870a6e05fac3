// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation

/// 利用期間: the operator records an office's usage periods (CLI and web), the intake and the downloads ask whether the
/// office may send or receive now, and every office page warns from ``HubConfiguration/Licences/warningDays`` before the
/// end.
struct LicenceBook {
    let hub: Hub

    func standing(of office: Office) async throws -> UsageStanding {
        UsageStanding(
            periods: try await self.hub.store.usagePeriods(officeID: office.id), at: self.hub.now(), graceDays: self.hub.configuration.licences.graceDays)
    }

    /// Refuses a send (an upload, a batch, a re-send) outside the office's periods.
    func requireSending(_ office: Office) async throws {
        let standing = try await self.standing(of: office)
        guard !standing.maySend else { return }
        switch standing {
        case .notStarted(let startsAt):
            throw ExchangeError(
                .forbidden, "licence.notStarted",
                "利用期間は \(JapanTime.date(startsAt)) から始まります。それまで送信できません / the usage period starts on \(JapanTime.date(startsAt)); no sending before")
        case .grace(let endedAt, let graceUntil):
            throw ExchangeError(
                .forbidden, "licence.ended",
                "利用期間が \(Self.lastDay(endedAt)) で終わったため送信できません。受信は \(Self.lastDay(graceUntil)) までできます。継続はハブの運用者にご相談ください / the usage period ended with \(Self.lastDay(endedAt)): sending is refused; receiving stays possible until \(Self.lastDay(graceUntil))")
        default:
            throw ExchangeError(
                .forbidden, "licence.ended",
                "利用期間が終わったため送信できません。継続はハブの運用者にご相談ください / the usage period has ended: sending is refused")
        }
    }

    /// Refuses a download after the grace period.
    func requireReceiving(_ office: Office) async throws {
        let standing = try await self.standing(of: office)
        guard !standing.mayReceive, case .ended(let endedAt) = standing else { return }
        throw ExchangeError(
            .forbidden, "licence.ended",
            "利用期間（\(Self.lastDay(endedAt)) まで）と受信の猶予期間が終わったため受信できません。ハブの運用者にご相談ください / the usage period and its grace period for receiving have ended")
    }

    /// The header's notice: from `warningDays` before the end, and after it; nil otherwise.
    func notice(for office: Office) async -> String? {
        guard let standing = try? await self.standing(of: office) else { return nil }
        let now = self.hub.now()
        switch standing {
        case .unbound:
            return nil
        case .active(_, let until):
            guard until - now <= self.hub.configuration.licences.warningDays * 86_400 else { return nil }
            let days = Int(((until - now) / 86_400).rounded(.down))
            return PageText.pick(
                "利用期間は \(Self.lastDay(until)) までです（あと\(days)日）。継続はハブの運用者にご相談ください。",
                "Your usage period runs until \(Self.lastDay(until)) (\(days) days left). Ask the hub's operator to continue.")
        case .notStarted(let startsAt):
            return PageText.pick("利用期間は \(JapanTime.date(startsAt)) から始まります。それまで送信できません。", "Your usage period starts on \(JapanTime.date(startsAt)); sending waits until then.")
        case .grace(let endedAt, let graceUntil):
            return PageText.pick(
                "利用期間は \(Self.lastDay(endedAt)) で終わりました。送信はできません。受信は \(Self.lastDay(graceUntil)) までできます。",
                "Your usage period ended with \(Self.lastDay(endedAt)). Sending is refused; receiving stays possible until \(Self.lastDay(graceUntil)).")
        case .ended(let endedAt):
            return PageText.pick(
                "利用期間は \(Self.lastDay(endedAt)) で終わり、受信の猶予期間も過ぎました。", "Your usage period ended with \(Self.lastDay(endedAt)) and its grace period for receiving is over.")
        }
    }

    /// Records a period for `office` from the start of `from` up to the end of `until` (Japan dates), audited as
    /// `licence.add`.
    func add(_ kind: UsagePeriod.Kind, from: String, until: String, note: String, for office: Office, actor: String) async throws -> UsagePeriod {
        guard let start = JapanDate.start(from), let last = JapanDate.start(until) else {
            throw ExchangeError(.malformed, "licence.date", "日付は 2026-12-01 の形で入力してください / give dates as 2026-12-01")
        }
        do {
            return try await self.hub.store.addUsagePeriod(for: office, kind: kind, from: start, until: last + 86_400, note: note, at: self.hub.now(), actor: actor)
        } catch let error as AccountAdminError {
            throw ExchangeError(.malformed, "licence.range", error.description)
        }
    }

    func remove(_ id: Int64, actor: String) async throws {
        guard try await self.hub.store.removeUsagePeriod(id: id, actor: actor) else {
            throw ExchangeError(.notFound, "licence.notFound", "その利用期間はありません / no such usage period")
        }
    }

    /// The last day (Japan time) of a span that ends, exclusively, at `end`.
    static func lastDay(_ end: Double) -> String { JapanTime.date(end - 1) }

    /// Where an office stands, in a table cell: 「利用中（お試し利用、2026-12-31 まで）」.
    static func text(_ standing: UsageStanding) -> String {
        switch standing {
        case .unbound: PageText.pick("期間の定めなし", "No periods (not bound)")
        case .active(let kind, let until): PageText.pick("利用中（\(Self.label(kind))、\(Self.lastDay(until)) まで）", "In use (\(Self.label(kind)), until \(Self.lastDay(until)))")
        case .notStarted(let startsAt): PageText.pick("\(JapanTime.date(startsAt)) から", "From \(JapanTime.date(startsAt))")
        case .grace(_, let graceUntil): PageText.pick("終了（受信は \(Self.lastDay(graceUntil)) まで）", "Ended (receiving until \(Self.lastDay(graceUntil)))")
        case .ended(let endedAt): PageText.pick("終了（\(Self.lastDay(endedAt)) まで）", "Ended (last day \(Self.lastDay(endedAt)))")
        }
    }

    /// 「お試し」 etc.
    static func label(_ kind: UsagePeriod.Kind) -> String {
        switch kind {
        case .trial: PageText.pick("お試し利用", "Trial")
        case .freePass: PageText.pick("フリーパス", "Free pass")
        case .paid: PageText.pick("有償利用", "Paid")
        case .municipal: PageText.pick("自治体の事業", "Municipal programme")
        }
    }
}

// CarePlan Link — CarePlanHub
import CarePlanHubStore

extension Hub {
    /// An office page's header: the inbox's 未読 count (one indexed count) and the usage period's warning (one indexed
    /// read); either goes missing, not the page, when its read fails.
    func officeHeader(_ office: Office) async -> OfficeHeader {
        let unread = (try? await self.store.unreadCount(officeID: office.id)) ?? 0
        return OfficeHeader(office).counting(unread: unread).noting(licence: await LicenceBook(hub: self).notice(for: office))
    }
}

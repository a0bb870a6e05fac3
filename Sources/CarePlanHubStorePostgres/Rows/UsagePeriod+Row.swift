// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `usagePeriod` table (利用期間). The kind is stored as its raw text.
extension UsagePeriod: TableRow {
    static let table = "usagePeriod"
    static let insertColumns = ["officeID", "kind", "startsAt", "endsAt", "note", "createdAt"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), officeID: try row.decode("officeID"), kind: try row.decodeEnum("kind"), startsAt: try row.decode("startsAt"),
            endsAt: try row.decode("endsAt"), note: try row.decode("note"), createdAt: try row.decode("createdAt"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.officeID, self.kind.rawValue, self.startsAt, self.endsAt, self.note, self.createdAt]
    }
}

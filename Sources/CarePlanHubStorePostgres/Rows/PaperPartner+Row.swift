// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `paperPartner` table (ネットワーク外の連携先).
extension PaperPartner: TableRow {
    static let table = "paperPartner"
    static let insertColumns = ["officeID", "number", "serviceType", "name", "fax", "address", "createdAt", "removedAt"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), officeID: try row.decode("officeID"), number: try row.decode("number"), serviceType: try row.decode("serviceType"),
            name: try row.decode("name"), fax: try row.decode("fax"), address: try row.decode("address"), createdAt: try row.decode("createdAt"),
            removedAt: try row.decode("removedAt"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.officeID, self.number, self.serviceType, self.name, self.fax, self.address, self.createdAt, self.removedAt]
    }
}

/// The `paperDelivery` table; the method is its raw text, the users stay sealed as the hub gave them.
extension PaperDelivery: TableRow {
    static let table = "paperDelivery"
    static let insertColumns = ["officeID", "paperPartnerID", "month", "method", "at", "actor", "sealedUsers"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), officeID: try row.decode("officeID"), paperPartnerID: try row.decode("paperPartnerID"),
            month: try row.decode("month"), method: try row.decodeEnum("method"), at: try row.decode("at"), actor: try row.decode("actor"),
            sealedUsers: try row.decode("sealedUsers"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.officeID, self.paperPartnerID, self.month, self.method.rawValue, self.at, self.actor, self.sealedUsers]
    }
}

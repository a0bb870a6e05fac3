// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `paperPartner` table.
extension PaperPartner: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "paperPartner"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), officeID: try row.decode(forColumn: "officeID"), number: try row.decode(forColumn: "number"),
            serviceType: try row.decode(forColumn: "serviceType"), name: try row.decode(forColumn: "name"), fax: try row.decode(forColumn: "fax"),
            address: try row.decode(forColumn: "address"), createdAt: try row.decode(forColumn: "createdAt"), removedAt: try row.decode(forColumn: "removedAt"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["officeID"] = self.officeID
        container["number"] = self.number
        container["serviceType"] = self.serviceType
        container["name"] = self.name
        container["fax"] = self.fax
        container["address"] = self.address
        container["createdAt"] = self.createdAt
        container["removedAt"] = self.removedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}

/// The `paperDelivery` table; the method is its raw text.
extension PaperDelivery: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "paperDelivery"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), officeID: try row.decode(forColumn: "officeID"), paperPartnerID: try row.decode(forColumn: "paperPartnerID"),
            month: try row.decode(forColumn: "month"), method: try row.decodeEnum("method"), at: try row.decode(forColumn: "at"),
            actor: try row.decode(forColumn: "actor"), sealedUsers: try row.decode(forColumn: "sealedUsers"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["officeID"] = self.officeID
        container["paperPartnerID"] = self.paperPartnerID
        container["month"] = self.month
        container["method"] = self.method.rawValue
        container["at"] = self.at
        container["actor"] = self.actor
        container["sealedUsers"] = self.sealedUsers
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}

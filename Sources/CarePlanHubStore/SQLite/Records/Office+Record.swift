// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `office` table.
extension Office: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "office"

    public enum Columns {
        public static let id = Column("id")
        public static let number = Column("number")
        public static let serviceType = Column("serviceType")
    }

    public func encode(to container: inout PersistenceContainer) {
        // The model's "no id yet" is 0; the database assigns one.
        container["id"] = self.id == 0 ? nil : self.id
        container["number"] = self.number
        container["serviceType"] = self.serviceType
        container["name"] = self.name
        container["address"] = self.address
        container["municipalityCode"] = self.municipalityCode
        container["contact"] = self.contact
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}

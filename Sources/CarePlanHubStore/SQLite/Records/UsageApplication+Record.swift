// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `usageApplication` table. The state is stored as its raw text.
extension UsageApplication: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "usageApplication"

    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"), officeNumber: try row.decode(forColumn: "officeNumber"), serviceType: try row.decode(forColumn: "serviceType"),
            officeName: try row.decode(forColumn: "officeName"), address: try row.decode(forColumn: "address"),
            municipalityCode: try row.decode(forColumn: "municipalityCode"), contactName: try row.decode(forColumn: "contactName"),
            contact: try row.decode(forColumn: "contact"), state: try row.decodeEnum("state"), submittedAt: try row.decode(forColumn: "submittedAt"),
            decidedAt: try row.decode(forColumn: "decidedAt"), decidedBy: try row.decode(forColumn: "decidedBy"),
            decisionNote: try row.decode(forColumn: "decisionNote"), officeID: try row.decode(forColumn: "officeID"))
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = self.id == 0 ? nil : self.id
        container["officeNumber"] = self.officeNumber
        container["serviceType"] = self.serviceType
        container["officeName"] = self.officeName
        container["address"] = self.address
        container["municipalityCode"] = self.municipalityCode
        container["contactName"] = self.contactName
        container["contact"] = self.contact
        container["state"] = self.state.rawValue
        container["submittedAt"] = self.submittedAt
        container["decidedAt"] = self.decidedAt
        container["decidedBy"] = self.decidedBy
        container["decisionNote"] = self.decisionNote
        container["officeID"] = self.officeID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { self.id = inserted.rowID }
}

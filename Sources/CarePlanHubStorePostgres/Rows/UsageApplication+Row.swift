// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `usageApplication` table (利用申請). The state is stored as its raw text.
extension UsageApplication: TableRow {
    static let table = "usageApplication"
    static let insertColumns = [
        "officeNumber", "serviceType", "officeName", "address", "municipalityCode", "contactName", "contact", "state", "submittedAt", "decidedAt",
        "decidedBy", "decisionNote", "officeID",
    ]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), officeNumber: try row.decode("officeNumber"), serviceType: try row.decode("serviceType"),
            officeName: try row.decode("officeName"), address: try row.decode("address"), municipalityCode: try row.decode("municipalityCode"),
            contactName: try row.decode("contactName"), contact: try row.decode("contact"), state: try row.decodeEnum("state"),
            submittedAt: try row.decode("submittedAt"), decidedAt: try row.decode("decidedAt"), decidedBy: try row.decode("decidedBy"),
            decisionNote: try row.decode("decisionNote"), officeID: try row.decode("officeID"))
    }

    var insertValues: [any SQLArgumentConvertible] {
        [self.officeNumber, self.serviceType, self.officeName, self.address, self.municipalityCode, self.contactName, self.contact,
         self.state.rawValue, self.submittedAt, self.decidedAt, self.decidedBy, self.decisionNote, self.officeID]
    }

    /// Writes the decision back (the state, who decided when, the note, the office created).
    static let updateSQL = "UPDATE usageApplication SET state = ?, decidedAt = ?, decidedBy = ?, decisionNote = ?, officeID = ? WHERE id = ?"

    var updateValues: [any SQLArgumentConvertible] {
        [self.state.rawValue, self.decidedAt, self.decidedBy, self.decisionNote, self.officeID, self.id]
    }
}

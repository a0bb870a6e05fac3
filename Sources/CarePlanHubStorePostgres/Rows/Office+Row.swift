// CarePlan Link — CarePlanHubStorePostgres
import CarePlanHubStore

/// The `office` table (事業所).
extension Office: TableRow {
    static let table = "office"
    static let insertColumns = ["number", "serviceType", "name", "address", "municipalityCode", "contact"]

    init(sqlRow row: SQLRow) throws {
        self.init(
            id: try row.decode("id"), number: try row.decode("number"), serviceType: try row.decode("serviceType"), name: try row.decode("name"),
            address: try row.decode("address"), municipalityCode: try row.decode("municipalityCode"), contact: try row.decode("contact"))
    }

    var insertValues: [any SQLArgumentConvertible] { [self.number, self.serviceType, self.name, self.address, self.municipalityCode, self.contact] }
}

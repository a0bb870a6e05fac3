// CarePlan Link — CarePlanHubStore
public import GRDB

/// The `unitFile` table; columns are the model's Codable keys. Reading is written out, as for ``ExchangeUnit``.
extension UnitFile: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "unitFile"

    public enum Columns {
        public static let unitID = Column("unitID")
        public static let name = Column("name")
    }

    public init(row: Row) throws {
        self.init(
            unitID: try row.decode(forColumn: "unitID"), name: try row.decode(forColumn: "name"), sha256: try row.decode(forColumn: "sha256"),
            size: try row.decode(forColumn: "size"), kind: try row.decode(forColumn: "kind"),
            downloadedAt: try row.decode(forColumn: "downloadedAt"))
    }
}

// CarePlan Link — CarePlanHubStore
public import CarePlanCSV

/// An office (事業所) registered at the hub: 事業所番号 + サービス種類コード.
public struct Office: Codable, Sendable, Hashable {
    /// Database identifier.
    public var id: Int64
    /// 事業所番号 (10 digits).
    public var number: String
    /// サービス種類コード (2 characters), as in file names.
    public var serviceType: String
    /// 事業所名
    public var name: String
    /// 所在地
    public var address: String
    /// 市区町村コード (the municipality that groups offices).
    public var municipalityCode: String
    /// 連絡先 (phone or e-mail of the person in charge).
    public var contact: String

    public init(id: Int64 = 0, number: String, serviceType: String, name: String, address: String = "", municipalityCode: String = "", contact: String = "") {
        self.id = id
        self.number = number
        self.serviceType = serviceType
        self.name = name
        self.address = address
        self.municipalityCode = municipalityCode
        self.contact = contact
    }

    /// The office as named in file names.
    public var officeID: OfficeID { OfficeID(number: self.number, serviceType: self.serviceType) }
}

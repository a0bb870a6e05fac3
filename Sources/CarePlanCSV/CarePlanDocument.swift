// CarePlan Link — CarePlanCSV

/// A file of any kind as typed records, for JSON conversion (`careplan convert`).
///
/// JSON shape: `{"fileName": "...", "kind": "UPPLAN", "csvVersion": "202407", "records": [{...}, ...]}` where each
/// record's keys are the English identifiers of ``FieldSpec/identifier``.
public struct CarePlanDocument: Codable, Sendable {
    public var fileName: String?
    public var kind: FileKind
    public var csvVersion: CSVVersion
    public var records: [any CarePlanRecord]

    public init(fileName: String?, kind: FileKind, csvVersion: CSVVersion, records: [any CarePlanRecord]) {
        self.fileName = fileName
        self.kind = kind
        self.csvVersion = csvVersion
        self.records = records
    }

    private enum CodingKeys: String, CodingKey { case fileName, kind, csvVersion, records }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.fileName = try container.decodeIfPresent(String.self, forKey: .fileName)
        self.kind = try container.decode(FileKind.self, forKey: .kind)
        self.csvVersion = try container.decodeIfPresent(CSVVersion.self, forKey: .csvVersion) ?? .current
        guard let type = self.kind.recordType else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "\(self.kind.prefix) has no CSV records")
        }
        func decodeRecords<Record: CarePlanRecord>(_: Record.Type) throws -> [any CarePlanRecord] {
            try container.decode([Record].self, forKey: .records)
        }
        self.records = try decodeRecords(type)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(self.fileName, forKey: .fileName)
        try container.encode(self.kind, forKey: .kind)
        try container.encode(self.csvVersion, forKey: .csvVersion)
        var list = container.nestedUnkeyedContainer(forKey: .records)
        for record in self.records { try list.encode(record) }
    }

    /// Validates and decodes a file of any kind.
    public static func read(bytes: [UInt8], fileName: String) throws(ValidationFailure) -> CarePlanDocument {
        let (document, report) = Self.validateAndRead(bytes: bytes, fileName: fileName)
        guard let document else { throw ValidationFailure(report: report) }
        return document
    }

    /// Validates a file and decodes it when its only errors are of `tolerated` rules (a tool that repairs exactly those,
    /// e.g. the split dropping services out of scope); nil otherwise. The report is the validator's, errors included.
    public static func read(bytes: [UInt8], fileName: String, tolerating tolerated: Set<Rule>) -> (document: CarePlanDocument?, report: FileReport) {
        let report = FileValidator.validate(bytes: bytes, fileName: fileName)
        let errors = report.diagnostics.filter { $0.severity == .error }
        guard errors.allSatisfy({ tolerated.contains($0.rule) }), let kind = report.name?.kind, let type = kind.recordType else { return (nil, report) }
        let version = report.summary.version ?? .current
        func decode<Record: CarePlanRecord>(_: Record.Type) -> [any CarePlanRecord] {
            CarePlanCSVReader.decodeRecords(Record.self, bytes: bytes, version: version)
        }
        return (CarePlanDocument(fileName: fileName, kind: kind, csvVersion: version, records: decode(type)), report)
    }

    /// Validates a file and decodes it when it is valid; the report also serves the send-unit checks
    /// (``SendUnitValidator``), so that a unit is validated without reading its files twice. An importer passes
    /// ``ValidationProfile/receive``.
    public static func validateAndRead(
        bytes: [UInt8], fileName: String, profile: ValidationProfile = .send
    ) -> (document: CarePlanDocument?, report: FileReport) {
        let report = FileValidator.validate(bytes: bytes, fileName: fileName, profile: profile)
        guard report.isValid, let kind = report.name?.kind, let type = kind.recordType else { return (nil, report) }
        let version = report.summary.version ?? .current
        func decode<Record: CarePlanRecord>(_: Record.Type) -> [any CarePlanRecord] {
            CarePlanCSVReader.decodeRecords(Record.self, bytes: bytes, version: version)
        }
        var document = CarePlanDocument(fileName: fileName, kind: kind, csvVersion: version, records: decode(type))
        if report.diagnostics.contains(where: { $0.rule == .fullWidthDash }) { document.normalizeEquipmentCodes() }
        return (document, report)
    }

    /// TAIS / 届出 codes read with the full-width dash (tolerated when receiving) become the 12-byte form with the
    /// ASCII hyphen, so that what is stored compares equal to, and can be written as, a conformant code.
    mutating func normalizeEquipmentCodes() {
        func normalized(_ code: String?) -> String? { code.map { $0.replacingAll("－", with: "-") } }
        self.records = self.records.map { record in
            switch record {
            case var row as ServiceUsePlanRecord:
                (row.taisCode, row.welfareEquipmentNotificationCode) = (normalized(row.taisCode), normalized(row.welfareEquipmentNotificationCode))
                return row
            case var row as ServiceResultsRecord:
                (row.taisCode, row.welfareEquipmentNotificationCode) = (normalized(row.taisCode), normalized(row.welfareEquipmentNotificationCode))
                return row
            case var row as ServiceUseAnnexRecord:
                (row.taisCode, row.welfareEquipmentNotificationCode) = (normalized(row.taisCode), normalized(row.welfareEquipmentNotificationCode))
                return row
            default:
                return record
            }
        }
    }

    /// Writes the records in the current CSV version.
    public func write(
        substitution: MS932SubstitutionPolicy = .strict, codes: MS932CodeChoice = .necSelected
    ) throws(CarePlanCSVWriter.WriteError) -> CarePlanCSVWriter.Output {
        let layout = FileLayout.current(self.kind)
        var output = CarePlanCSVWriter.Output(bytes: [], substitutions: [])
        for (index, record) in self.records.enumerated() {
            try CarePlanCSVWriter.appendRecord(record.fieldTexts, layout: layout, row: index + 1, substitution: substitution, codes: codes, to: &output)
        }
        return output
    }
}

extension FileKind {
    /// The typed record of this kind (nil for the family image).
    public var recordType: (any CarePlanRecord.Type)? {
        switch self {
        case .supplementaryUserInfo: SupplementaryUserInfoRecord.self
        case .carePlanTable1: CarePlanTable1Record.self
        case .carePlanTable1Deletion: CarePlanTable1DeletionRecord.self
        case .carePlanTable2: CarePlanTable2Record.self
        case .weeklyScheduleTable3: WeeklyScheduleTable3Record.self
        case .serviceUsePlan: ServiceUsePlanRecord.self
        case .serviceUsePlanDeletion: ServiceUsePlanDeletionRecord.self
        case .serviceUseAnnex: ServiceUseAnnexRecord.self
        case .serviceResults: ServiceResultsRecord.self
        case .serviceResultsDeletion: ServiceResultsDeletionRecord.self
        case .basicUserInfo: BasicUserInfoRecord.self
        case .basicUserInfoDailySchedule: BasicUserInfoDailyScheduleRecord.self
        case .basicUserInfoMedicalHistory: BasicUserInfoMedicalHistoryRecord.self
        case .basicUserInfoFamilyImage: nil
        case .basicUserInfoDeletion: BasicUserInfoDeletionRecord.self
        case .preventionPlan: PreventionPlanRecord.self
        case .preventionPlanSupportDetails: PreventionPlanSupportDetailsRecord.self
        case .preventionPlanDeletion: PreventionPlanDeletionRecord.self
        }
    }
}

extension String {
    /// Every `target` character replaced by `replacement` (the library does without Foundation).
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(self.map { $0 == target ? replacement : $0 })
    }
}

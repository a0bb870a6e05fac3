// CarePlan Link — CarePlanAnalysis
public import CarePlanCSV

/// Splits one combined file set (software that writes every provider's 第6表・第7表 into one set) into one send unit
/// per recipient, as spec §6 says: one file per recipient office and サービス種類; only the users related to that
/// recipient (a row of theirs names it); each such user's rows whole, every provider's, as printed on the form;
/// services out of the exchange's scope dropped; the 補足 and the care plan (第1〜3表) of those users with them. A user
/// whose services are all out of scope goes nowhere.
public enum UnitSplitter {
    /// One recipient's unit.
    public struct Unit: Sendable {
        public var recipient: OfficeID
        /// The files (name and MS932 bytes), as the spec names them.
        public var files: [(name: String, bytes: [UInt8])]
        /// 被保険者番号 of the users in it.
        public var users: [String]
    }

    public struct Result: Sendable {
        public var units: [Unit]
        /// Users of the set that no recipient gets (all their services out of scope, or none).
        public var unplaced: [String]
        /// Rows dropped as out of scope.
        public var droppedRows: Int
    }

    public struct SplitError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The kinds a split carries; a set with anything else (deletions, 実績, 介護予防 files, images) is refused.
    static let splittable: Set<FileKind> = [.serviceUsePlan, .serviceUseAnnex, .supplementaryUserInfo, .carePlanTable1, .carePlanTable2, .weeklyScheduleTable3]

    public static func split(_ files: [(name: String, bytes: [UInt8])]) throws -> Result {
        var parsed: [(name: CarePlanFileName, document: CarePlanDocument)] = []
        for file in files {
            let name: CarePlanFileName
            do { name = try CarePlanFileName(parsing: file.name) } catch {
                throw SplitError(description: "仕様のファイル名ではありません: \(file.name) / not a spec file name")
            }
            guard Self.splittable.contains(name.kind) else {
                throw SplitError(
                    description: "\(name.kind.japaneseName) は分割できません（第1〜3表・第6表・第7表・補足のみ） / \(file.name): only 第1〜3表, 第6表, 第7表 and 補足 are split")
            }
            parsed.append((name, try Self.read(file, kind: name.kind)))
        }
        guard let first = parsed.first else { throw SplitError(description: "ファイルがありません / no files") }
        guard parsed.allSatisfy({ $0.name.sender == first.name.sender && $0.name.timestamp == first.name.timestamp }) else {
            throw SplitError(description: "送信元とファイル連番が同じファイルだけを分割できます / the files must share sender and ファイル連番")
        }
        guard parsed.contains(where: { $0.name.kind == .serviceUsePlan }) else {
            throw SplitError(description: "分割には第6表（UPPLAN）が必要です：送信先は第6表の行で決まります / a 第6表 is needed: its rows name the recipients")
        }

        // Who serves whom: the in-scope rows of the 第6表 and 第7表.
        var recipientsOfUser: [String: Set<OfficeID>] = [:]
        func inScope(_ serviceCode: String) -> Bool {
            guard let type = ServiceType.named(String(serviceCode.prefix(2))) else { return true }  // totals (999999), 小計 rows
            return type.isExchanged
        }
        for (_, document) in parsed {
            for record in document.records {
                let user = Self.user(record)
                if let row = record as? ServiceUsePlanRecord, inScope(row.serviceCode) {
                    recipientsOfUser[user, default: []].insert(OfficeID(number: row.providerOfficeCode, serviceType: String(row.serviceCode.prefix(2))))
                }
                if let row = record as? ServiceUseAnnexRecord, inScope(row.serviceCode), ServiceType.named(String(row.serviceCode.prefix(2))) != nil {
                    recipientsOfUser[user, default: []].insert(OfficeID(number: row.providerOfficeCode, serviceType: String(row.serviceCode.prefix(2))))
                }
            }
        }
        let everyone = Set(parsed.flatMap { $0.document.records.map(Self.user) })
        let recipients = Set(recipientsOfUser.values.flatMap { $0 }).sorted()
        var units: [Unit] = []
        for recipient in recipients {
            let users = Set(recipientsOfUser.filter { $0.value.contains(recipient) }.keys)
            var out: [(name: String, bytes: [UInt8])] = []
            for (name, document) in parsed {
                var records: [any CarePlanRecord] = []
                for record in document.records where users.contains(Self.user(record)) {
                    if let row = record as? ServiceUsePlanRecord, !inScope(row.serviceCode) { continue }
                    if let row = record as? ServiceUseAnnexRecord, !inScope(row.serviceCode) { continue }
                    records.append(record)
                }
                guard !records.isEmpty else { continue }
                var renamed = name
                renamed.recipient = recipient
                let part = CarePlanDocument(fileName: renamed.description, kind: document.kind, csvVersion: document.csvVersion, records: records)
                do {
                    out.append((renamed.description, try part.write().bytes))
                } catch {
                    throw SplitError(description: "\(renamed.description) を書けません / cannot write: \(error)")
                }
            }
            units.append(Unit(recipient: recipient, files: out, users: users.map { String($0.split(separator: "-").last ?? "") }.sorted()))
        }
        let droppedRows = parsed.flatMap(\.document.records).filter { record in
            if let row = record as? ServiceUsePlanRecord { return !inScope(row.serviceCode) }
            if let row = record as? ServiceUseAnnexRecord { return !inScope(row.serviceCode) }
            return false
        }.count
        let unplaced = everyone.subtracting(recipientsOfUser.keys).map { String($0.split(separator: "-").last ?? "") }.sorted()
        return Result(units: units, unplaced: unplaced, droppedRows: droppedRows)
    }

    /// Reads a file of the set: valid, or invalid only because it holds services out of scope (which the split drops;
    /// every other problem refuses the set).
    private static func read(_ file: (name: String, bytes: [UInt8]), kind: FileKind) throws -> CarePlanDocument {
        let (document, report) = CarePlanDocument.read(bytes: file.bytes, fileName: file.name, tolerating: [.serviceTypeNotExchanged])
        guard let document else {
            let errors = report.diagnostics.filter { $0.severity == .error && $0.rule != .serviceTypeNotExchanged }
            let first = errors.first.map { " — \($0.messageJA)" } ?? ""
            throw SplitError(description: "\(file.name): \(errors.count)件のエラー\(first) / \(errors.count) error(s); only valid sets are split")
        }
        return document
    }

    /// 保険者番号-被保険者番号: the first two items of every layout.
    private static func user(_ record: any CarePlanRecord) -> String {
        let texts = record.fieldTexts
        return texts.count >= 2 ? texts[0] + "-" + texts[1] : ""
    }
}

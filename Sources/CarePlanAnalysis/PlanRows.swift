// CarePlan Link — CarePlanAnalysis
public import CarePlanCSV

/// One user's rows of a unit of one family (a 第6表 and its 別表, or a 実績), between two offices: what
/// ``Reconciliation`` compares. The office side builds it from its applied versions, the hub from the files it holds.
public struct PlanRows: Sendable {
    /// 送信元 `事業所番号_種類`
    public var sender: String
    /// 送信先 `事業所番号_種類`
    public var recipient: String
    /// 保険者番号
    public var insurerNumber: String
    /// 被保険者番号
    public var insuredNumber: String
    /// The user's rows, one document per file.
    public var documents: [CarePlanDocument]

    public init(sender: String, recipient: String, insurerNumber: String, insuredNumber: String, documents: [CarePlanDocument]) {
        self.sender = sender
        self.recipient = recipient
        self.insurerNumber = insurerNumber
        self.insuredNumber = insuredNumber
        self.documents = documents
    }

    /// 利用者氏名 from 利用者補足情報, when the rows carry it.
    public var userName: String? {
        for document in self.documents {
            for record in document.records {
                if let row = record as? SupplementaryUserInfoRecord { return row.userName }
            }
        }
        return nil
    }

    /// All records of one type across the documents.
    public func records<Record: CarePlanRecord>(_ type: Record.Type) -> [Record] {
        self.documents.filter { $0.kind == Record.kind }.flatMap { $0.records.compactMap { $0 as? Record } }
    }
}

extension PlanRows {
    /// The documents of one unit between `sender` and `recipient`, split per user (保険者番号 + 被保険者番号, the first
    /// two items of every layout), in the users' order.
    public static func split(_ documents: [CarePlanDocument], sender: String, recipient: String) -> [PlanRows] {
        var order: [String] = []
        var byUser: [String: (insurer: String, insured: String, documents: [CarePlanDocument])] = [:]
        for document in documents {
            var records: [String: [any CarePlanRecord]] = [:]
            for record in document.records {
                let texts = record.fieldTexts
                guard texts.count >= 2 else { continue }
                let key = texts[0] + "-" + texts[1]
                if byUser[key] == nil {
                    byUser[key] = (texts[0], texts[1], [])
                    order.append(key)
                }
                records[key, default: []].append(record)
            }
            for (key, rows) in records {
                byUser[key]?.documents.append(CarePlanDocument(fileName: document.fileName, kind: document.kind, csvVersion: document.csvVersion, records: rows))
            }
        }
        return order.sorted().compactMap { key in
            byUser[key].map { PlanRows(sender: sender, recipient: recipient, insurerNumber: $0.insurer, insuredNumber: $0.insured, documents: $0.documents) }
        }
    }
}

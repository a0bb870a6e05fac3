// CarePlan Link — CarePlanAnalysis
public import CarePlanCSV

/// What changed between two versions of a user's plan: goals, services, days and units, in the words of the forms.
/// The answer to 「最新のケアプランが反映されているか」.
public struct PlanDiff: Sendable {
    public var changes: [Change]

    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case added = "追加"
            case removed = "削除"
            case changed = "変更"
        }

        public var kind: Kind
        /// The form, e.g. 第2表 居宅サービス計画書(2).
        public var table: String
        /// Which row: e.g. 課題1-目標1-援助2, or a service and its times.
        public var subject: String
        /// Field-level details: (項目名, before, after).
        public var fields: [FieldChange]

        public var description: String {
            var text = "[\(self.kind.rawValue)] \(self.table) \(self.subject)"
            for field in self.fields { text += "\n    \(field.name): \(field.before.isEmpty ? "（なし）" : field.before) → \(field.after.isEmpty ? "（なし）" : field.after)" }
            return text
        }
    }

    public struct FieldChange: Sendable, Hashable {
        public var name: String
        public var before: String
        public var after: String

        public init(name: String, before: String, after: String) {
            self.name = name
            self.before = before
            self.after = after
        }
    }

    /// Compares two versions (the older first). Either may be empty (a deletion).
    public static func compare(_ old: [CarePlanDocument], _ new: [CarePlanDocument]) -> PlanDiff {
        var changes: [Change] = []
        let kinds = Set(old.map(\.kind) + new.map(\.kind)).sorted()
        for kind in kinds {
            let before = old.filter { $0.kind == kind }.flatMap(\.records)
            let after = new.filter { $0.kind == kind }.flatMap(\.records)
            switch kind {
            case .serviceUsePlan, .serviceResults:
                changes += Self.compareDays(kind, before, after)
            default:
                changes += Self.compareRows(kind, before, after)
            }
        }
        return PlanDiff(changes: changes)
    }

    // MARK: Rows with an identity: field-by-field

    /// The identity of a row within its key, when the form has one (else rows are compared as a whole).
    static func identity(_ record: any CarePlanRecord) -> String? {
        switch record {
        case is CarePlanTable1Record, is SupplementaryUserInfoRecord, is BasicUserInfoRecord, is PreventionPlanRecord:
            return "（1行）"
        case let row as CarePlanTable2Record:
            return "課題\(row.issueNumber.map(String.init) ?? "-")-目標\(row.goalNumber.map(String.init) ?? "-")-援助\(row.assistanceContentNumber.map(String.init) ?? "-")"
        case let row as ServiceUseAnnexRecord:
            return "事業所\(row.providerOfficeCode) サービスコード\(row.serviceCode)"
        default:
            return nil
        }
    }

    private static func compareRows(_ kind: FileKind, _ before: [any CarePlanRecord], _ after: [any CarePlanRecord]) -> [Change] {
        let layout = FileLayout.current(kind)
        let table = kind.japaneseName
        var changes: [Change] = []
        // Rows with an identity: matched by it. (Duplicate identities, which validation reports, fall back to the whole row.)
        var oldByID: [String: any CarePlanRecord] = [:]
        var newByID: [String: any CarePlanRecord] = [:]
        var oldRest: [[String]] = []
        var newRest: [[String]] = []
        for record in before {
            if let id = identity(record), oldByID[id] == nil { oldByID[id] = record } else { oldRest.append(record.fieldTexts) }
        }
        for record in after {
            if let id = identity(record), newByID[id] == nil { newByID[id] = record } else { newRest.append(record.fieldTexts) }
        }
        for id in Set(oldByID.keys).union(newByID.keys).sorted() {
            switch (oldByID[id], newByID[id]) {
            case (nil, let added?):
                changes.append(Change(kind: .added, table: table, subject: id, fields: Self.fields(layout, [], added.fieldTexts)))
            case (let removed?, nil):
                changes.append(Change(kind: .removed, table: table, subject: id, fields: Self.fields(layout, removed.fieldTexts, [])))
            case (let old?, let new?):
                let fields = Self.fields(layout, old.fieldTexts, new.fieldTexts)
                if !fields.isEmpty { changes.append(Change(kind: .changed, table: table, subject: id, fields: fields)) }
            default:
                break
            }
        }
        // Rows without an identity (第3表, 別表…): a multiset difference of whole rows.
        var remaining = newRest
        for row in oldRest {
            if let index = remaining.firstIndex(of: row) {
                remaining.remove(at: index)
            } else {
                changes.append(Change(kind: .removed, table: table, subject: Self.summary(layout, row), fields: []))
            }
        }
        for row in remaining { changes.append(Change(kind: .added, table: table, subject: Self.summary(layout, row), fields: [])) }
        return changes
    }

    /// Fields that differ, skipping the key columns and those the spec marks unused (識別子).
    private static func fields(_ layout: FileLayout, _ old: [String], _ new: [String]) -> [FieldChange] {
        var result: [FieldChange] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : ""
            let after = index < new.count ? new[index] : ""
            guard before != after, index + 1 < layout.fields.count else { continue }
            let spec = layout.fields[index + 1]
            if spec.number <= 3 || spec.name.hasPrefix("識別子") { continue }
            result.append(FieldChange(name: spec.name, before: before, after: after))
        }
        return result
    }

    /// A short label for a row without identity: its first few non-key, non-empty fields.
    private static func summary(_ layout: FileLayout, _ texts: [String]) -> String {
        var parts: [String] = []
        for (index, text) in texts.enumerated() where !text.isEmpty && index + 1 < layout.fields.count && layout.fields[index + 1].number > 4 {
            parts.append("\(layout.fields[index + 1].name)=\(text)")
            if parts.count == 4 { break }
        }
        return parts.joined(separator: " ")
    }

    // MARK: 第6表・実績: days per service

    private static func compareDays(_ kind: FileKind, _ before: [any CarePlanRecord], _ after: [any CarePlanRecord]) -> [Change] {
        let old = ServiceDays.group(before)
        let new = ServiceDays.group(after)
        var changes: [Change] = []
        for slot in Set(old.keys).union(new.keys).sorted() {
            let oldDays = old[slot] ?? [:]
            let newDays = new[slot] ?? [:]
            if oldDays == newDays { continue }
            let kindOfChange: Change.Kind = oldDays.isEmpty ? .added : (newDays.isEmpty ? .removed : .changed)
            var fields: [FieldChange] = []
            let added = Set(newDays.keys).subtracting(oldDays.keys).sorted()
            let removed = Set(oldDays.keys).subtracting(newDays.keys).sorted()
            if !added.isEmpty { fields.append(FieldChange(name: "追加された日", before: "", after: added.map(String.init).joined(separator: ","))) }
            if !removed.isEmpty { fields.append(FieldChange(name: "なくなった日", before: removed.map(String.init).joined(separator: ","), after: "")) }
            for day in Set(oldDays.keys).intersection(newDays.keys).sorted() where oldDays[day] != newDays[day] {
                fields.append(FieldChange(name: "\(day)日の回数", before: String(oldDays[day]!), after: String(newDays[day]!)))
            }
            changes.append(Change(kind: kindOfChange, table: kind.japaneseName, subject: slot.description, fields: fields))
        }
        return changes
    }
}

/// A service slot of 第6表 or 実績: provider, service code and times; with the days it is used and the count per day.
struct ServiceSlot: Hashable, Comparable, CustomStringConvertible {
    /// サービス事業者コード
    let providerOfficeCode: String
    /// サービスコード
    let serviceCode: String
    /// 開始時刻 / 終了時刻 (9999 = 時間なし)
    let start: String
    let end: String

    var serviceTypeCode: String { String(self.serviceCode.prefix(2)) }

    var description: String {
        let times = self.start == "9999" ? "時間指定なし" : "\(self.start.prefix(2)):\(self.start.suffix(2))–\(self.end.prefix(2)):\(self.end.suffix(2))"
        return "事業所\(self.providerOfficeCode) サービスコード\(self.serviceCode) \(times)"
    }

    static func < (lhs: ServiceSlot, rhs: ServiceSlot) -> Bool {
        (lhs.providerOfficeCode, lhs.serviceCode, lhs.start, lhs.end) < (rhs.providerOfficeCode, rhs.serviceCode, rhs.start, rhs.end)
    }
}

enum ServiceDays {
    /// Slot → day of month → count (サービス提供回数). 第6表 and 実績 share the layout.
    static func group(_ records: [any CarePlanRecord]) -> [ServiceSlot: [Int: Int]] {
        var result: [ServiceSlot: [Int: Int]] = [:]
        for record in records {
            let row: (String, String, ServiceTime, ServiceTime, CalendarDate, Int)
            switch record {
            case let plan as ServiceUsePlanRecord:
                row = (plan.providerOfficeCode, plan.serviceCode, plan.serviceStartTime, plan.serviceEndTime, plan.serviceDate, plan.serviceCount)
            case let results as ServiceResultsRecord:
                row = (results.providerOfficeCode, results.serviceCode, results.serviceStartTime, results.serviceEndTime, results.serviceDate, results.serviceCount)
            default:
                continue
            }
            let slot = ServiceSlot(providerOfficeCode: row.0, serviceCode: row.1, start: row.2.description, end: row.3.description)
            result[slot, default: [:]][row.4.day, default: 0] += row.5
        }
        return result
    }
}

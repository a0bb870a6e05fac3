// CarePlan Link — CarePlanCSV
// 送信単位: the files one office sends to one partner with one ファイル連番, checked together (spec §4).

/// The result of checking one send unit.
public struct SendUnitReport: Sendable {
    public let key: SendUnitKey
    /// File names in the unit, sorted.
    public let files: [String]
    /// The spec's name of the combination, e.g. 「居宅① 第1・2・3表＋補足」, when recognised.
    public let pattern: String?
    /// Problems that concern the unit as a whole.
    public let diagnostics: [Diagnostic]

    public var isValid: Bool { !self.diagnostics.contains { $0.severity == .error } }
}

/// Checks the composition and cross-file consistency of send units.
public enum SendUnitValidator {
    /// Groups `reports` by send unit (sender, recipient, timestamp) and checks each unit. Files whose names did not
    /// parse belong to no unit and are skipped.
    public static func validate(_ reports: [FileReport]) -> [SendUnitReport] {
        let units = Dictionary(grouping: reports.filter { $0.name != nil }) { $0.name!.sendUnitKey }
        return units.keys.sorted().map { Self.validateUnit(key: $0, files: units[$0]!) }
    }

    /// The errors that refuse a unit made of these files: every file's own errors and the units' composition errors.
    /// The hub, the client's send and import, and `careplan validate` refuse on exactly this list.
    public static func errors(of reports: [FileReport]) -> [Diagnostic] {
        Self.errors(files: reports, unit: Self.validate(reports))
    }

    /// ``errors(of:)`` when the unit reports are already at hand.
    public static func errors(files reports: [FileReport], unit units: [SendUnitReport]) -> [Diagnostic] {
        (reports.flatMap(\.diagnostics) + units.flatMap(\.diagnostics)).filter { $0.severity == .error }
    }

    private static func validateUnit(key: SendUnitKey, files: [FileReport]) -> SendUnitReport {
        var diagnostics: [Diagnostic] = []
        func add(_ severity: Diagnostic.Severity, _ rule: Rule, file: String? = nil, row: Int? = nil, value: String? = nil, ja: String, en: String) {
            diagnostics.append(Diagnostic(severity, rule, file: file, row: row, value: value, ja: ja, en: en))
        }
        let images = files.filter { $0.name!.kind.isImage }
        let csvFiles = files.filter { !$0.name!.kind.isImage }
        var byKind: [FileKind: FileReport] = [:]
        for file in csvFiles.sorted(by: { $0.file < $1.file }) {
            let kind = file.name!.kind
            if let first = byKind[kind] {
                add(.error, .unitDuplicateKind, file: file.file, ja: "同じ送信単位に\(kind.prefix)が複数あります（\(first.file)）", en: "a second \(kind.prefix) file in the unit (first: \(first.file))")
                if CarePlanFileName.copySuffix(of: file.file.stem) != nil || CarePlanFileName.copySuffix(of: first.file.stem) != nil {
                    // The browser numbered a second file of the same name: the software wrote one file per user under one
                    // ファイル連番.
                    diagnostics[diagnostics.count - 1] = diagnostics[diagnostics.count - 1].hinted(
                        "同じ名前のファイルを保存したためブラウザーが「 (1)」を付けています。ケアソフトが利用者ごとに同じファイル連番でファイルを書き出しています。1つのファイルにまとめるか、ファイル連番（秒）を分けて出力してください",
                        "a browser numbered a second file of the same name: the software writes one file per user under one ファイル連番; write one file, or give each its own ファイル連番")
                }
            } else {
                byKind[kind] = file
            }
        }
        let kinds = Set(byKind.keys)
        let (pattern, allowed, expected) = Self.pattern(for: kinds)
        if let pattern {
            for kind in kinds.subtracting(allowed).sorted() {
                add(.error, .unitComposition, file: byKind[kind]?.file, ja: "\(kind.prefix)は「\(pattern)」の送信単位に含められません", en: "\(kind.prefix) does not belong in a \(pattern) unit")
            }
            let version4 = byKind.values.allSatisfy { !($0.summary.version?.isVersion3Family ?? false) }
            // The members the spec lists for the combination travel together (§4): a 第6表 without its 第7表 and 補足 is
            // not a 居宅② unit. 3.x units keep the 3.x composition (no 第3表).
            for kind in expected.subtracting(kinds).sorted() where version4 || !kind.isNewInVersion4 {
                add(
                    .error, .unitComposition, value: kind.prefix, ja: "「\(pattern)」の送信単位に必須の\(kind.prefix)（\(kind.japaneseName)）がありません",
                    en: "the \(pattern) unit lacks its mandatory \(kind.prefix) file (\(kind.japaneseName))")
            }
        } else if !kinds.isEmpty {
            add(
                .error, .unitComposition, value: kinds.map(\.prefix).sorted().joined(separator: "+"),
                ja: "親となるファイル（第1表・第6表・実績・基本情報・支援計画書・削除）がない送信単位です", en: "the unit has no parent file (第1表, 第6表, 実績, 基本情報, 支援計画書 or a delete file)")
        } else if !images.isEmpty {
            add(.error, .unitComposition, ja: "画像だけの送信単位です", en: "the unit holds only images")
        }

        // Dependent rows need their parent row in the same unit.
        let parents: [(child: FileKind, parent: FileKind)] = [
            (.carePlanTable2, .carePlanTable1), (.weeklyScheduleTable3, .carePlanTable1), (.serviceUseAnnex, .serviceUsePlan),
            (.basicUserInfoDailySchedule, .basicUserInfo), (.basicUserInfoMedicalHistory, .basicUserInfo),
            (.preventionPlanSupportDetails, .preventionPlan),
        ]
        var links = parents
        if let supplement = byKind[.supplementaryUserInfo] {
            links.append((.supplementaryUserInfo, supplement.name?.month == .unlinked ? .carePlanTable1 : .serviceUsePlan))
        }
        for (childKind, parentKind) in links {
            guard let child = byKind[childKind], let parent = byKind[parentKind] else { continue }
            let orphans = child.summary.referencedKeys.filter { !parent.summary.definedKeys.contains($0.key) }.sorted { $0.value < $1.value }
            // The parent's rows with a wrong key are reported in the parent; which of them a child row meant cannot be
            // known, so the children of those users (of any user, when a wrong row's user cannot be read) are not blamed.
            let excused = orphans.filter { key, _ in
                parent.summary.hasUnplacedRows || parent.summary.brokenKeyUsers.contains("\(key.insurerNumber)-\(key.insuredNumber)")
            }
            if let first = excused.first {
                add(
                    .warning, .unitOrphanRow, file: child.file, row: first.value,
                    ja: "\(parentKind.prefix)のキー項目にエラーがある行が\(parent.summary.rowsWithBrokenKeys)行あるため、対応する行を確かめられない行が\(excused.count)行あります（\(parentKind.prefix)のエラーを直すと検査されます）",
                    en: "\(excused.count) row(s) could not be matched because \(parent.summary.rowsWithBrokenKeys) \(parentKind.prefix) row(s) have errors in their key items; fix those first")
            }
            let excusedKeys = Set(excused.map(\.key))
            let blamed = orphans.filter { !excusedKeys.contains($0.key) }
            for (key, row) in blamed.prefix(20) {
                add(
                    .error, .unitOrphanRow, file: child.file, row: row, value: key.description,
                    ja: "\(parentKind.prefix)に対応する行（保険者番号・被保険者番号・\(parentKind == .serviceUsePlan ? "対象年月" : "作成日")）がありません",
                    en: "no matching \(parentKind.prefix) row in the unit")
            }
        }

        // One service month across 第6表, 第7表 and their 補足.
        if let plan = byKind[.serviceUsePlan], let month = plan.name?.month {
            for kind in [FileKind.serviceUseAnnex, .supplementaryUserInfo] {
                if let other = byKind[kind], let otherMonth = other.name?.month, otherMonth != month {
                    add(.error, .unitMonthMismatch, file: other.file, value: otherMonth.description, ja: "第6表の対象年月（\(month)）と異なります", en: "differs from 第6表's month (\(month))")
                }
            }
        }
        if let supplement = byKind[.supplementaryUserInfo], kinds.contains(.carePlanTable1), supplement.name?.month != .unlinked {
            add(.error, .unitMonthMismatch, file: supplement.file, ja: "第1・2・3表と送る補足の提供年月は000000です", en: "a UPHOSOKU sent with 第1・2・3表 has month 000000")
        }

        // Family images.
        let imageNames = Set(images.map(\.file))
        if let basic = byKind[.basicUserInfo] {
            for (image, row) in basic.summary.referencedImages.sorted(by: { $0.value < $1.value }) where !imageNames.contains(image) {
                add(.error, .unitImageMissing, file: basic.file, row: row, value: image, ja: "参照している家族構成画像が送信単位にありません", en: "the referenced family image is not in the unit")
            }
        }
        let referenced = Set(byKind[.basicUserInfo]?.summary.referencedImages.keys.map { $0 } ?? [])
        for image in images where !referenced.contains(image.file) {
            add(.warning, .unitImageUnreferenced, file: image.file, ja: "どの利用者基本情報からも参照されていない画像です", en: "no UPKIHON row references this image")
        }

        let versions = Set(csvFiles.compactMap(\.summary.version))
        if versions.count > 1 {
            add(.warning, .unitMixedVersions, value: versions.map(\.rawValue).sorted().joined(separator: ","), ja: "送信単位内でCSVバージョンが混在しています", en: "CSV versions differ within the unit")
        }
        return SendUnitReport(key: key, files: files.map(\.file).sorted(), pattern: pattern, diagnostics: diagnostics)
    }

    /// The spec's combination a set of kinds belongs to: its name, the kinds allowed in it, and the members it must have
    /// besides its parent.
    static func pattern(for kinds: Set<FileKind>) -> (name: String?, allowed: Set<FileKind>, expected: Set<FileKind>) {
        let alone: [(FileKind, String)] = [
            (.carePlanTable1Deletion, "居宅③ 第1表削除"), (.serviceUsePlanDeletion, "居宅④/予防(7) 第6表予定削除"),
            (.serviceResults, "実績"), (.serviceResultsDeletion, "実績削除"), (.basicUserInfoDeletion, "予防(5) 基本情報削除"),
            (.preventionPlanDeletion, "予防(6) 支援計画書削除"),
        ]
        for (kind, name) in alone where kinds.contains(kind) { return (name, [kind], []) }
        if kinds.contains(.carePlanTable1) {
            return ("居宅① 第1・2・3表＋補足", [.carePlanTable1, .carePlanTable2, .weeklyScheduleTable3, .supplementaryUserInfo],
                    [.carePlanTable2, .weeklyScheduleTable3, .supplementaryUserInfo])
        }
        if kinds.contains(.serviceUsePlan) {
            return ("居宅②/予防(4) 第6・7表＋補足", [.serviceUsePlan, .serviceUseAnnex, .supplementaryUserInfo], [.serviceUseAnnex, .supplementaryUserInfo])
        }
        let basic: Set<FileKind> = [.basicUserInfo, .basicUserInfoDailySchedule, .basicUserInfoMedicalHistory, .basicUserInfoFamilyImage]
        let plan: Set<FileKind> = [.preventionPlan, .preventionPlanSupportDetails]
        switch (kinds.contains(.basicUserInfo), kinds.contains(.preventionPlan)) {
        case (true, true): return ("予防(2) 支援計画書＋基本情報", basic.union(plan), [.basicUserInfoDailySchedule, .basicUserInfoMedicalHistory, .preventionPlanSupportDetails])
        case (true, false): return ("予防(1) 基本情報", basic, [.basicUserInfoDailySchedule, .basicUserInfoMedicalHistory])
        case (false, true): return ("予防(3) 支援計画書", plan, [.preventionPlanSupportDetails])
        case (false, false): return (nil, [], [])
        }
    }
}

// CarePlan Link — CarePlanCSV

extension ConformanceReport {
    /// The report for people, Japanese first then English after ` / `: the verdict, a block per pattern (status, units,
    /// missing kinds, problems by rule) and the unassigned files.
    ///
    /// Status marks: `OK` passed, `NG` required and not passed, `--` not present and not required, `注意` present but not
    /// passed and not required.
    public var text: String {
        var lines: [String] = []
        lines.append("ケアプランデータ連携 ベンダーテスト / care-plan data exchange conformance kit")
        lines.append(
            "判定 / verdict: \(self.pass ? "合格 / PASS" : "不合格 / FAIL")  立場 / side: \(self.side.japanese) / \(self.side.rawValue)  "
                + "\(self.files)ファイル / files, エラー \(self.errors) / errors, 警告 \(self.warnings) / warnings")
        for result in self.patterns {
            lines.append("")
            lines.append("\(Self.status(result))  \(result.title) / \(result.titleEnglish)  [\(result.pattern.rawValue)]")
            guard result.present else {
                lines.append(
                    result.required
                        ? "      ありません（必須） / not present (required): \(Self.kinds(result.requiredKinds))"
                        : "      ありません（この立場・区分では対象外） / not present (not required for this side)")
                continue
            }
            if !result.complete {
                lines.append("      不足ファイル / missing files: \(Self.kinds(result.missingKinds))")
            }
            for unit in result.units {
                let missing = unit.missingKinds.isEmpty ? "" : "  不足 / missing: \(unit.missingKinds.map(\.prefix).joined(separator: ", "))"
                lines.append(
                    "      送信単位 / unit \(unit.sender) → \(unit.recipient) @ \(unit.timestamp): \(unit.files.count)ファイル / files, "
                        + "エラー \(unit.errors) / errors, 警告 \(unit.warnings) / warnings\(missing)")
            }
            for problem in result.problems {
                lines.append(contentsOf: Self.lines(problem, indent: "      "))
            }
        }
        if !self.unassignedFiles.isEmpty {
            lines.append("")
            lines.append("未分類ファイル / unassigned files (\(self.unassignedFiles.count))")
            for file in self.unassignedFiles {
                lines.append("      \(file.file): エラー \(file.errors) / errors")
                for problem in file.problems {
                    lines.append(contentsOf: Self.lines(problem, indent: "        "))
                }
            }
        }
        lines.append("")
        let passed = self.patterns.filter(\.passed).count
        let required = self.patterns.filter(\.required).count
        lines.append(
            "結果 / result: \(self.pass ? "合格 / PASS" : "不合格 / FAIL")（合格パターン \(passed)、必須パターン \(required) / \(passed) patterns passed, \(required) required）")
        return lines.joined(separator: "\n")
    }

    /// `OK`, `NG`, `--` or `注意`.
    public static func status(_ result: PatternResult) -> String {
        if result.passed { return "OK  " }
        if result.required { return "NG  " }
        return result.present ? "注意" : "--  "
    }

    /// `UP1KYO 第1表 居宅サービス計画書(1), …`
    public static func kinds(_ kinds: [FileKind]) -> String {
        kinds.map { "\($0.prefix) \($0.japaneseName)" }.joined(separator: ", ")
    }

    /// A problem: its rule and count, then the first places.
    static func lines(_ problem: Problem, indent: String) -> [String] {
        let label = problem.severity == .error ? "エラー/error" : "警告/warning"
        return [
            "\(indent)\(label) ×\(problem.count) [\(problem.rule.rawValue)] \(problem.message)",
            "\(indent)    例 / e.g. \(problem.example)",
            "\(indent)    場所 / at: \(problem.firstRows.map(\.description).joined(separator: "; "))\(problem.count > problem.firstRows.count ? " …" : "")",
        ]
    }
}

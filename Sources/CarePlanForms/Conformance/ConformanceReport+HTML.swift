// CarePlan Link — CarePlanForms
// The conformance report as a page, escaped with the forms' own HTMLText (one escape for every page the project writes).
public import CarePlanCSV

extension ConformanceReport {
    /// The report as one self-contained HTML page (`lang="ja"`, UTF-8, inline style, no scripts): the verdict, a summary
    /// table of the patterns, then a table per pattern with its units and its problems by rule. Every text is escaped.
    public var html: String {
        var body: [String] = []
        let verdict = self.pass ? "合格 / PASS" : "不合格 / FAIL"
        body.append("<h1>ケアプランデータ連携 ベンダーテスト <small>care-plan data exchange conformance kit</small></h1>")
        body.append(
            "<p class=\"verdict \(self.pass ? "ok" : "ng")\">判定 / verdict: \(HTMLText.escape(verdict))</p>"
                + "<p>立場 / side: \(HTMLText.escape("\(self.side.japanese) / \(self.side.rawValue)"))　"
                + "\(self.files)ファイル / files　エラー \(self.errors) / errors　警告 \(self.warnings) / warnings</p>")

        body.append("<h2>パターン一覧 / patterns</h2>")
        body.append("<table><thead><tr><th>状態 / status</th><th>パターン / pattern</th><th>区分 / group</th><th>必須 / required</th>")
        body.append("<th>送信単位 / units</th><th>エラー / errors</th><th>警告 / warnings</th><th>不足 / missing</th></tr></thead><tbody>")
        for result in self.patterns {
            body.append(
                "<tr class=\"\(Self.cssClass(result))\"><td>\(HTMLText.escape(Self.status(result)))</td>"
                    + "<td><a href=\"#\(HTMLText.escape(result.pattern.rawValue))\">\(HTMLText.escape(result.title))</a><br><small>\(HTMLText.escape(result.titleEnglish))</small></td>"
                    + "<td>\(HTMLText.escape(result.group.japanese))</td><td>\(result.required ? "○" : "")</td><td>\(result.units.count)</td>"
                    + "<td>\(result.errors)</td><td>\(result.warnings)</td><td>\(HTMLText.escape(result.missingKinds.map(\.prefix).joined(separator: ", ")))</td></tr>")
        }
        body.append("</tbody></table>")

        for result in self.patterns {
            body.append(
                "<section id=\"\(HTMLText.escape(result.pattern.rawValue))\"><h2 class=\"\(Self.cssClass(result))\">\(HTMLText.escape(Self.status(result))) "
                    + "\(HTMLText.escape(result.title)) <small>\(HTMLText.escape(result.titleEnglish))</small></h2>")
            body.append("<p>必須ファイル / required files: \(HTMLText.escape(Self.kinds(result.requiredKinds)))</p>")
            if !result.present {
                body.append("<p>ありません / not present</p></section>")
                continue
            }
            if !result.complete {
                body.append("<p class=\"ng\">不足ファイル / missing files: \(HTMLText.escape(Self.kinds(result.missingKinds)))</p>")
            }
            body.append("<table><thead><tr><th>ファイル連番 / sequence</th><th>送信元 / from</th><th>送信先 / to</th><th>ファイル / files</th>")
            body.append("<th>エラー / errors</th><th>警告 / warnings</th><th>不足 / missing</th></tr></thead><tbody>")
            for unit in result.units {
                body.append(
                    "<tr><td>\(HTMLText.escape(unit.timestamp))</td><td>\(HTMLText.escape(unit.sender))</td><td>\(HTMLText.escape(unit.recipient))</td>"
                        + "<td>\(unit.files.map(HTMLText.escape).joined(separator: "<br>"))</td><td>\(unit.errors)</td><td>\(unit.warnings)</td>"
                        + "<td>\(HTMLText.escape(unit.missingKinds.map(\.prefix).joined(separator: ", ")))</td></tr>")
            }
            body.append("</tbody></table>")
            body.append(Self.problemTable(result.problems))
            body.append("</section>")
        }

        if !self.unassignedFiles.isEmpty {
            body.append("<section id=\"unassigned\"><h2>未分類ファイル / unassigned files</h2>")
            for file in self.unassignedFiles {
                body.append("<h3>\(HTMLText.escape(file.file)) <small>エラー \(file.errors) / errors</small></h3>")
                body.append(Self.problemTable(file.problems))
            }
            body.append("</section>")
        }

        return """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ベンダーテスト結果 / conformance report: \(HTMLText.escape(verdict))</title>
            <style>
            body { font-family: "Hiragino Kaku Gothic ProN", "Noto Sans JP", Meiryo, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; }
            small { color: #666; font-weight: normal; }
            .verdict { font-size: 1.4em; font-weight: bold; }
            .ok { color: #11662b; }
            .ng { color: #b00020; }
            .note { color: #8a5a00; }
            tr.ng td:first-child, tr.ok td:first-child, tr.note td:first-child { font-weight: bold; }
            @media (max-width: 600px) { body { margin: 1em; } table { display: block; overflow-x: auto; } }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    /// The problems of a pattern or file as a table; empty text when there are none.
    static func problemTable(_ problems: [Problem]) -> String {
        guard !problems.isEmpty else { return "<p class=\"ok\">問題なし / no problems</p>" }
        var rows = [
            "<table><thead><tr><th>重大度 / severity</th><th>規則 / rule</th><th>件数 / count</th><th>内容 / message</th><th>場所 / first places</th></tr></thead><tbody>"
        ]
        for problem in problems {
            let severity = problem.severity == .error ? "エラー / error" : "警告 / warning"
            let places = problem.firstRows.map { HTMLText.escape($0.description) }.joined(separator: "<br>") + (problem.count > problem.firstRows.count ? "<br>…" : "")
            rows.append(
                "<tr class=\"\(problem.severity == .error ? "ng" : "note")\"><td>\(HTMLText.escape(severity))</td><td><code>\(HTMLText.escape(problem.rule.rawValue))</code></td>"
                    + "<td>\(problem.count)</td><td>\(HTMLText.escape(problem.message))<br><small>\(HTMLText.escape(problem.example))</small></td><td>\(places)</td></tr>")
        }
        rows.append("</tbody></table>")
        return rows.joined(separator: "\n")
    }

    /// The CSS class of a pattern's status.
    static func cssClass(_ result: PatternResult) -> String {
        if result.passed { return "ok" }
        return result.required ? "ng" : "note"
    }
}

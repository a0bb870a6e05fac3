// CarePlan Link — CarePlanForms

/// The HTML document being written: the head with the screen and print styles, then the forms, each a `<section>`
/// that starts a new sheet of paper in its own orientation (CSS named pages).
struct FormPage {
    private var html: String

    init(title: String) {
        self.html = """
            <!doctype html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(FormStyle.css)
            </style>
            </head>
            <body>

            """
    }

    mutating func raw(_ html: String) { self.html += html }

    /// Opens a form: its sheet, its title line (the form's name, the user, the 様式 it follows) and the page
    /// orientation. `form` is a stable class name for tests and styles (`table1`, `service-use`, …).
    mutating func beginForm(_ form: String, title: String, user: FormUser, orientation: PaperOrientation, style: String, subtitle: String? = nil) {
        self.raw("<section class=\"form \(form) \(orientation.rawValue)\" data-form=\"\(form)\">\n")
        self.raw("<header class=\"form-head\"><h1>\(HTMLText.escape(title))</h1>")
        if let subtitle { self.raw("<p class=\"subtitle\">\(HTMLText.escape(subtitle))</p>") }
        self.raw("<p class=\"who\"><span class=\"user-name\">\(HTMLText.escape(user.displayName))</span> 様")
        self.raw("（被保険者番号 <span class=\"insured\">\(HTMLText.escape(user.insuredNumber))</span>・保険者番号 \(HTMLText.escape(user.insurerNumber))）</p>")
        self.raw("<p class=\"style-note\">\(HTMLText.escape(style))</p></header>\n")
    }

    mutating func endForm() { self.raw("</section>\n") }

    /// A two-column table of labelled values (`th` escaped here, `td` already HTML).
    mutating func fields(_ rows: [(label: String, html: String)], class name: String = "fields") {
        self.raw("<table class=\"\(name)\"><tbody>\n")
        for row in rows { self.raw("<tr><th>\(HTMLText.escape(row.label))</th><td>\(row.html)</td></tr>\n") }
        self.raw("</tbody></table>\n")
    }

    /// A labelled block of free text (`html` already escaped).
    mutating func block(_ label: String, _ html: String, class name: String = "") {
        self.raw("<div class=\"block \(name)\"><h2>\(HTMLText.escape(label))</h2><div class=\"text\">\(html.isEmpty ? "&nbsp;" : html)</div></div>\n")
    }

    func finished() -> String { self.html + "</body>\n</html>\n" }
}

// CarePlan Link — CarePlanForms
import CarePlanCSV

/// The records that have no paper form of their own — the deletion files (削除) and a 利用者補足情報 sent without its
/// plan — as a list of items by their spec names, so that nothing sent is left out of the printed set. A4 portrait.
struct RecordListForm: PaperForm {
    let user: FormUser
    let records: [(kind: FileKind, record: any CarePlanRecord)]

    func render(into page: inout FormPage) {
        page.beginForm("records", title: "その他の送信内容", user: self.user, orientation: .portrait, style: "様式なし（項目名は標準仕様のとおり）")
        for (kind, record) in self.records {
            page.raw("<h2>\(HTMLText.escape(kind.japaneseName))</h2>\n")
            let layout = FileLayout.current(kind)
            let rows = zip(layout.fields.dropFirst(), record.fieldTexts).filter { !$0.1.isEmpty }.map { (label: $0.0.name, html: HTMLText.escape($0.1)) }
            page.fields(rows)
        }
        page.endForm()
    }
}

// CarePlan Link — CarePlanForms

/// The FAX or postal 送付状 in front of forms sent on paper to a partner not on the network: to whom (with the FAX
/// number), from whom, the month, the users and how many pages follow.
public struct PaperCover: Sendable {
    public var to: String
    public var fax: String
    public var address: String
    public var from: String
    /// 「2025年6月分 サービス利用票・別表」
    public var what: String
    /// The users' names (or numbers), in order.
    public var users: [String]
    /// 作成日 (Japan time)
    public var date: String

    public init(to: String, fax: String, address: String, from: String, what: String, users: [String], date: String) {
        self.to = to
        self.fax = fax
        self.address = address
        self.from = from
        self.what = what
        self.users = users
        self.date = date
    }

    /// The cover as one portrait sheet (printed before the forms).
    func render(into page: inout FormPage) {
        page.raw("<section class=\"form sheet cover portrait\" data-form=\"paper-cover\">\n")
        page.raw("<p class=\"num\">\(HTMLText.escape(self.date))</p>\n")
        page.raw("<p class=\"to\"><span class=\"user-name\">\(HTMLText.escape(self.to))</span> 御中</p>\n")
        if !self.fax.isEmpty { page.raw("<p class=\"to\">FAX \(HTMLText.escape(self.fax))</p>\n") }
        if !self.address.isEmpty { page.raw("<p class=\"to small\">\(HTMLText.escape(self.address))</p>\n") }
        page.raw("<p class=\"from num\">\(HTMLText.escape(self.from))</p>\n")
        page.raw("<header class=\"form-head\"><h1>送付状</h1><p class=\"subtitle\">\(self.fax.isEmpty ? "" : "FAX ")送信のご案内</p></header>\n")
        page.raw("<p>\(HTMLText.escape(self.what))をお送りします。内容をご確認ください。</p>\n")
        page.fields([("利用者", "\(self.users.count)人: " + self.users.map(HTMLText.escape).joined(separator: "、"))])
        page.raw("<p class=\"small muted\">この帳票はケアプランデータ連携の標準仕様のデータから作成しました（CarePlan Link）。</p>\n")
        page.endForm()
    }
}

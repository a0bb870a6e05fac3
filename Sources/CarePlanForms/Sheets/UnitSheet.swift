// CarePlan Link — CarePlanForms
public import CarePlanCSV

/// The two sheets of paper that go with a send unit, for 運営指導 and for partners without the network:
/// 送付状 (cover sheet: who sends what to whom, the users and the files with their SHA-256) and 受領書 (receipt
/// sheet: the same unit with every signed receipt of the hub — 受付, 受信, 取込 … — and their times). The caller
/// (the hub) supplies the facts; the sheets print them.
public struct UnitSheet: Sendable {
    public struct Office: Sendable {
        /// 事業所名
        public var name: String
        /// 事業所番号_サービス種類
        public var id: String
        public init(name: String, id: String) {
            self.name = name
            self.id = id
        }
    }

    public struct File: Sendable {
        public var name: String
        /// 帳票名 (第6表 サービス利用票（予定） …)
        public var kind: String
        public var size: Int
        public var sha256: String
        public init(name: String, kind: String, size: Int, sha256: String) {
            self.name = name
            self.kind = kind
            self.size = size
            self.sha256 = sha256
        }
    }

    public struct Receipt: Sendable {
        /// 受付 / 受信 / 取込 / 取込不可 / 取り下げ / 期限切れ
        public var event: String
        /// Japan time, as the hub prints it
        public var time: String
        /// The office and account that caused it (ハブ for expiry)
        public var by: String
        /// Whether the signature was checked against the hub's key
        public var verified: Bool
        /// The Ed25519 signature (base64)
        public var signature: String
        public init(event: String, time: String, by: String, verified: Bool, signature: String) {
            self.event = event
            self.time = time
            self.by = by
            self.verified = verified
            self.signature = signature
        }
    }

    public var unitID: String
    /// ファイル連番
    public var timestamp: String
    /// 送信単位 (the combination of files)
    public var pattern: String
    /// 状態 as shown to the viewer
    public var state: String
    public var sender: Office
    public var recipient: Office
    /// 受付日時 (Japan time)
    public var acceptedAt: String
    /// 対象年月 of the files (YYYYMM), when any
    public var months: [YearMonth]
    /// The users of the files; nil when they are not shown, with `usersNote` saying why
    public var users: [FormUser]?
    /// Why the users are not listed (files deleted, not yet received)
    public var usersNote: String
    public var files: [File]
    public var receipts: [Receipt]
    /// The hub's public key (Ed25519, base64)
    public var publicKey: String
    /// When the sheet was made (Japan time)
    public var printedAt: String

    public init(
        unitID: String, timestamp: String, pattern: String, state: String, sender: Office, recipient: Office, acceptedAt: String, months: [YearMonth],
        users: [FormUser]?, usersNote: String = "ファイルが削除されたため、利用者は表示できません。", files: [File], receipts: [Receipt], publicKey: String,
        printedAt: String
    ) {
        self.usersNote = usersNote
        self.unitID = unitID
        self.timestamp = timestamp
        self.pattern = pattern
        self.state = state
        self.sender = sender
        self.recipient = recipient
        self.acceptedAt = acceptedAt
        self.months = months
        self.users = users
        self.files = files
        self.receipts = receipts
        self.publicKey = publicKey
        self.printedAt = printedAt
    }

    /// 送付状: to the recipient, from the sender, what the unit holds.
    public func coverHTML() -> String {
        var page = FormPage(title: "送付状 \(self.timestamp)")
        page.raw("<section class=\"form sheet cover portrait\" data-form=\"cover\">\n")
        page.raw("<p class=\"num\">\(HTMLText.escape(self.acceptedAt))</p>\n")
        page.raw("<p class=\"to\"><span class=\"user-name\">\(HTMLText.escape(self.recipient.name))</span> 御中（\(HTMLText.escape(self.recipient.id))）</p>\n")
        page.raw("<p class=\"from num\">\(HTMLText.escape(self.sender.name))（\(HTMLText.escape(self.sender.id))）</p>\n")
        page.raw("<header class=\"form-head\"><h1>送付状</h1><p class=\"subtitle\">ケアプランデータ連携</p></header>\n")
        page.raw("<p>ケアプランデータ連携により、次のファイルをお送りしました。内容をご確認ください。</p>\n")
        self.renderUnit(into: &page)
        self.renderUsers(into: &page)
        self.renderFiles(into: &page)
        page.raw("<p class=\"small muted\">ハブの受領証（署名入り）は受領書に記載しています。作成 \(HTMLText.escape(self.printedAt))</p>\n")
        page.endForm()
        return page.finished()
    }

    /// 受領書: the unit, its files, and every signed receipt with its time and signature.
    public func receiptHTML() -> String {
        var page = FormPage(title: "受領書 \(self.timestamp)")
        page.raw("<section class=\"form sheet receipt portrait\" data-form=\"receipt\">\n")
        page.raw("<header class=\"form-head\"><h1>受領書</h1><p class=\"subtitle\">ケアプランデータ連携 ハブの署名入り受領証</p></header>\n")
        self.renderUnit(into: &page)
        page.raw("<h2>受領証</h2><table class=\"receipts\"><thead><tr><th>できごと</th><th>日時（日本時間）</th><th>事業所・アカウント</th><th>署名</th></tr></thead><tbody>\n")
        for receipt in self.receipts {
            page.raw("<tr><td>\(HTMLText.escape(receipt.event))</td><td>\(HTMLText.escape(receipt.time))</td><td>\(HTMLText.escape(receipt.by))</td>")
            page.raw("<td>\(receipt.verified ? "確認済" : "<strong>一致しません</strong>")<div class=\"sha\">\(HTMLText.escape(receipt.signature))</div></td></tr>\n")
        }
        page.raw("</tbody></table>\n")
        self.renderUsers(into: &page)
        self.renderFiles(into: &page)
        page.raw("<p class=\"small\">署名はハブの公開鍵（Ed25519）で検証できます: <span class=\"sha\">\(HTMLText.escape(self.publicKey))</span><br>")
        page.raw("受領証の JSON は送信単位の画面にあり、<code>careplan receipt verify</code> で検証できます。作成 \(HTMLText.escape(self.printedAt))</p>\n")
        page.endForm()
        return page.finished()
    }

    private func renderUnit(into page: inout FormPage) {
        page.fields([
            ("送信元", "\(HTMLText.escape(self.sender.name))（\(HTMLText.escape(self.sender.id))）"),
            ("送信先", "\(HTMLText.escape(self.recipient.name))（\(HTMLText.escape(self.recipient.id))）"),
            ("送信単位", HTMLText.escape(self.pattern)),
            ("ファイル連番", HTMLText.escape(self.timestamp)),
            ("対象年月", self.months.map(JapaneseCalendar.month).joined(separator: "・")),
            ("受付日時", HTMLText.escape(self.acceptedAt)),
            ("状態", HTMLText.escape(self.state)),
            ("ID", "<span class=\"sha\">\(HTMLText.escape(self.unitID))</span>"),
        ])
    }

    private func renderUsers(into page: inout FormPage) {
        guard let users = self.users else {
            page.raw("<p class=\"muted\" id=\"users-note\">利用者: \(HTMLText.escape(self.usersNote))</p>\n")
            return
        }
        page.raw("<h2>利用者（\(users.count)名）</h2><table class=\"users\"><thead><tr><th>保険者番号</th><th>被保険者番号</th><th>氏名</th></tr></thead><tbody>\n")
        for user in users {
            page.raw("<tr><td>\(HTMLText.escape(user.insurerNumber))</td><td class=\"insured\">\(HTMLText.escape(user.insuredNumber))</td><td>\(HTMLText.text(user.name))</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
    }

    private func renderFiles(into page: inout FormPage) {
        page.raw("<h2>ファイル（\(self.files.count)件）</h2><table class=\"files\"><thead><tr><th>ファイル名・種別</th><th>バイト数</th><th>SHA-256</th></tr></thead><tbody>\n")
        for file in self.files {
            page.raw("<tr><td>\(HTMLText.escape(file.name))<br><span class=\"small\">\(HTMLText.escape(file.kind))</span></td><td class=\"num\">\(HTMLText.number(file.size))</td>")
            page.raw("<td class=\"sha\">\(HTMLText.escape(file.sha256))</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
    }
}

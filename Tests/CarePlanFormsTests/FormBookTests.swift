// CarePlan Link — the forms' HTML: each form of the sample units checked for its structure (users, days, counts,
// totals) against the records the samples were made from.
import CarePlanCSV
import Foundation
import Testing

@testable import CarePlanForms

@Suite("Forms: the files as the paper forms")
struct FormBookTests {
    static let month = YearMonth(year: 2025, month: 5)!
    static let factory = SampleFactory(month: month, userCount: 3)

    static func files(_ patterns: SamplePattern...) -> [(name: String, bytes: [UInt8])] {
        patterns.flatMap { Self.factory.files(for: $0) }.map { ($0.name.description, $0.bytes) }
    }

    static func book(_ patterns: SamplePattern...) throws -> (FormBook, FormHTML) {
        let book = try FormBook(files: patterns.flatMap { Self.factory.files(for: $0) }.map { ($0.name.description, $0.bytes) })
        return (book, FormHTML(book.html(title: "test")))
    }

    /// The days of the sample month on an ISO weekday.
    static func days(onWeekday weekday: Int) -> [Int] {
        (1...Self.month.dayCount).filter { CalendarDate(year: Self.month.year, month: Self.month.month, day: $0)!.isoWeekday == weekday }
    }

    @Test("a 居宅 care plan unit: per user 第1表, 第2表 and 第3表 in that order, named, with the plan's texts")
    func carePlanForms() throws {
        let (book, html) = try Self.book(.carePlan)
        #expect(book.users.count == 3)
        for (user, sample) in zip(book.users, Self.factory.users.sorted { ($0.insurerNumber, $0.insuredNumber) < ($1.insurerNumber, $1.insuredNumber) }) {
            #expect(user.name == sample.name)
            #expect(html.forms(of: user.key) == ["table1", "table2", "weekly"])
            let table1 = try #require(html.section("table1", user: user.key))
            #expect(table1.html.contains("\(sample.name)</span> 様"))
            #expect(table1.html.contains("総合的な援助の方針"))
            // The CSV's quotes and line breaks survive as text: escaped quotes, and <br> for CR LF.
            #expect(table1.html.contains("&quot;できること&quot;"))
            #expect(table1.html.contains("住み慣れた家で、できるだけ自分のことは自分でしたい」<br>家族："))
            // 継続 (21) is the chosen 計画書区分, 一人暮らし (1) the chosen 生活援助中心型の算定理由.
            #expect(table1.html.contains("<span class=\"chosen\" data-code=\"21\">継続</span>"))
            #expect(table1.html.contains("<span class=\"chosen\" data-code=\"1\">一人暮らし</span>"))
            #expect(table1.html.contains("<span class=\"chosen\" data-code=\"\(sample.careLevel)\">"))
            let table2 = try #require(html.section("table2", user: user.key))
            #expect(FormHTML.count("<tr data-issue=", in: table2.html) == 4)
            // A need repeated on the next row (blank in the CSV) is printed once.
            #expect(FormHTML.count("一人で安全に入浴したい", in: table2.html) == 1)
            #expect(FormHTML.count("<td class=\"center\">○</td>", in: table2.html) == 4)
        }
    }

    @Test("第3表: services in the band and weekday they start, shaded where they run on, activities and non-weekly services")
    func weeklySchedule() throws {
        let (book, html) = try Self.book(.carePlan)
        let weekly = try #require(html.section("weekly", user: book.users[0].key))
        #expect(FormHTML.count("<tr data-hour=", in: weekly.html) == 12)
        for name in ["深夜", "早朝", "午前", "午後", "夜間"] { #expect(weekly.html.contains(">\(name)</th>")) }
        let mondayTen = try #require(weekly.html.components(separatedBy: "<tr data-hour=\"10\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(mondayTen.contains("<td class=\"busy\" data-day=\"1\"><span class=\"entry\">10:00〜10:30 訪問介護</span></td>"))
        #expect(mondayTen.contains("<td data-day=\"2\"></td>"))
        // 通所介護 on Wednesdays 9:30–16:30: written in the 8:00 band, shaded through the 16:00 band, not after.
        let eight = try #require(weekly.html.components(separatedBy: "<tr data-hour=\"8\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(eight.contains("<td class=\"busy\" data-day=\"3\"><span class=\"entry\">9:30〜16:30 通所介護</span></td>"))
        #expect(mondayTen.contains("<td class=\"busy\" data-day=\"3\"></td>"))
        let sixteen = try #require(weekly.html.components(separatedBy: "<tr data-hour=\"16\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        let eighteen = try #require(weekly.html.components(separatedBy: "<tr data-hour=\"18\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(sixteen.contains("<td class=\"busy\" data-day=\"3\"></td>"))
        #expect(eighteen.contains("<td data-day=\"3\"></td>"))
        let thursdayTwo = try #require(weekly.html.components(separatedBy: "<tr data-hour=\"14\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(thursdayTwo.contains("<td class=\"busy\" data-day=\"4\"><span class=\"entry\">14:00〜14:45 訪問介護</span>"))
        let morning = try #require(weekly.html.components(separatedBy: "<tr data-hour=\"6\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(morning.contains("7:00〜8:00 起床・朝食"))
        #expect(weekly.html.contains("福祉用具貸与（車いす）、月1回の受診（長女同行）"))
    }

    @Test("第6表 with 実績: each service on a 予定 and a 実績 line over the month's days, totals, and the days that differ")
    func serviceUseWithResults() throws {
        let (book, html) = try Self.book(.monthlyPlan, .results)
        let mondays = Self.days(onWeekday: 1)
        let thursdays = Self.days(onWeekday: 4)
        for user in book.users {
            #expect(html.forms(of: user.key) == ["service-use", "annex"])
            let form = try #require(html.section("service-use", user: user.key))
            #expect(form.html.contains("令和7年5月分　予定・実績"))
            // 31 day columns, the days after the 31st of a shorter month greyed: May has 31, so none.
            #expect(FormHTML.count("<td class=\"none\"></td>", in: form.html) == 0)
            // 身体介護 on Mondays at 10:00: planned every Monday; the second Monday's visit started at 10:15, so it is a
            // 実績 of another 提供時間帯 and the 10:00 line's 実績 misses that day.
            let monday = FormHTML.serviceLines(code: "111111", in: form.html)
            #expect(monday.count == 2)
            let planned = FormHTML.dayCells(row: "plan", in: monday[0])
            #expect(planned.filter { $0.value == "1" }.keys.sorted() == mondays)
            #expect(FormHTML.total(row: "plan", in: monday[0]) == String(mondays.count))
            #expect(FormHTML.total(row: "result", in: monday[0]) == String(mondays.count - 1))
            #expect(FormHTML.differingDays(row: "result", in: monday[0]) == [mondays[1]])
            #expect(monday[0].contains("10:00〜10:30"))
            #expect(monday[1].contains("10:15〜10:45"))
            #expect(FormHTML.dayCells(row: "result", in: monday[1]).filter { $0.value == "1" }.keys.sorted() == [mondays[1]])
            #expect(FormHTML.total(row: "plan", in: monday[1]) == "0")
            // 生活援助 on Thursdays: the last did not happen.
            let thursday = try #require(FormHTML.serviceLines(code: "116211", in: form.html).first)
            #expect(FormHTML.total(row: "plan", in: thursday) == String(thursdays.count))
            #expect(FormHTML.total(row: "result", in: thursday) == String(thursdays.count - 1))
            #expect(FormHTML.differingDays(row: "plan", in: thursday) == [thursdays.last!])
            // 通所介護 has no 実績 in the set (that office sent none): its 実績 line is left blank, not marked as missing.
            let day = try #require(FormHTML.serviceLines(code: "155111", in: form.html).first)
            #expect(FormHTML.total(row: "plan", in: day) == String(Self.days(onWeekday: 3).count + Self.days(onWeekday: 6).count))
            #expect(FormHTML.total(row: "result", in: day) == "")
            #expect(FormHTML.differingDays(row: "plan", in: day).isEmpty)
            // The header: name, birth date in the era, and the 区分支給限度基準額 of the 補足.
            #expect(form.html.contains(user.name ?? "-"))
            #expect(form.html.contains(JapaneseCalendar.date(user.birthDate)))
            #expect(form.html.contains("単位／月"))
        }
        // Weekday headings: 1 May 2025 is a Thursday.
        let first = try #require(html.section("service-use", user: book.users[0].key))
        #expect(first.html.contains("<th class=\"weekday\">1</th>"))
        #expect(first.html.contains("<th class=\"sat\">3</th>"))
        #expect(first.html.contains("<th class=\"sun\">4</th>"))
        #expect(first.html.contains("<th class=\"weekday\">木</th><th class=\"weekday\">金</th><th class=\"sat\">土</th><th class=\"sun\">日</th>"))
    }

    @Test("実績 alone on the 第6表 grid; a shorter month greys the days after its last")
    func resultsAlone() throws {
        let february = SampleFactory(month: YearMonth(year: 2025, month: 2)!, userCount: 1)
        let book = try FormBook(files: february.files(for: .results).map { ($0.name.description, $0.bytes) })
        let html = FormHTML(book.html(title: "results"))
        let form = try #require(html.section("service-use", user: book.users[0].key))
        #expect(form.html.contains("実績（予定のファイルなし）"))
        #expect(FormHTML.count("<th class=\"none\">", in: form.html) == 3 * 2)
        #expect(FormHTML.count("<td class=\"none\"></td>", in: form.html) == 3 * 2 * FormHTML.count("<tbody class=\"service\"", in: form.html))
        let thursday = try #require(FormHTML.serviceLines(code: "116211", in: form.html).first)
        #expect(FormHTML.total(row: "plan", in: thursday) == "0")
        #expect(FormHTML.total(row: "result", in: thursday) == String((1...28).filter { CalendarDate(year: 2025, month: 2, day: $0)!.isoWeekday == 4 }.count - 1))
        // Without the 第6表 nothing is compared: 実績 alone is not a list of differences.
        #expect(!form.html.contains("class=\"differs\""))
        // Without a 補足 the header names the person by number.
        #expect(form.html.contains("被保険者番号 \(book.users[0].insuredNumber)"))
    }

    @Test("第7表: a line per office and code, the type's 小計, the 合計 of 999999 with the limit, and 種類別支給限度管理")
    func annex() throws {
        let (book, html) = try Self.book(.monthlyPlan)
        for user in book.users {
            let form = try #require(html.section("annex", user: user.key))
            let file = try #require(Self.factory.files(for: .monthlyPlan).first { $0.name.kind == .serviceUseAnnex })
            let records = try CarePlanDocument.read(bytes: file.bytes, fileName: file.name.description)
                .records.compactMap { $0 as? ServiceUseAnnexRecord }.filter { $0.insuredNumber == user.insuredNumber }
            #expect(FormHTML.count("<tr class=\"service\"", in: form.html) == records.filter { ServiceUseAnnexForm.lineKind($0.serviceCode) == .service }.count)
            #expect(FormHTML.count("<tr class=\"subtotal\"", in: form.html) == records.filter { $0.serviceCode.hasSuffix("AAAA") }.count)
            let grand = try #require(records.first { $0.serviceCode == "999999" })
            let grandRow = try #require(form.html.components(separatedBy: "<tr class=\"grand\" data-code=\"999999\">").dropFirst().first?.components(separatedBy: "</tr>").first)
            #expect(grandRow.contains("<td class=\"num\">\(HTMLText.number(grand.serviceUnitsTotal))</td>"))
            #expect(grandRow.contains("区分支給限度基準額（単位）"))
            #expect(form.html.contains("種類別支給限度管理"))
        }
    }

    @Test("介護予防: 利用者基本情報 with 別表1, 別表2 and the family image; the 支援計画書 with its 別表 lines")
    func prevention() throws {
        let (book, html) = try Self.book(.preventionPlanWithBasicInfo)
        for user in book.users {
            #expect(html.forms(of: user.key) == ["basic-info", "prevention-plan"])
            let basic = try #require(html.section("basic-info", user: user.key))
            #expect(FormHTML.count("<tr><td>", in: basic.html.components(separatedBy: "class=\"schedule\"").dropFirst().first?.components(separatedBy: "</table>").first ?? "") == 3)
            #expect(basic.html.contains("変形性膝関節症"))
            #expect(basic.html.contains("<img alt=\"家族構成\" src=\"data:image/jpeg;base64,/9j/"))
            let plan = try #require(html.section("prevention-plan", user: user.key))
            #expect(FormHTML.count("<tr data-issue=\"1\">", in: plan.html) == 2)
            #expect(plan.html.contains("15分続けて歩ける"))
            #expect(plan.html.contains("合唱団の発表会に出る"))
        }
    }

    @Test("the same file given twice is read once; only the chosen users' records are kept")
    func duplicatesAndUsers() throws {
        let files = Self.files(.monthlyPlan)
        let once = FormHTML(try FormBook(files: files).html(title: "once"))
        let twice = FormHTML(try FormBook(files: files + files).html(title: "twice"))
        #expect(twice.html == once.html.replacingOccurrences(of: "<title>once</title>", with: "<title>twice</title>"))
        let documents = try FormBook.read(files: files).documents
        let keys = FormBook.userKeys(of: documents)
        #expect(keys.count == 3)
        let first = try #require(keys.sorted().first)
        let book = FormBook(documents: documents, users: [first])
        #expect(book.users.map(\.key) == [first])
    }

    @Test("two rented items of one サービスコード stay two lines; untimed weekly services get their own row")
    func equipmentAndUntimed() throws {
        var plan = try CarePlanDocument.read(bytes: Self.factory.files(for: .monthlyPlan)[0].bytes, fileName: Self.factory.files(for: .monthlyPlan)[0].name.description)
        let rental = try #require(plan.records.compactMap { $0 as? ServiceUsePlanRecord }.first { $0.serviceCode == "171001" })
        var second = rental
        second.taisCode = "00170-000999"
        second.equipmentModelName = "歩行器　ＷＸ－１"
        plan.records.append(second)
        let html = FormHTML(FormBook(documents: [plan]).html(title: "rental"))
        let form = try #require(html.section("service-use", user: "\(rental.insurerNumber)-\(rental.insuredNumber)"))
        let lines = FormHTML.serviceLines(code: "171001", in: form.html)
        #expect(lines.count == 2)
        #expect(lines.contains { $0.contains("歩行器") } && lines.contains { $0.contains("自走式車いす") })
        #expect(lines.allSatisfy { FormHTML.total(row: "plan", in: $0) == "1" })

        var weekly = try CarePlanDocument.read(bytes: Self.factory.files(for: .carePlan)[2].bytes, fileName: Self.factory.files(for: .carePlan)[2].name.description)
        var untimed = try #require(weekly.records.compactMap { $0 as? WeeklyScheduleTable3Record }.first { $0.weeklyServiceContent != nil })
        untimed.weeklyServiceContent = "訪問看護（時間未定）"
        untimed.weeklyServiceDayOfWeek = "2"
        untimed.weeklyServiceStartTime = nil
        untimed.weeklyServiceEndTime = nil
        weekly.records.append(untimed)
        let grid = FormHTML(FormBook(documents: [weekly]).html(title: "weekly"))
        let section = try #require(grid.section("weekly", user: "\(untimed.insurerNumber)-\(untimed.insuredNumber)"))
        let row = try #require(section.html.components(separatedBy: "<tr data-hour=\"none\">").dropFirst().first?.components(separatedBy: "</tr>").first)
        #expect(row.contains("<td data-day=\"2\"><span class=\"entry\">訪問看護（時間未定）</span></td>"))
        #expect(FormHTML.count("訪問看護（時間未定）", in: section.html) == 1)
    }

    @Test("deletion files are listed by their items; nothing sent is left out")
    func deletions() throws {
        let (book, html) = try Self.book(.carePlanDeletion)
        let records = try #require(html.section("records", user: book.users[0].key))
        #expect(records.html.contains("第1表 居宅サービス計画書(1)_削除"))
        #expect(records.html.contains("居宅サービス計画作成（変更）日"))
    }

    @Test("text from the files is escaped: markup in a name or a plan text stays text")
    func escaping() throws {
        var plan = try CarePlanDocument.read(bytes: Self.factory.files(for: .carePlan)[0].bytes, fileName: Self.factory.files(for: .carePlan)[0].name.description)
        var record = try #require(plan.records[0] as? CarePlanTable1Record)
        record.overallAssistancePolicy = "<script>alert(1)</script>&\"'"
        record.planCreatorName = "<img src=x onerror=alert(1)>"
        plan.records[0] = record
        let html = FormBook(documents: [plan]).html(title: "<title>")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"))
        #expect(html.contains("<title>&lt;title&gt;</title>"))
    }

    @Test("an invalid file or a name outside the standard is refused with the file named")
    func invalidFiles() throws {
        var files = Self.files(.carePlan)
        files[0].bytes = Array(files[0].bytes.prefix(40))
        #expect {
            _ = try FormBook(files: files)
        } throws: { error in
            (error as? FormFileError)?.fileName == files[0].name && "\(error)".contains("帳票にできません")
        }
        #expect {
            _ = try FormBook(files: [("notes.txt", Array("x".utf8))])
        } throws: { error in
            "\(error)".contains("標準仕様のファイル名ではありません")
        }
    }

    @Test("dates in the Japanese era, with the first year as 元年 and the era's changes on their days")
    func eras() {
        #expect(JapaneseCalendar.date(CalendarDate(year: 2019, month: 5, day: 1)) == "令和元年5月1日")
        #expect(JapaneseCalendar.date(CalendarDate(year: 2019, month: 4, day: 30)) == "平成31年4月30日")
        #expect(JapaneseCalendar.date(CalendarDate(year: 1989, month: 1, day: 7)) == "昭和64年1月7日")
        #expect(JapaneseCalendar.date(CalendarDate(year: 1926, month: 12, day: 24)) == "大正15年12月24日")
        #expect(JapaneseCalendar.month(YearMonth(year: 2025, month: 5)!) == "令和7年5月")
        #expect(HTMLText.number(1_234_567) == "1,234,567")
        #expect(HTMLText.number(-1000) == "-1,000")
        #expect(HTMLText.number(999) == "999")
    }
}

// CarePlan Link — the misaddressing guard (file.recipientNotInRows): each user of a 第6表, 第7表 or 実績 is named with
// the recipient where the spec puts the partner; the 委託 relay is not checked; rows of a user may come in blocks.
import Foundation
import Testing

@testable import CarePlanCSV

@Suite("Addressing: the recipient in the rows")
struct AddressingTests {
    private static func errors(_ file: NamedFile) -> [Diagnostic] {
        file.report.diagnostics.filter { $0.rule == .recipientNotInRows }
    }

    private static let stranger = "1310199999"

    @Test("a 第6表 whose rows never name the recipient fails once per user, at the user's first row, with the item named")
    func planNamesNoRecipient() {
        let plan = Fixtures.file(.serviceUsePlan)
        let column = Fixtures.column(.serviceUsePlan, 20)
        let edited = Fixtures.edited(plan) { csv in
            for index in csv.rows.indices where csv.rows[index][column] == SampleOffices.homeHelp.number { csv.rows[index][column] = Self.stranger }
        }
        let errors = Self.errors(edited)
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.severity == .error && $0.item == 20 && $0.itemName == "サービス事業者コード" })
        #expect(errors.first?.row == 1)
        #expect(Self.errors(plan).isEmpty)
    }

    @Test("one user not served by the recipient fails alone; the others pass")
    func oneUserOnly() throws {
        let plan = Fixtures.file(.serviceUsePlan)
        let column = Fixtures.column(.serviceUsePlan, 20)
        let insured = Fixtures.column(.serviceUsePlan, 3)
        var secondUser = ""
        let edited = Fixtures.edited(plan) { csv in
            let users = csv.rows.map { $0[insured] }
            secondUser = Array(distinctInOrder(users))[1]
            for index in csv.rows.indices where csv.rows[index][insured] == secondUser && csv.rows[index][column] == SampleOffices.homeHelp.number {
                csv.rows[index][column] = Self.stranger
            }
        }
        let errors = Self.errors(edited)
        #expect(errors.count == 1 && errors[0].value?.contains(secondUser) == true)
    }

    @Test("a user whose rows come in two blocks passes when either block names the recipient")
    func blocksOfOneUser() throws {
        let plan = Fixtures.file(.serviceUsePlan)
        let column = Fixtures.column(.serviceUsePlan, 20)
        let insured = Fixtures.column(.serviceUsePlan, 3)
        let edited = Fixtures.edited(plan) { csv in
            let first = csv.rows[0][insured]
            // The first user's rows that name the recipient move to the end, after the other users' rows.
            let moved = csv.rows.filter { $0[insured] == first && $0[column] == SampleOffices.homeHelp.number }
            csv.removeRows { $0[insured] == first && $0[column] == SampleOffices.homeHelp.number }
            csv.rows += moved
            csv.quoted += Array(repeating: csv.quoted[0], count: moved.count)
        }
        #expect(Self.errors(edited).isEmpty, "\(Self.errors(edited))")
    }

    @Test("実績 names its care manager as プラン担当業者 (No.6)")
    func resultsNameTheCareManager() {
        let results = Fixtures.file(.serviceResults)
        #expect(Self.errors(results).isEmpty)
        let edited = Fixtures.edited(results) { $0.setAll(column: Fixtures.column(.serviceResults, 6), Self.stranger) }
        let errors = Self.errors(edited)
        #expect(!errors.isEmpty && errors.allSatisfy { $0.item == 6 })
    }

    @Test("the 委託 relay to a 地域包括支援センター (46) is not checked")
    func relayIsNotChecked() throws {
        let plan = Fixtures.file(.serviceUsePlan)
        let name = plan.name.replacingOccurrences(
            of: "_\(SampleOffices.homeHelp.number)_\(SampleOffices.homeHelp.serviceType!)_",
            with: "_\(SampleOffices.preventionCenter.number)_\(SampleOffices.preventionCenter.serviceType!)_")
        #expect(name != plan.name)
        let relayed = NamedFile(name: name, bytes: plan.bytes)
        #expect(Self.errors(relayed).isEmpty)
    }
}

/// The distinct values of `values`, in first-seen order.
private func distinctInOrder(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}

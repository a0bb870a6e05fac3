// CarePlan Link — typed options: values the command line refuses before any command runs.
import ArgumentParser
import CarePlanCSV
import CarePlanHubStore
import CarePlanExchange
import CarePlanHub
import Logging
import Testing

@testable import careplan

@Suite("careplan typed arguments")
struct TypedArgumentTests {
    @Test("a mistyped --log-level is refused; a real one is kept")
    func logLevel() throws {
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["serve", "--log-level", "infoo"]) }
        let serve = try #require(try Careplan.parseAsRoot(["serve", "--log-level", "warning"]) as? Careplan.Serve)
        #expect(serve.logLevel == .warning)
        #expect(try #require(try Careplan.parseAsRoot(["serve"]) as? Careplan.Serve).logLevel == .info)
    }

    @Test("roles, comma-separated scopes, offices and months are parsed and checked before run")
    func typed() throws {
        let token = try #require(try Careplan.parseAsRoot(["admin", "create-token", "--login", "a", "--scopes", "send,manage"]) as? Careplan.Admin.CreateToken)
        #expect(token.scopes == [.send, .manage])
        #expect(try #require(try Careplan.parseAsRoot(["admin", "create-token", "--login", "a"]) as? Careplan.Admin.CreateToken).scopes == [.send, .receive])
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["admin", "create-token", "--login", "a", "--scopes", "send,upload"]) }

        let user = try #require(
            try Careplan.parseAsRoot(["admin", "create-user", "--office", "1310100012_43", "--login", "a", "--role", "admin", "--password", "long enough password"])
                as? Careplan.Admin.CreateUser)
        #expect(user.role == .admin && user.office?.description == "1310100012_43")
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["admin", "create-user", "--office", "1310100012_43", "--login", "a", "--role", "boss", "--password", "long enough password"]) }
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["admin", "create-user", "--office", "1310100012_43", "--login", "a", "--password", "short"]) }
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["admin", "create-user", "--login", "a", "--role", "staff", "--password", "long enough password"]) }
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["admin", "create-office", "--office", "131010001_43", "--name", "x"]) }
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["admin", "list", "tokens"]) }

        let reconcile = try #require(try Careplan.parseAsRoot(["reconcile", "--month", "202507"]) as? Careplan.Reconcile)
        #expect(reconcile.month == YearMonth(year: 2025, month: 7))
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["reconcile", "--month", "2025-07"]) }
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["sample", "no-such-pattern"]) }
        #expect(throws: (any Error).self) { try Careplan.parseAsRoot(["plans", "diff", "1", "2", "3"]) }
    }
}

// CarePlan Link — rules about accounts and credentials that every place setting or listing them shares.
import CarePlanHubStore
import CarePlanExchange
import Testing

@testable import CarePlanHub

@Suite("Password policy and credential state")
struct AccountRulesTests {
    @Test("passwords need at least 10 characters (characters, not bytes)")
    func passwordPolicy() {
        #expect(PasswordPolicy.problem(with: "123456789") != nil)
        #expect(PasswordPolicy.problem(with: "") != nil)
        #expect(PasswordPolicy.problem(with: "1234567890") == nil)
        #expect(PasswordPolicy.problem(with: "あいうえおかきくけこ") == nil)
        #expect(PasswordPolicy.problem(with: "short")?.hasPrefix("パスワードは10文字以上 / ") == true)
    }

    @Test("a credential is active until it expires; revocation wins over both")
    func credentialState() {
        var credential = Credential(accountID: 1, kind: .apiToken, secretHash: "x", label: "api", scopes: [.send], createdAt: 100, expiresAt: 200)
        #expect(credential.state(at: 150) == .active)
        #expect(credential.state(at: 200) == .active)
        #expect(credential.state(at: 201) == .expired)
        credential.revokedAt = 120
        #expect(credential.state(at: 150) == .revoked)
        #expect(credential.state(at: 300) == .revoked)
        #expect(Credential.State.allCases.map(\.rawValue) == ["active", "revoked", "expired"])
    }
}

// CarePlan Link — CarePlanHub
public import CarePlanHubStore
import CarePlanExchange
import Foundation

extension Hub {
    /// A client certificate written out for an office: where its files are, and what the hub recorded.
    public struct CertificateFiles: Sendable {
        public let certificatePath: String
        public let privateKeyPath: String
        public let caCertificatePath: String
        public let certificate: IssuedCertificate
        public let credential: Credential
        public let account: Account
        public let office: Office
    }

    /// Issues a client certificate for the office account `loginName` (valid `days`, or `auth.certificateDays`) and
    /// writes `<login>.crt.pem`, `<login>.key.pem` (owner only) and the CA's `hub-ca.pem` into `folder`.
    /// - Throws: ``AccountAdminError`` for an unknown account or one without an office; ``HubSetupError`` without a CA.
    public func issueClientCertificate(loginName: String, days: Double?, actor: String, writingTo folder: String) async throws -> CertificateFiles {
        let account = try await self.store.account(named: loginName)
        guard let officeRowID = account.officeID, let office = try await self.store.office(id: officeRowID) else {
            throw AccountAdminError("証明書は事業所のアカウントにのみ発行します / certificates are issued to office accounts only")
        }
        let (issued, credential) = try await self.issueClientCertificate(
            for: account, office: office, days: days ?? self.configuration.auth.certificateDays, actor: actor)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = (folder as NSString).appendingPathComponent(account.loginName)
        let caPath = (folder as NSString).appendingPathComponent("hub-ca.pem")
        try PEMFile.write(issued.certificatePEM, to: base + ".crt.pem", mode: 0o644)
        try PEMFile.write(issued.privateKeyPEM, to: base + ".key.pem", mode: 0o600)
        // Issuing succeeded, so the authority is loaded.
        guard let authority = self.certificateAuthority else { throw HubSetupError("認証局がありません / no certificate authority") }
        try PEMFile.write(try authority.certificatePEM, to: caPath, mode: 0o644)
        return CertificateFiles(
            certificatePath: base + ".crt.pem", privateKeyPath: base + ".key.pem", caCertificatePath: caPath, certificate: issued, credential: credential,
            account: account, office: office)
    }
}

// CarePlan Link — CarePlanClient

extension HubConnection {
    /// Settings that do not make a connection: no address, no credential, or a certificate without its key.
    public struct SettingsError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The connection from the usual settings of care software and `careplan`: the address, then a client certificate
    /// with its key, else a token; the address and token fall back to `CAREPLAN_HUB` and `CAREPLAN_TOKEN` (tokens in
    /// flags show in the process list).
    public init(
        address: String?, token: String?, certificateFile: String?, privateKeyFile: String?, trustRootsFile: String?, environment: [String: String]
    ) throws(SettingsError) {
        guard let address = address ?? environment["CAREPLAN_HUB"] else {
            throw SettingsError(description: "ハブのアドレスを --hub か CAREPLAN_HUB で指定してください / give the hub's address with --hub or CAREPLAN_HUB")
        }
        let credential: Credential
        if let certificateFile {
            guard let privateKeyFile else { throw SettingsError(description: "--cert には --key が必要です / --cert needs --key") }
            credential = .certificate(certificateFile: certificateFile, privateKeyFile: privateKeyFile)
        } else if let token = token ?? environment["CAREPLAN_TOKEN"] {
            credential = .token(token)
        } else {
            throw SettingsError(description: "--token（または CAREPLAN_TOKEN）か --cert/--key が必要です / give --token (or CAREPLAN_TOKEN) or --cert and --key")
        }
        self.init(baseURL: address, credential: credential, trustRootsFile: trustRootsFile)
    }
}

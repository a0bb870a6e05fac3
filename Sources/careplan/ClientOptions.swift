// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import Foundation

/// How to reach the hub: its address and a token (flag or `CAREPLAN_TOKEN`) or a client certificate.
struct ClientOptions: ParsableArguments {
    @Option(help: "The hub's address, e.g. https://hub.example.jp:8443 (or CAREPLAN_HUB).")
    var hub: String?

    @Option(help: "API token (prefer the CAREPLAN_TOKEN environment variable: flags show in the process list).")
    var token: String?

    @Option(help: "Client certificate (PEM) from `careplan admin issue-cert`; use with --key instead of a token.", completion: .file())
    var cert: String?

    @Option(help: "Private key (PEM) of --cert.", completion: .file())
    var key: String?

    @Option(help: "The hub's CA certificate (PEM) when its HTTPS certificate comes from the hub's own CA.", completion: .file())
    var ca: String?

    func makeClient() throws -> HubClient {
        let environment = ProcessInfo.processInfo.environment
        guard let address = self.hub ?? environment["CAREPLAN_HUB"] else {
            throw ValidationError("ハブのアドレスを --hub か CAREPLAN_HUB で指定してください / give the hub's address with --hub or CAREPLAN_HUB")
        }
        let credential: HubConnection.Credential
        if let cert = self.cert {
            guard let key = self.key else { throw ValidationError("--cert には --key が必要です / --cert needs --key") }
            credential = .certificate(certificateFile: cert, privateKeyFile: key)
        } else if let token = self.token ?? environment["CAREPLAN_TOKEN"] {
            credential = .token(token)
        } else {
            throw ValidationError("--token（または CAREPLAN_TOKEN）か --cert/--key が必要です / give --token (or CAREPLAN_TOKEN) or --cert and --key")
        }
        return try HubClient(connection: HubConnection(baseURL: address, credential: credential, trustRootsFile: self.ca))
    }
}

/// The local import store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The local store (SQLite) that `import` writes and `plans`, `reconcile`, `export` read.", completion: .file())
    var store: String = "careplan-store.sqlite"

    func open() throws -> ImportStore { try ImportStore(path: self.store) }

    func openExisting() throws -> ImportStore {
        guard FileManager.default.fileExists(atPath: self.store) else {
            throw CommandError("取込ストアがありません。先に careplan import を実行してください / no store at \(self.store): run careplan import first")
        }
        return try ImportStore(path: self.store)
    }
}

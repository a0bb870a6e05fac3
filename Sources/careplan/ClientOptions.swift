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

    func connection() throws -> HubConnection {
        do {
            return try HubConnection(
                address: self.hub, token: self.token, certificateFile: self.cert, privateKeyFile: self.key, trustRootsFile: self.ca,
                environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Whether a hub was named (flag or `CAREPLAN_HUB`): `import` reports to the hub only then.
    var isGiven: Bool { self.hub != nil || ProcessInfo.processInfo.environment["CAREPLAN_HUB"] != nil }

    /// Checks a named hub early; a command that needs one and has none says so when it runs.
    func validate() throws { if self.isGiven { _ = try self.connection() } }

    func makeClient() throws -> HubClient { try HubClient(connection: self.connection()) }
}

// CarePlan Link — how settings and the environment become a hub connection.
import CarePlanHubStore
import CarePlanExchange
import Testing

@testable import CarePlanClient

@Suite("HubConnection settings")
struct HubConnectionSettingsTests {
    @Test("flags win over the environment; a certificate wins over a token; missing pieces are refused")
    func settings() throws {
        let environment = ["CAREPLAN_HUB": "https://env.example:8443/", "CAREPLAN_TOKEN": "cpl_env"]
        let fromEnvironment = try HubConnection(address: nil, token: nil, certificateFile: nil, privateKeyFile: nil, trustRootsFile: nil, environment: environment)
        #expect(fromEnvironment.baseURL == "https://env.example:8443")
        guard case .token("cpl_env") = fromEnvironment.credential else { Issue.record("\(fromEnvironment.credential)"); return }

        let flags = try HubConnection(address: "http://127.0.0.1:8080", token: "cpl_flag", certificateFile: nil, privateKeyFile: nil, trustRootsFile: "ca.pem",
                                      environment: environment)
        #expect(flags.baseURL == "http://127.0.0.1:8080" && flags.trustRootsFile == "ca.pem")
        guard case .token("cpl_flag") = flags.credential else { Issue.record("\(flags.credential)"); return }

        let certificate = try HubConnection(address: nil, token: "cpl_flag", certificateFile: "a.crt", privateKeyFile: "a.key", trustRootsFile: nil, environment: environment)
        guard case .certificate("a.crt", "a.key") = certificate.credential else { Issue.record("\(certificate.credential)"); return }

        #expect(throws: HubConnection.SettingsError.self) {
            try HubConnection(address: nil, token: "t", certificateFile: nil, privateKeyFile: nil, trustRootsFile: nil, environment: [:])
        }
        #expect(throws: HubConnection.SettingsError.self) {
            try HubConnection(address: "http://127.0.0.1:1", token: nil, certificateFile: "a.crt", privateKeyFile: nil, trustRootsFile: nil, environment: [:])
        }
        #expect(throws: HubConnection.SettingsError.self) {
            try HubConnection(address: "http://127.0.0.1:1", token: nil, certificateFile: nil, privateKeyFile: nil, trustRootsFile: nil, environment: [:])
        }
    }
}

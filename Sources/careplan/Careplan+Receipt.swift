// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanExchange
import CarePlanHub
import CarePlanHubStore
import Foundation

extension Careplan {
    struct Receipt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Signed receipts (受領証).", subcommands: [Verify.self])

        struct Verify: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Verify a receipt offline with the hub's public key (GET /api/v1/public-key).")

            @Argument(help: "A receipt JSON file (as saved by the client or returned by the API).", completion: .file())
            var file: String

            @Option(help: "The hub's Ed25519 public key, base64.")
            var publicKey: String

            func run() async throws {
                let data = try Data(contentsOf: URL(fileURLWithPath: self.file))
                let receipt: SignedReceipt
                do {
                    receipt = try JSONDecoder().decode(SignedReceipt.self, from: data)
                } catch {
                    throw CommandError("受領証の形式が不正です / not a receipt: \(self.file)")
                }
                do {
                    let payload = try ReceiptVerifier.verify(receipt, publicKey: self.publicKey)
                    print("有効な受領証です / valid receipt: \(payload.event) \(payload.unitID) \(payload.sender) → \(payload.recipient) @ \(payload.time)")
                    for file in payload.files { print("  \(file.name)  \(file.size) bytes  sha256 \(file.sha256)") }
                } catch {
                    FileHandle.standardError.write(Data("無効 / INVALID: \(error.description)\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}

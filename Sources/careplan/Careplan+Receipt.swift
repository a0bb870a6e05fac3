// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanExchange
import CarePlanHub
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
                guard let receipt = (try? String(contentsOfFile: self.file, encoding: .utf8)).flatMap({ try? SignedReceipt(json: $0) }) else { throw CommandError("受領証の形式が不正です / not a receipt: \(self.file)") }
                do {
                    for line in try ReceiptVerifier.verify(receipt, publicKey: self.publicKey).lines { print(line) }
                } catch {
                    FileHandle.standardError.write(Data("無効 / INVALID: \(error.description)\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}

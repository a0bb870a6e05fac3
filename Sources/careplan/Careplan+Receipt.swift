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

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The hub's audit log (監査ログ).", subcommands: [Verify.self])

        struct Verify: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check the audit log: its hash chain, the hub's signed checkpoints, and any receipts or checkpoints you hold.",
                discussion: """
                    Every edit, insertion or gap breaks the chain. A log cut at its end, or rewritten and re-chained, is found \
                    through signed points: the checkpoints the hub keeps (and appends to audit.checkpointFile), and the \
                    receipts and checkpoints given with --evidence (receipt JSON, an upload answer, or JSON lines of them). \
                    Keep copies of those outside the hub: they are what a truncation cannot reach.
                    """)
            @OptionGroup var hub: HubOptions

            @Option(name: .customLong("evidence"), help: "A receipt or checkpoint file (JSON, or one per line); repeatable.", completion: .file())
            var evidence: [String] = []

            func run() async throws {
                let configuration = try self.hub.loadConfiguration()
                guard let signingKey = configuration.signingKey else { throw CommandError("hub.json に signingKey がありません / no signingKey in hub.json") }
                let publicKey = try ReceiptSigner(base64PrivateKey: signingKey).publicKey
                var files = self.evidence
                if let kept = configuration.audit.checkpointFile {
                    // A configured file that is gone is itself a sign of tampering (or of a lost copy): not skipped.
                    guard FileManager.default.fileExists(atPath: kept) else {
                        throw CommandError("監査チェックポイントのファイルがありません / the audit checkpoint file \(kept) is missing")
                    }
                    files.append(kept)
                }
                if self.evidence.isEmpty {
                    print("注意: 外部の証拠（--evidence）なし。データフォルダ内の記録だけでは切り詰めを検出できません / note: no --evidence given; what the data folder holds cannot show a truncation by someone who can write it")
                }
                var statements: [SignedReceipt] = []
                for file in files { statements += try Self.signedStatements(in: file) }
                let report = try await AuditVerifier.verify(store: try self.hub.openStore(), publicKey: publicKey, evidence: statements)
                for problem in report.breaks { print("NG \(problem)") }
                for problem in report.anchorProblems { print("NG \(problem)") }
                let head = report.head.map { "sequence \($0.sequence)" } ?? "empty"
                guard report.isIntact else {
                    print("監査ログに問題があります（\(report.entries)件、\(head)） / the audit log is NOT intact (\(report.entries) entries, \(head))")
                    throw ExitCode(1)
                }
                print(
                    "監査ログは完全です（\(report.entries)件、署名済みの点 \(report.anchorsChecked)件と一致） / audit log intact (\(report.entries) entries, \(head); \(report.anchorsChecked) signed points match)"
                )
            }

            /// The signed statements in a file: one JSON receipt, an upload answer holding one, or JSON lines of them.
            static func signedStatements(in path: String) throws -> [SignedReceipt] {
                let text: String
                do {
                    text = try String(contentsOfFile: path, encoding: .utf8)
                } catch {
                    throw CommandError("ファイルを読めません / cannot read \(path)")
                }
                struct Wrapped: Decodable { let receipt: SignedReceipt }
                func decode(_ json: Substring) -> SignedReceipt? {
                    let data = Data(json.utf8)
                    return (try? JSONDecoder().decode(SignedReceipt.self, from: data)) ?? (try? JSONDecoder().decode(Wrapped.self, from: data))?.receipt
                }
                if text.allSatisfy(\.isWhitespace) { return [] }
                if let one = decode(Substring(text)) { return [one] }
                let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
                let statements = lines.compactMap(decode)
                guard statements.count == lines.count, !statements.isEmpty else {
                    throw CommandError("受領証・チェックポイントとして読めません / not a receipt or checkpoint file: \(path)")
                }
                return statements
            }
        }
    }
}

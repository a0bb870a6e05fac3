// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanCSV
import CarePlanForms
import Foundation

extension Careplan {
    struct Forms: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print files as the paper forms (帳票): PDF, or HTML to open in a browser.",
            discussion: """
                Every file (or every file of each folder, e.g. a unit fetched by `careplan fetch`) is validated and shown as its
                form: 第1表・第2表・第3表, 第6表 with 予定 and 実績 on their two lines (give the 実績 files of the same month
                too), 第7表, 利用者基本情報 with 別表1・2, 介護予防サービス・支援計画書 with 別表. One user per page group, A4 in
                each form's orientation. PDF needs Chromium with a Japanese font (Debian: apt-get install chromium
                fonts-noto-cjk; or CAREPLAN_CHROMIUM=/path/to/chromium).
                """)

        @Argument(help: "Files of the standard, or folders holding them.", completion: .file())
        var paths: [String]

        @Option(name: .long, help: "Write the forms as one PDF to this file.")
        var out: String?

        @Option(name: .long, help: "Write the forms as HTML into this folder: index.html (every user) and one file per user.")
        var html: String?

        func validate() throws {
            guard self.out != nil || self.html != nil else {
                throw ValidationError("--out FILE.pdf か --html DIR を指定してください / give --out FILE.pdf or --html DIR")
            }
        }

        func run() async throws {
            let files = try Self.read(self.paths)
            let book: FormBook
            do {
                book = try FormBook(files: files)
            } catch {
                throw CommandError(error.description)
            }
            let title = "帳票 \(book.users.count)名"
            if let folder = self.html {
                let url = URL(fileURLWithPath: folder, isDirectory: true)
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data(book.html(title: title).utf8).write(to: url.appendingPathComponent("index.html"))
                for user in book.users {
                    try Data(book.html(title: "帳票 \(user.displayName)", userKeys: [user.key]).utf8).write(to: url.appendingPathComponent("\(user.key).html"))
                }
                print("HTML: \(url.appendingPathComponent("index.html").path)（\(book.users.count)名、\(files.count)ファイル）")
            }
            if let out = self.out {
                let printer = PDFPrinter.find()
                if let reason = printer.unavailableReason { throw CommandError(reason) }
                let pdf: [UInt8]
                do {
                    pdf = try await printer.pdf(html: book.html(title: title))
                } catch {
                    throw CommandError(error.description)
                }
                try Data(pdf).write(to: URL(fileURLWithPath: out), options: .atomic)
                print("PDF: \(out)（\(book.users.count)名、\(pdf.count) バイト）")
            }
        }

        /// The files named, and the files of the folders named (not their subfolders), in name order per folder.
        static func read(_ paths: [String]) throws -> [(name: String, bytes: [UInt8])] {
            var files: [(name: String, bytes: [UInt8])] = []
            for path in paths {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                    throw CommandError("\(path): ファイルもフォルダもありません / no such file or folder")
                }
                let urls: [URL]
                if isFolder.boolValue {
                    urls = try FileManager.default.contentsOfDirectory(at: URL(fileURLWithPath: path), includingPropertiesForKeys: nil)
                        .filter { (try? CarePlanFileName(parsing: $0.lastPathComponent)) != nil }
                        .sorted { $0.lastPathComponent < $1.lastPathComponent }
                    guard !urls.isEmpty else { throw CommandError("\(path): 標準仕様のファイルがありません / no file of the standard in this folder") }
                } else {
                    urls = [URL(fileURLWithPath: path)]
                }
                for url in urls { files.append((url.lastPathComponent, try [UInt8](Data(contentsOf: url)))) }
            }
            return files
        }
    }
}

// CarePlan Link — the browser and poppler tools for the PDF and screenshot tests, and where their artefacts go.
import CarePlanForms
import Foundation

enum FormEngine {
    static let printer = PDFPrinter.find()

    /// `Scripts/test-all.sh` (and so CI) installs Chromium, fonts-noto-cjk and poppler-utils and sets this: the tests
    /// then run and fail when a tool is missing. A plain `swift test` on a machine without Chromium skips them.
    static let required = ProcessInfo.processInfo.environment["CAREPLAN_REQUIRE_BROWSER"] == "1"

    static var enabled: Bool { Self.printer.executable != nil || Self.required }

    /// `.build-reliability/artefacts/forms/` of the package (or `CAREPLAN_ARTEFACTS`): PDFs, PNG pages, screenshots.
    static let artefacts: URL = {
        let base = ProcessInfo.processInfo.environment["CAREPLAN_ARTEFACTS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build-reliability/artefacts")
        let folder = base.appendingPathComponent("forms", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    struct ToolError: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs a tool from PATH to its end; its standard output as text.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolError(description: "\(tool) \(arguments.joined(separator: " ")): status \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Each page's size in points (width, height), from pdfinfo.
    static func pageSizes(_ pdf: URL) throws -> [(width: Double, height: Double)] {
        let info = try Self.run("pdfinfo", ["-f", "1", "-l", "9999", pdf.path])
        return info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }.map { line in
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            return (numbers[1], numbers[2])
        }
    }

    /// The text of page `page` (1-based), laid out as on paper.
    static func text(_ pdf: URL, page: Int) throws -> String {
        try Self.run("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf.path, "-"])
    }

    /// A screenshot of `html` at `width` CSS pixels, by headless Chromium.
    static func screenshot(_ html: URL, width: Int, height: Int, to png: URL) throws {
        guard let chromium = Self.printer.executable else { throw ToolError(description: "no chromium") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-shot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        try Self.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)", "--proxy-server=127.0.0.1:9",
            "--window-size=\(width),\(height)", "--screenshot=\(png.path)", html.absoluteString,
        ])
    }
}

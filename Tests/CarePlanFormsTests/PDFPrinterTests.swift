// CarePlan Link — the PDF printer's process handling with a stand-in browser (a shell script): a hung browser is
// stopped at the timeout, a cancelled print stops the browser, a browser that writes no PDF is a clear error.
import Foundation
import Testing

@testable import CarePlanForms

@Suite("PDF printer: process handling")
struct PDFPrinterTests {
    /// A stand-in for chromium: a script in a temporary folder.
    static func fakeBrowser(_ body: String) throws -> (printer: PDFPrinter, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("chromium")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (PDFPrinter.find(environment: ["CAREPLAN_CHROMIUM": script.path]), folder)
    }

    @Test("a browser that hangs is stopped at the timeout, with an error naming chromium")
    func hungBrowser() async throws {
        let (printer, folder) = try Self.fakeBrowser("exec sleep 60")
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = ContinuousClock.now
        await #expect {
            _ = try await printer.pdf(html: "<p>x</p>", timeout: .milliseconds(300))
        } throws: { error in
            "\(error)".contains("chromium")
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("cancelling a print stops the browser")
    func cancelled() async throws {
        let (printer, folder) = try Self.fakeBrowser("exec sleep 60")
        defer { try? FileManager.default.removeItem(at: folder) }
        let started = ContinuousClock.now
        let task = Task { try await printer.pdf(html: "<p>x</p>", timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        _ = await task.result
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("a browser that exits without a PDF, and a missing browser, are errors that say so")
    func noPDF() async throws {
        let (printer, folder) = try Self.fakeBrowser("echo broken >&2; exit 3")
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect {
            _ = try await printer.pdf(html: "<p>x</p>")
        } throws: { error in
            "\(error)".contains("status 3") && "\(error)".contains("broken")
        }
        let missing = PDFPrinter.find(environment: ["CAREPLAN_CHROMIUM": "/nonexistent/chromium"])
        #expect(missing.executable == nil && missing.unavailableReason?.contains("fonts-noto-cjk") == true)
        await #expect {
            _ = try await missing.pdf(html: "<p>x</p>")
        } throws: { error in
            "\(error)".contains("chromium")
        }
    }
}

// CarePlan Link — CarePlanForms
import Foundation
import Synchronization

/// Prints the forms' HTML to PDF with a real browser engine: Chromium's headless print-to-PDF, which lays out
/// Japanese text with the system's CJK fonts (Debian: fonts-noto-cjk) and honours the paged-media CSS (A4, named
/// pages for landscape forms, repeated table headings). Chromium is found as `CAREPLAN_CHROMIUM`, else as
/// `chromium`, `chromium-browser`, `google-chrome` or `google-chrome-stable` on `PATH`; without it, PDF is
/// unavailable and ``unavailableReason`` says why (the HTML print view still works).
///
/// Each PDF is printed by a browser started for it (with its helper processes) on a fresh profile in a temporary
/// folder of mode 0700, which is removed afterwards. The page is our own escaped HTML with no external references and
/// no script (switching JavaScript off with `--blink-settings` stops Chromium from printing at all); the proxy points
/// at a closed port so that a stray request to another host goes nowhere. `--no-sandbox` is passed only when running as root, where Chromium's sandbox cannot start.
public struct PDFPrinter: Sendable {
    /// The Chromium executable, or nil when none was found.
    public let executable: String?

    public init(executable: String?) { self.executable = executable }

    /// Finds Chromium as described above.
    public static func find(environment: [String: String]? = nil) -> PDFPrinter {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let path = environment["CAREPLAN_CHROMIUM"], !path.isEmpty {
            return PDFPrinter(executable: FileManager.default.isExecutableFile(atPath: path) ? path : nil)
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders {
                let path = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return PDFPrinter(executable: path) }
            }
        }
        return PDFPrinter(executable: nil)
    }

    /// Why PDF cannot be made here, Japanese then English; nil when it can.
    public var unavailableReason: String? {
        self.executable == nil
            ? "PDF を作るブラウザ（chromium）がこのコンピューターにありません。印刷画面からブラウザの「PDFに保存」を使うか、管理者に chromium と fonts-noto-cjk の導入（apt-get install chromium fonts-noto-cjk）を依頼してください / PDF needs Chromium, which is not installed here (apt-get install chromium fonts-noto-cjk, or set CAREPLAN_CHROMIUM)"
            : nil
    }

    public struct PrintError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The PDF of `html`. Throws ``PrintError`` when Chromium is missing, fails, or takes longer than `timeout` (it is
    /// then terminated, and killed 5 s later if it is still there). Cancelling the task stops the browser too.
    public func pdf(html: String, timeout: Duration = .seconds(120)) async throws(PrintError) -> [UInt8] {
        guard let executable = self.executable else { throw PrintError(description: self.unavailableReason ?? "") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("careplan-pdf-\(UUID().uuidString)", isDirectory: true)
        do {
            // The page holds care data: readable by this user only.
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw PrintError(description: "PDF の作業フォルダを作れません / cannot create a working folder: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("forms.html")
        let output = folder.appendingPathComponent("forms.pdf")
        let log = folder.appendingPathComponent("chromium.log")
        do {
            try Data(html.utf8).write(to: page)
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        } catch {
            throw PrintError(description: "PDF の作業ファイルを書けません / cannot write the page: \(error)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            ["--headless"] + (getuid() == 0 ? ["--no-sandbox"] : []) + [
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--mute-audio",
                "--proxy-server=127.0.0.1:9", "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--no-pdf-header-footer",
                "--print-to-pdf=\(output.path)", page.absoluteString,
            ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let logHandle = try? FileHandle(forWritingTo: log)
        process.standardError = logHandle
        defer { try? logHandle?.close() }
        let status: Int32
        do {
            status = try await Self.run(process, timeout: timeout)
        } catch {
            throw PrintError(description: "chromium を起動できません / cannot start chromium (\(executable)): \(error)")
        }
        guard status == 0, let bytes = try? Data(contentsOf: output), bytes.starts(with: Array("%PDF-".utf8)) else {
            let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(600)) } ?? ""
            throw PrintError(description: "PDF を作れませんでした（chromium の終了コード \(status)） / chromium failed with status \(status): \(tail)")
        }
        return Array(bytes)
    }

    /// Runs `process` to its end. After `timeout`, or when the task is cancelled, its process group (the browser and
    /// its helpers: Foundation starts a child in a group of its own) gets SIGTERM, then SIGKILL 5 s later. One
    /// termination handler, installed before the start, resumes the continuation exactly once.
    private static func run(_ process: Process, timeout: Duration) async throws -> Int32 {
        let state = RunState()
        @Sendable func stop() {
            let pid = state.value.withLock { state -> pid_t? in
                state.stopRequested = true
                return state.pid
            }
            guard let pid, pid > 0 else { return }
            // The group first (helpers too); the browser itself in case it leads none.
            kill(-pid, SIGTERM)
            kill(pid, SIGTERM)
            Task.detached {
                try? await Task.sleep(for: .seconds(5))
                guard state.value.withLock({ !$0.exited }) else { return }
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
            }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
                let watchdog = Task.detached {
                    try? await Task.sleep(for: timeout)
                    if !Task.isCancelled { stop() }
                }
                process.terminationHandler = { ended in
                    state.value.withLock { $0.exited = true }
                    watchdog.cancel()
                    continuation.resume(returning: ended.terminationStatus)
                }
                do {
                    try process.run()
                } catch {
                    watchdog.cancel()
                    continuation.resume(throwing: error)
                    return
                }
                let stopEarly = state.value.withLock { state -> Bool in
                    state.pid = process.processIdentifier
                    return state.stopRequested
                }
                // Cancelled before the start: stop now rather than after the timeout.
                if stopEarly || Task.isCancelled { stop() }
            }
        } onCancel: {
            stop()
        }
    }

    /// What the watchdog, the cancellation and the termination handler share.
    private final class RunState: Sendable {
        struct Value {
            var pid: pid_t?
            var stopRequested = false
            var exited = false
        }
        let value = Mutex(Value())
    }
}

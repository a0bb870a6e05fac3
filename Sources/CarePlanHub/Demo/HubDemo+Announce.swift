// CarePlan Link — CarePlanHub
import Foundation

extension HubDemo {
    /// The login page of a demo hub listening on `host:port` (a wildcard address is reached on loopback).
    public static func loginURL(host: String, port: Int) -> String {
        "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)/web/login"
    }

    /// What the demo says once it is listening: where to go and how to log in.
    public static func banner(url: String) -> String {
        """
        CarePlan Link デモ / demo: \(url)
        ログイン / logins: cm（居宅介護支援）, helper（訪問介護）, day（通所介護）, equipment（福祉用具貸与） — パスワード / password: \(Self.password)
        終了は Ctrl+C / stop with Ctrl+C

        """
    }

    /// Opens `url` with the desktop's browser when there is one (xdg-open on Linux, open on macOS); returns false when
    /// none could be started, so the caller can say where to go instead.
    public static func openBrowser(_ url: String) -> Bool {
        for opener in ["/usr/bin/xdg-open", "/usr/bin/open"] where FileManager.default.isExecutableFile(atPath: opener) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opener)
            process.arguments = [url]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil { return true }
        }
        return false
    }
}

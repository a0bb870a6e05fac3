// CarePlan Link — CarePlanHub
import CarePlanCSV
import Foundation

extension HubDemo {
    /// The login page of a demo hub listening on `host:port` (a wildcard address is reached on loopback).
    public static func loginURL(host: String, port: Int) -> String {
        "http://\(host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host):\(port)/web/login"
    }

    /// What the demo says once it is listening: where to go, and every login with its role.
    public static func banner(url: String) -> String {
        var lines = [
            "CarePlan Link デモ / demo: \(url)",
            "パスワードはすべて / every password: \(Self.password)",
            "ログイン / logins:",
            "  cm         事業所管理者 / office admin — ちよだ居宅介護支援センター（居宅介護支援）",
            "  helper     事業所管理者 / office admin — 神田ヘルパーステーション（訪問介護）",
            "  day        事業所管理者 / office admin — 麹町デイサービス（通所介護）",
            "  equipment  事業所管理者 / office admin — 番町福祉用具センター（福祉用具貸与）",
            "  \(Self.cityLogin.padding(toLength: 10, withPad: " ", startingAt: 0)) 市区町村 / municipality — さくら市（モデル地域の状況・利用申請 / the model region's dashboard, applications）",
            "  \(Self.prefectureLogin.padding(toLength: 10, withPad: " ", startingAt: 0)) 都道府県 / prefecture — 東京都（管内の地域 / its regions）",
            "  \(Self.operatorLogin.padding(toLength: 10, withPad: " ", startingAt: 0)) ハブの運用者 / hub operator — 利用期間・利用申請 / usage periods, applications",
            "  \(Self.newOffice.login.padding(toLength: 10, withPad: " ", startingAt: 0)) 事業所管理者 / office admin — \(Self.newOffice.name)（訪問看護・さくら市） — 承認されたばかり、はじめにすること / just approved, first steps",
        ]
        let notes = [
            Self.regionCareManagers[0].login: "補助金の基準ちょうど5事業所 / exactly at the 5-partner threshold",
            Self.regionCareManagers[1].login: "4事業所、基準まであと1 / 4 partners, one short",
            Self.regionCareManagers[3].login: "お試し利用があと12日で終了 / trial ends in 12 days",
            Self.regionEquipment[0].login: "利用期間が終了（受信のみ） / usage period ended (receiving only)",
            Self.regionEquipment[1].login: "地域への招待を辞退 / declined the region",
            Self.regionEquipment[2].login: "地域への招待に未回答 / invitation not answered",
        ]
        for office in Self.regionOffices {
            let type = ServiceType.named(office.id.serviceType ?? "")?.name ?? ""
            let note = notes[office.login].map { " — \($0)" } ?? ""
            lines.append("  \(office.login.padding(toLength: 10, withPad: " ", startingAt: 0)) 事業所管理者 / office admin — \(office.name)（\(type)・さくら市）\(note)")
        }
        lines.append("終了は Ctrl+C / stop with Ctrl+C")
        return lines.joined(separator: "\n") + "\n\n"
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

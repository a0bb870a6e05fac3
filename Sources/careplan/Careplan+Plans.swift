// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanAnalysis
import CarePlanHubStore
import CarePlanClient
import CarePlanCSV
import Foundation

extension Careplan {
    struct Plans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan history in the local store: list versions, show one, diff two (計画履歴).",
            subcommands: [List.self, ShowVersion.self, Diff.self])
    }
}

extension Careplan.Plans {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plan versions (per office, user, month).")
        @OptionGroup var store: StoreOptions
        @Option(help: "被保険者番号") var user: String?
        @Option(help: "Key date: 対象年月 YYYYMM or 作成日 YYYYMMDD.") var key: String?
        @Option(help: "Office (事業所番号_種類) as sender or recipient.") var office: String?
        @Flag(help: "Only the current version of each key.") var current = false

        func run() async throws {
            let versions = try await self.store.openExisting().versions(insuredNumber: self.user, keyDate: self.key, office: self.office, currentOnly: self.current)
            print(PlanVersion.tableHeader)
            for version in versions { print(version.tableRow) }
            print("計 \(versions.count) 版 / \(versions.count) version(s)")
        }
    }

    struct ShowVersion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one version: its key and every row with the spec's item names.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Version id (see `careplan plans list`).") var id: Int64
        @Flag(help: "Print the version as JSON (CarePlanDocument per file).") var json = false

        func run() async throws {
            guard let version = try await self.store.openExisting().version(id: self.id) else { throw CommandError("版がありません / no version \(self.id)") }
            print(self.json ? try version.json() : version.listing)
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed between two versions of a plan (goals, services, days, units); with one id, against the version before it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Version id; with a second id, the older one first.") var ids: [Int64]

        func validate() throws {
            guard (1...2).contains(self.ids.count) else { throw ValidationError("版の id を1つか2つ / give one or two version ids") }
        }

        func run() async throws {
            let (older, newer) = try await self.store.openExisting().comparison(ids: self.ids)
            print("\(newer.key)")
            print("\(older.map { "版 \($0.id) (\($0.timestamp))" } ?? "（前の版なし / no earlier version）") → 版 \(newer.id) (\(newer.timestamp))")
            let diff = PlanDiff.compare(older?.documents ?? [], newer.documents)
            if diff.changes.isEmpty { print("変更なし / no changes") }
            for change in diff.changes { print(change.description) }
        }
    }
}

// CarePlan Link — careplan command-line tool
import ArgumentParser
import CarePlanClient
import CarePlanCSV
import CarePlanExchange
import Foundation

extension Careplan {
    struct Partners: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "連携先 (partners) at the hub: search the office directory, list, request, accept, decline, remove, favourite.",
            discussion: "By default a hub delivers units only between linked partners: ask with `request`, the other office answers with `accept`.",
            subcommands: [Search.self, List.self, Request.self, Accept.self, Decline.self, Remove.self, Favourite.self])
    }
}

/// `--format text|json` of the partner commands.
struct PartnerOutput: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Output format: text (a table in Japanese) or json (the hub's answer).")
    var format: Format = .text

    func print<Value: Encodable>(_ value: Value, text: () -> [String]) throws {
        switch self.format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
        case .text:
            for line in text() { Swift.print(line) }
        }
    }

    static func line(_ partner: PartnerView) -> String {
        "\(partner.office.office)\t\(partner.stateLabel)\(partner.favourite ? " ★" : "")\t\(partner.office.label)"
    }
}

/// The office a partner command is about: `--office 事業所番号_種類` or `--id N` (the hub's number, from `search`).
struct PartnerTarget: ParsableArguments {
    @Option(help: "The other office, 事業所番号_サービス種類コード (e.g. 1310100021_11).")
    var office: OfficeID?

    @Option(help: "The other office by the hub's number (the id column of `careplan partners search`).")
    var id: Int64?

    func validate() throws {
        guard (self.office == nil) != (self.id == nil) else {
            throw ValidationError("--office か --id のどちらか1つを指定してください / give either --office or --id")
        }
    }

    var reference: String { self.office?.description ?? self.id.map(String.init) ?? "" }
}

extension Careplan.Partners {
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search the hub's office directory (事業所検索).")
        @OptionGroup var client: ClientOptions
        @OptionGroup var output: PartnerOutput
        @Argument(help: "Part of the 事業所名, or the start of the 事業所番号.") var text: String?
        @Option(help: "市区町村コード (or its start).") var municipality: String?
        @Option(help: "サービス種類コード, e.g. 11.") var serviceType: String?
        @Option(help: "At most this many offices (1–200).") var limit = 50

        func run() async throws {
            let client = try self.client.makeClient()
            let result = await Result(catching: { try await client.searchOffices(text: self.text, municipalityCode: self.municipality, serviceType: self.serviceType, limit: self.limit) })
            try await client.shutdown()
            let list = try result.get()
            try self.output.print(list) {
                ["id\t事業所\t連携\t事業所名（サービス種類・事業所番号）"]
                    + list.offices.map { "\($0.id)\t\($0.office)\t\($0.partnerState.map(Self.standing) ?? "－")\t\($0.label)" }
                    + ["計 \(list.offices.count) 件\(list.truncated ? "（ほかにもあります。条件を絞ってください / more matched: narrow the search）" : "")"]
            }
        }

        private static func standing(_ state: String) -> String {
            ["linked": "連携中", "requested": "申請中", "incoming": "承認待ち", "declined": "辞退されました", "declinedByYou": "辞退しました"][state] ?? state
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your partners, open requests either way and declined ones.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var output: PartnerOutput

        func run() async throws {
            let client = try self.client.makeClient()
            let result = await Result(catching: { try await client.partners() })
            try await client.shutdown()
            let list = try result.get()
            try self.output.print(list) {
                list.partners.map(PartnerOutput.line) + ["計 \(list.partners.count) 件"]
                    + [list.addressing == "anyRegisteredOffice"
                        ? "このハブでは登録済みのどの事業所にも送れます / this hub lets you send to any registered office"
                        : "送信できるのは連携中の事業所だけです / units go to linked partners only"]
            }
        }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask an office to link (連携申請); when it had asked you, you are linked at once.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var target: PartnerTarget
        @OptionGroup var output: PartnerOutput

        func run() async throws {
            try await Careplan.Partners.change(self.client, self.output) { try await $0.requestPartner(self.target.reference) }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept an office's request (承認).")
        @OptionGroup var client: ClientOptions
        @OptionGroup var target: PartnerTarget
        @OptionGroup var output: PartnerOutput

        func run() async throws {
            try await Careplan.Partners.change(self.client, self.output) { try await $0.answerPartner(self.target.reference, accept: true) }
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decline an office's request (辞退).")
        @OptionGroup var client: ClientOptions
        @OptionGroup var target: PartnerTarget
        @OptionGroup var output: PartnerOutput

        func run() async throws {
            try await Careplan.Partners.change(self.client, self.output) { try await $0.answerPartner(self.target.reference, accept: false) }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a link, withdraw your request, or clear a declined one.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var target: PartnerTarget

        func run() async throws {
            let client = try self.client.makeClient()
            let result = await Result(catching: { try await client.removePartner(self.target.reference) })
            try await client.shutdown()
            try result.get()
            print("連携を解除しました / removed: \(self.target.reference)")
        }
    }

    struct Favourite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a linked partner as a favourite (お気に入り), or unmark it with --off.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var target: PartnerTarget
        @OptionGroup var output: PartnerOutput
        @Flag(help: "Unmark.") var off = false

        func run() async throws {
            try await Careplan.Partners.change(self.client, self.output) { try await $0.setFavouritePartner(self.target.reference, favourite: !self.off) }
        }
    }

    /// Runs one partner operation and prints the partner as it now stands.
    static func change(_ options: ClientOptions, _ output: PartnerOutput, _ operation: (HubClient) async throws -> PartnerView) async throws {
        let client = try options.makeClient()
        let result = await Result(catching: { try await operation(client) })
        try await client.shutdown()
        let partner = try result.get()
        try output.print(partner) { [PartnerOutput.line(partner)] }
    }
}

extension Result where Failure == any Error {
    /// The result of `body`, to hand on after cleaning up.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanExchange
import CarePlanHubStore
import Foundation
import Logging

/// A month's export in one action: the files are grouped into send units by their names (送信元, 送信先, ファイル連番)
/// and each unit goes through ``UnitIntake`` on its own, checked only (`preview`) or stored. A unit is stored whole or
/// not at all; a refused one does not stop the others, and the answer says what happened to each.
struct BatchIntake {
    let hub: Hub

    /// The files of one send unit, or one file whose name names no unit.
    struct Group: Sendable {
        let key: String
        let files: [UploadedFile]
    }

    /// Groups by send unit, in ファイル連番 then 送信先 order; a file whose name is not the spec's is a group of its own
    /// (the intake refuses it, naming the problem).
    static func group(_ uploads: [UploadedFile]) -> [Group] {
        var units: [SendUnitKey: [UploadedFile]] = [:]
        var loose: [Group] = []
        for upload in uploads {
            if let name = try? CarePlanFileName(parsing: upload.name) {
                units[name.sendUnitKey, default: []].append(upload)
            } else {
                loose.append(Group(key: upload.name, files: [upload]))
            }
        }
        return units.keys.sorted().map { Group(key: $0.description, files: units[$0]!) } + loose
    }

    /// Checks every unit; stores nothing.
    func preview(_ uploads: [UploadedFile], from office: Office, actor: String) async throws -> [BatchResult.Item] {
        var items: [BatchResult.Item] = []
        for group in try self.groups(uploads) {
            do {
                let preview = try await UnitIntake(hub: self.hub).preview(group.files, from: office, actor: actor)
                items.append(
                    BatchResult.Item(
                        key: group.key, files: group.files.map(\.name), status: "valid", recipientName: OfficeLabel.text(preview.recipient),
                        label: UnitLabel.text(preview.files), months: preview.months, users: preview.users))
            } catch let error as ExchangeError {
                items.append(self.refused(group, error))
            } catch {
                items.append(self.refused(group, Self.failed(error)))
            }
        }
        return items
    }

    /// Stores every unit that passes; returns each unit's outcome.
    func send(_ uploads: [UploadedFile], from office: Office, actor: String, account: String?) async throws -> [BatchResult.Item] {
        var items: [BatchResult.Item] = []
        for group in try self.groups(uploads) {
            do {
                let result = try await UnitIntake(hub: self.hub).accept(group.files, from: office, actor: actor, account: account)
                let view = UnitView(result.listed, hub: self.hub, viewerIsSender: true)
                items.append(
                    BatchResult.Item(
                        key: group.key, files: group.files.map(\.name), status: result.created ? "created" : "existing", recipientName: view.recipientName,
                        label: view.label, unit: view, receipt: result.receipt))
            } catch let error as ExchangeError {
                items.append(self.refused(group, error))
            } catch {
                // Not the unit's fault (the store, the disk): this unit is not stored, the others go on; sending the
                // batch again is safe (stored units come back as `existing`).
                self.hub.logger.error("batch unit failed", metadata: ["unit": "\(group.key)", "error": "\(error)"])
                items.append(self.refused(group, Self.failed(error)))
            }
        }
        return items
    }

    private static func failed(_ error: any Error) -> ExchangeError {
        ExchangeError(
            .unavailable, "unit.failed",
            "ハブの内部エラーのため、この送信単位は保存していません。もう一度送ってください（送信済みのものは重複しません） / the hub failed to store this unit; send again (units already stored are not duplicated)")
    }

    private func groups(_ uploads: [UploadedFile]) throws -> [Group] {
        guard !uploads.isEmpty else { throw ExchangeError(.malformed, "unit.empty", "ファイルがありません / the upload holds no files") }
        let groups = Self.group(uploads)
        let limit = self.hub.configuration.limits.maxUnitsPerBatch
        guard groups.count <= limit else {
            throw ExchangeError(
                .tooLarge, "limit.units", "一度に送れる送信単位は\(limit)件までです（\(groups.count)件あります） / at most \(limit) units in one batch (\(groups.count) given)")
        }
        return groups
    }

    private func refused(_ group: Group, _ error: ExchangeError) -> BatchResult.Item {
        var item = BatchResult.Item(
            key: group.key, files: group.files.map(\.name), status: "refused",
            error: ErrorEnvelope.Body(code: error.code, message: error.message, details: error.details.isEmpty ? nil : error.details.map(\.redacted)))
        item.senderDetails = error.details.isEmpty ? nil : error.details
        return item
    }
}

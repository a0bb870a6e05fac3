// CarePlan Link — CarePlanHub
import CarePlanHubStore

/// What may be done with a unit next, from its state and its files: the one statement of each rule that the pages
/// (which buttons to show), the confirmations and ``UnitDelivery`` share. The store decides withdrawal again inside its
/// transaction.
extension ListedUnit {
    /// How many of the unit's files the recipient has downloaded.
    var downloadedFileCount: Int { self.files.filter { $0.downloadedAt != nil }.count }

    /// The recipient may report its import: every file downloaded, and not reported 取込済 yet.
    var isImportReportable: Bool { self.unit.state == .downloaded || self.unit.state == .importRefused }

    /// The sender may withdraw it: accepted, and the recipient has downloaded nothing.
    var isWithdrawable: Bool { self.unit.state == .accepted && self.downloadedFileCount == 0 }

    /// The sender may send its kept files again: expired, files kept, and nothing of it downloaded (a partly
    /// downloaded unit keeps its ファイル連番).
    var isResendable: Bool { self.unit.state == .expired && self.unit.filesPurgedAt == nil && self.downloadedFileCount == 0 }
}

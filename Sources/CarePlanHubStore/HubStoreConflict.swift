// CarePlan Link — CarePlanHubStore

/// An operation refused because of what is already stored.
public enum HubStoreConflict: Error, Equatable, Sendable {
    /// The sender already sent another unit to the recipient with this ファイル連番.
    case sequenceReused(String)
    /// The office has recorded this 事業所番号 + 種類 as a paper partner already.
    case duplicatePaperPartner
    /// The unit was to go only to a linked partner (連携先), and sender and recipient are not linked (any more).
    case notLinked
    /// The authority already has a model region of this name, or an authority of this kind and code exists.
    case duplicateName
    /// A link proposal names an office that has not joined the region.
    case notRegionMember
    /// An application for this 事業所番号 + 種類 with the same contact waits for a decision already.
    case applicationPending
    /// The office an application names is registered at the hub already.
    case officeRegistered
    /// Another account has this login name.
    case loginNameTaken
}

// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore

/// The model-region part of `partners.mustache`: the office's open invitations, the regions it joined, the link
/// proposals waiting for its answer, and the other members of its regions (suggested partners).
struct PartnersRegionSection: Sendable {
    struct Invitation: Sendable {
        let region: String
        let name: String
        let municipality: String
        let since: String
    }

    struct Proposal: Sendable {
        let id: String
        let label: String
        let region: String
        /// The other office accepted already.
        let otherAccepted: Bool
        /// This office accepted already and waits for the other.
        let accepted: Bool
    }

    struct Suggestion: Sendable {
        let office: String
        let label: String
        /// 連携中 etc.; nil when the office can be asked.
        let standing: String?
    }

    var invitations: [Invitation] = []
    var joined: [Invitation] = []
    var proposals: [Proposal] = []
    var suggestions: [Suggestion] = []
    var hasInvitations = false
    var hasJoined = false
    var hasProposals = false
    var hasSuggestions = false

    init() {}

    init(office: Office, invitations: [RegionInvitation], proposals: [RegionBook.Proposal], suggestions: [Office], links: [PartnerLink]) {
        func row(_ invitation: RegionInvitation) -> Invitation {
            Invitation(
                region: String(invitation.region.id), name: invitation.region.name, municipality: invitation.authority.name,
                since: JapanTime.string(invitation.member.answeredAt ?? invitation.member.invitedAt))
        }
        self.invitations = invitations.filter { $0.member.state == .invited }.map(row)
        self.joined = invitations.filter { $0.member.state == .joined }.map(row)
        self.proposals = proposals.map { proposal in
            Proposal(
                id: String(proposal.proposal.id), label: OfficeLabel.text(proposal.other), region: proposal.region.name,
                otherAccepted: proposal.proposal.hasAccepted(proposal.other.id), accepted: proposal.proposal.hasAccepted(office.id))
        }
        let standings = Dictionary(uniqueKeysWithValues: links.map { ($0.partner.id, PartnerStanding($0.partnership, seenBy: office.id)) })
        self.suggestions = suggestions.map { other in
            Suggestion(office: other.officeID.description, label: OfficeLabel.text(other), standing: standings[other.id]?.pageLabel)
        }
        self.hasInvitations = !self.invitations.isEmpty
        self.hasJoined = !self.joined.isEmpty
        self.hasProposals = !self.proposals.isEmpty
        self.hasSuggestions = !self.suggestions.isEmpty
    }
}

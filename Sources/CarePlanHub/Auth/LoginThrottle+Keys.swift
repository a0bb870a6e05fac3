// CarePlan Link — CarePlanHub
import CarePlanExchange
import CarePlanHubStore
import Foundation

/// Which keys an attempt counts against: the hub's reading of a login name and a client address.
extension LoginThrottle {
    /// The keys of an attempt by `loginName` from `address`, under the configured policies.
    static func keys(loginName: String, address: String, configuration: HubConfiguration.Auth) -> [Key] {
        // Names are hashed: the table then holds no login names and every key has the same small size.
        let network = Self.network(of: address)
        return [
            Key(id: Self.namePrefix(loginName) + network, policy: configuration.perAccountAndAddress, clearedOnSuccess: true),
            Key(id: "address:\(network)", policy: configuration.perAddress, clearedOnSuccess: false),
        ]
    }

    /// The start of every key of `loginName` (one per address): a password reset clears them all, so that the user
    /// is not kept waiting by the guesses that locked them out.
    static func namePrefix(_ loginName: String) -> String {
        "name+address:\(HexDigest.sha256(Array(loginName.utf8))):"
    }

    /// The unit an address is counted by: an IPv4 address itself, an IPv6 address's /64, `::ffff:a.b.c.d` as `a.b.c.d`.
    static func network(of address: String) -> String {
        let lowered = address.lowercased()
        if lowered.hasPrefix("::ffff:"), lowered.contains(".") { return String(lowered.dropFirst("::ffff:".count)) }
        guard lowered.contains(":") else { return lowered }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, lowered, &bytes) == 1 else { return lowered }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}

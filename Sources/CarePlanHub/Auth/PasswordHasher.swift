// CarePlan Link — CarePlanHub
import HummingbirdBcrypt

/// Password hashing for accounts (bcrypt, cost 12).
public enum PasswordHasher {
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }
    /// A hash of another cost (tests use a low one; verification reads the cost from the hash).
    public static func hash(_ password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}

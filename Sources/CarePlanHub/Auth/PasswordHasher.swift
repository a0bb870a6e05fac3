// CarePlan Link — CarePlanHub
import HummingbirdBcrypt
import NIOPosix

/// Password hashing for accounts (bcrypt, cost 12).
public enum PasswordHasher {
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: 12) }
    /// A hash of another cost (tests use a low one; verification reads the cost from the hash).
    public static func hash(_ password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// ``hash(_:)`` on NIO's thread pool: bcrypt takes a quarter of a second on purpose, and on a request's executor it
    /// would stall every other request on that thread (the hub has two on a 2-core machine).
    static func hashInPool(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Self.hash(password) }
    }

    /// ``verify(_:hash:)`` on NIO's thread pool.
    static func verifyInPool(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Self.verify(password, hash: hash) }
    }
}

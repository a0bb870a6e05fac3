// CarePlan Link — CarePlanHub

/// Why a password login is refused. The API and the web page answer it through
/// `HTTP/Errors/LoginError+HTTPResponseError.swift`.
public enum LoginError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Wrong name or password; the same answer for an unknown name.
    case failed
    /// Too many attempts from this address or for this name from it; retry after the seconds given.
    case throttled(retryAfter: Double)
    /// The name or password is empty or longer than accepted (checked before any work).
    case outOfBounds(maxLoginName: Int, maxPasswordBytes: Int)

    /// Stable, machine-readable.
    public var code: String {
        switch self {
        case .failed: "login.failed"
        case .throttled: "login.throttled"
        case .outOfBounds: "login.bounds"
        }
    }

    /// Whole seconds to wait, at least 1.
    var waitSeconds: Int? {
        guard case .throttled(let seconds) = self else { return nil }
        return max(1, Int(seconds.rounded(.up)))
    }

    /// `日本語 / English`
    public var message: String {
        switch self {
        case .failed:
            "ログイン名またはパスワードが違います / wrong login name or password"
        case .throttled:
            "ログインの試行が多すぎます。\(self.waitSeconds ?? 1)秒後に再試行してください / too many login attempts; retry in \(self.waitSeconds ?? 1) s"
        case .outOfBounds(let name, let password):
            "ログイン名は1〜\(name)文字、パスワードは\(password)バイト以内です / the login name must be 1–\(name) characters and the password at most \(password) bytes"
        }
    }

    public var description: String { "\(self.code): \(self.message)" }
}

// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanHubStore

/// `send`, `receive`, `manage`: the raw values, listed in help.
extension Scope: ExpressibleByArgument {
    /// A comma-separated list (`--scopes send,receive`, the form scripts and the README use).
    static func list(_ text: String) throws -> [Scope] {
        try text.split(separator: ",").map { name in
            guard let scope = Scope(argument: String(name)) else {
                throw ValidationError("不明なスコープ \(name)（send, receive, manage） / unknown scope \(name): use send, receive or manage")
            }
            return scope
        }
    }
}

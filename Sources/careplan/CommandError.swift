// CarePlan Link — careplan command-line tool

/// A failure already explained to the user in both languages.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

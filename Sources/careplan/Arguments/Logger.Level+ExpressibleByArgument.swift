// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import Logging

/// `--log-level trace…critical`: a mistyped level is refused instead of silently becoming info.
extension Logger.Level: @retroactive ExpressibleByArgument {}

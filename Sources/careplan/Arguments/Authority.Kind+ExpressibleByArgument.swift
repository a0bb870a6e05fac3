// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanHubStore

/// `--kind municipality|prefecture`: the raw values, listed in help.
extension Authority.Kind: ExpressibleByArgument {}

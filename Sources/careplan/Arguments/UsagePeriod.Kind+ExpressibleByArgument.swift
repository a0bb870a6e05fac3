// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanHubStore

/// `--kind trial|freePass|paid|municipal`: the raw values, listed in help.
extension UsagePeriod.Kind: ExpressibleByArgument {}

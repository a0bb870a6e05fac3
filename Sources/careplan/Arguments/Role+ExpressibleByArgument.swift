// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanHubStore

/// `--role admin|staff|operator|municipality|prefecture`: the raw values, listed in help.
extension Role: ExpressibleByArgument {}

// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanHubStore

/// `--role admin|staff|operator`: the raw values, listed in help.
extension Role: ExpressibleByArgument {}

// CarePlan Link — careplan command-line tool
import CarePlanHubStore
public import ArgumentParser
public import CarePlanHub

/// `--role admin|staff|operator`: the raw values, listed in help.
extension Role: ExpressibleByArgument {}

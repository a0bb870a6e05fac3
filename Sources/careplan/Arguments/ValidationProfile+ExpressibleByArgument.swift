// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanCSV

/// `--profile send|receive`: the raw values, listed in help.
extension ValidationProfile: ExpressibleByArgument {}

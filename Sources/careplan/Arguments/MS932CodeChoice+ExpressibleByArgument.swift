// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanCSV

/// `--ms932-codes nec|windows`: the raw values, listed in help.
extension MS932CodeChoice: ExpressibleByArgument {}

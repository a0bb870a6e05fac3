// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanCSV

/// `--month 202506`: 対象年月 as YYYYMM.
extension YearMonth: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

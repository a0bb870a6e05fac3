// CarePlan Link — careplan command-line tool
public import ArgumentParser
public import CarePlanCSV

/// `--office 1310100012_43`: 事業所番号 (10 digits) and サービス種類コード, as in 4.1 file names.
extension OfficeID: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

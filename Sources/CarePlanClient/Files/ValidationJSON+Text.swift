// CarePlan Link — CarePlanClient
public import CarePlanCSV
import Foundation

extension ValidationJSON {
    /// The `careplan validate --format json` text: the ``ValidationJSON`` contract, sorted and pretty-printed.
    public static func text(reports: [FileReport], units: [SendUnitReport], valid: Bool, profile: ValidationProfile = .send) throws -> String {
        let encoder = JSONEncoder.readable
        return String(decoding: try encoder.encode(ValidationJSON(reports: reports, units: units, valid: valid, profile: profile)), as: UTF8.self)
    }
}

// CarePlan Link — CarePlanClient
import Foundation

extension InboxFetcher.Progress {
    /// `[#####-----] 3/10 units 1.2/4.0 MB`, starting with a carriage return so that a terminal redraws it in place.
    public var bar: String {
        let width = 30
        let fraction = self.bytesTotal == 0 ? 1 : Double(self.bytesDone) / Double(self.bytesTotal)
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let megabytes = { (bytes: Int) in String(format: "%.1f", Double(bytes) / 1_000_000) }
        return "\r[\(bar)] \(self.unitsDone)/\(self.unitsTotal) units \(megabytes(self.bytesDone))/\(megabytes(self.bytesTotal)) MB"
    }
}

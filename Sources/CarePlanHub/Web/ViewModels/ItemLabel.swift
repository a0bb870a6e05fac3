// CarePlan Link — CarePlanHub

/// How the pages name an item of a layout: `No.12 被保険者番号`, the name alone, or nothing.
enum ItemLabel {
    static func text(item: Int?, name: String?) -> String {
        [item.map { "No.\($0)" }, name].compactMap { $0 }.joined(separator: " ")
    }
}

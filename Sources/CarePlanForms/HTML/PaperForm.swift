// CarePlan Link — CarePlanForms

/// One form of a user (第1表, 第6表, …): one or more printed pages in the paper's size and orientation.
protocol PaperForm: Sendable {
    func render(into page: inout FormPage)
}

/// The orientation of a form on A4 paper, as the ministry's 様式 prints it.
enum PaperOrientation: String, Sendable {
    case portrait
    case landscape
}

// CarePlan Link — CarePlanHub

/// One uploaded file, as read from the request (API or web) or handed to ``Hub/submit(_:from:actor:)``.
struct UploadedFile: Sendable {
    let name: String
    let bytes: [UInt8]
}

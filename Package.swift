// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CarePlanLink",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CarePlanCSV", targets: ["CarePlanCSV"]),
        .executable(name: "careplan", targets: ["careplan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "CarePlanCSV",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "careplan",
            dependencies: [
                "CarePlanCSV",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CarePlanCSVTests",
            dependencies: ["CarePlanCSV"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "careplanTests",
            dependencies: ["careplan"],
            swiftSettings: swiftSettings
        ),
    ]
)

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
        .library(name: "CarePlanForms", targets: ["CarePlanForms"]),
        .library(name: "CarePlanAnalysis", targets: ["CarePlanAnalysis"]),
        .library(name: "CarePlanExchange", targets: ["CarePlanExchange"]),
        .library(name: "CarePlanHubStore", targets: ["CarePlanHubStore"]),
        .library(name: "CarePlanHubStorePostgres", targets: ["CarePlanHubStorePostgres"]),
        .library(name: "CarePlanMail", targets: ["CarePlanMail"]),
        .library(name: "CarePlanHub", targets: ["CarePlanHub"]),
        .library(name: "CarePlanClient", targets: ["CarePlanClient"]),
        .executable(name: "careplan", targets: ["careplan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "CarePlanCSV",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanForms",
            dependencies: ["CarePlanCSV"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanAnalysis",
            dependencies: ["CarePlanCSV"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanExchange",
            dependencies: [
                "CarePlanCSV",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanHubStore",
            dependencies: [
                "CarePlanCSV",
                "CarePlanExchange",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanHubStorePostgres",
            dependencies: [
                "CarePlanExchange",
                "CarePlanHubStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanHub",
            dependencies: [
                "CarePlanCSV",
                "CarePlanMail",
                "CarePlanAnalysis",
                "CarePlanForms",
                "CarePlanExchange",
                "CarePlanHubStore",
                "CarePlanHubStorePostgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/templates"), .copy("Resources/help")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CarePlanClient",
            dependencies: [
                "CarePlanCSV",
                "CarePlanAnalysis",
                "CarePlanExchange",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "careplan",
            dependencies: [
                "CarePlanCSV",
                "CarePlanAnalysis",
                "CarePlanForms",
                "CarePlanExchange",
                "CarePlanHubStore",
                "CarePlanHubStorePostgres",
                "CarePlanHub",
                "CarePlanClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CarePlanCSVTests",
            dependencies: ["CarePlanCSV"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CarePlanAnalysisTests",
            dependencies: ["CarePlanAnalysis", "CarePlanCSV"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CarePlanFormsTests",
            dependencies: ["CarePlanForms", "CarePlanCSV"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CarePlanHubStoreTests",
            dependencies: ["CarePlanHubStore", "CarePlanHubStorePostgres", "CarePlanExchange", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CarePlanHubTests",
            dependencies: [
                "CarePlanHub",
                "CarePlanMail",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                "CarePlanForms",
                "CarePlanAnalysis",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CarePlanHubStore",
                "CarePlanHubStorePostgres",
                "CarePlanExchange",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CarePlanClientTests",
            dependencies: [
                "CarePlanClient",
                "CarePlanAnalysis",
                "CarePlanExchange",
                "CarePlanHubStore",
                "CarePlanHub",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "careplanTests",
            dependencies: ["careplan", "CarePlanHubStore", "CarePlanHubStorePostgres", "CarePlanExchange", "CarePlanClient", "CarePlanForms", "CarePlanAnalysis"],
            swiftSettings: swiftSettings
        ),
    ]
)

// The benchmarks (`careplan-bench csv|hub|client|listing`) are built only on request, so that they ship in no product:
// ENABLE_CAREPLAN_BENCHMARKS=1 swift run -c release careplan-bench hub
if Context.environment["ENABLE_CAREPLAN_BENCHMARKS"] != nil {
    package.products.append(.executable(name: "careplan-bench", targets: ["CarePlanBenchmarks"]))
    package.targets.append(
        .executableTarget(
            name: "CarePlanBenchmarks",
            dependencies: [
                "CarePlanCSV",
                "CarePlanExchange",
                "CarePlanHubStore",
                "CarePlanHubStorePostgres",
                "CarePlanHub",
                "CarePlanClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Benchmarks/CarePlanBenchmarks",
            exclude: ["baseline_csv.py"],
            swiftSettings: swiftSettings
        ))
}

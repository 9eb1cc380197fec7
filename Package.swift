// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "hcm",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hcm", targets: ["hcm"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Already in the graph through postgres-nio and hummingbird: named for the SMTP client (PlanDelivery).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // Pure domain model and logic: no I/O, no server or database imports.
        .target(name: "PlanCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // Readers of plan documents (Word-exported text, .docx, .xlsx, .csv) → a Plan with warnings.
        .target(
            name: "PlanImport",
            dependencies: ["PlanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Persistence: one repository protocol; GRDB on a SQLite file is the embedded default, PostgresNIO
        // serves several app instances sharing one PostgreSQL.
        .target(
            name: "PlanStore",
            dependencies: [
                "PlanCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the one connection that reads `PRAGMA data_version` (the change stamp).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Reports and charts: pure renderers from evaluated plans to SVG (and, later, DOCX/XLSX/HTML).
        .target(
            name: "PlanReports",
            dependencies: ["PlanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The use cases: import and publish a plan, open a cycle, submit and review observations, evaluate, the
        // board, reports, reminders. No Hummingbird.
        .target(name: "PlanApp", dependencies: ["PlanCore", "PlanImport", "PlanStore", "PlanReports"]),
        // Delivery over the network: the SMTP client (plain, STARTTLS, smtps) on SwiftNIO.
        .target(
            name: "PlanDelivery",
            dependencies: [
                "PlanApp", "PlanStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The Hummingbird application: the JSON API (and later the pages), one builder for serve and tests.
        .target(
            name: "PlanWeb",
            dependencies: [
                "PlanCore",
                "PlanImport",
                "PlanStore",
                "PlanReports",
                "PlanApp",
                .product(name: "Plot", package: "Plot"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .target(
            name: "PlanCLI",
            dependencies: [
                "PlanApp",
                "PlanDelivery",
                "PlanCore",
                "PlanImport",
                "PlanStore",
                "PlanReports",
                "PlanApp",
                "PlanWeb",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(name: "hcm", dependencies: ["PlanCLI"]),
        .executableTarget(
            name: "TargetBenchmark",
            dependencies: ["PlanCore", "PlanImport"],
            path: "Benchmarks/TargetBenchmark"
        ),
        .executableTarget(
            name: "ImportBenchmark",
            dependencies: ["PlanCore", "PlanImport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Benchmarks/ImportBenchmark"
        ),
        .executableTarget(name: "HTTPBenchmark", path: "Benchmarks/HTTPBenchmark"),
        .executableTarget(
            name: "EvaluationBenchmark",
            dependencies: ["PlanCore"],
            path: "Benchmarks/EvaluationBenchmark"
        ),
        .testTarget(
            name: "PlanCoreTests",
            dependencies: [
                "PlanCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PlanImportTests",
            dependencies: [
                "PlanImport", "PlanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PlanStoreTests",
            dependencies: [
                "PlanStore", "PlanCore", "PlanImport", .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "PlanWebTests",
            dependencies: [
                "PlanWeb", "PlanStore", "PlanCore", "PlanImport", "PlanReports", "PlanApp",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .testTarget(name: "PlanAppTests", dependencies: ["PlanApp", "PlanCore", "PlanImport", "PlanStore"]),
        .testTarget(
            name: "PlanReportsTests",
            dependencies: ["PlanReports", "PlanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Checkers", "Golden"]
        ),
        .testTarget(
            name: "PlanDeliveryTests",
            dependencies: [
                "PlanDelivery", "PlanApp", "PlanCLI", "PlanCore", "PlanImport", "PlanStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "PlanCLITests",
            dependencies: ["PlanCLI", "PlanApp", "PlanCore", "PlanStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)

// CarePlan Link — CarePlanClient
import GRDB

/// The local store's schema. Migrations are never edited once shipped; changes are new migrations.
enum ImportMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    -- 取込済み送信単位: one row per sender, recipient and ファイル連番.
                    CREATE TABLE importedUnit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        sender TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        timestamp TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        source TEXT NOT NULL,
                        importedAt REAL NOT NULL,
                        applied INTEGER NOT NULL DEFAULT 0,
                        stale INTEGER NOT NULL DEFAULT 0,
                        UNIQUE (sender, recipient, timestamp)
                    );

                    -- Every applied version of every key; exactly one current version per key.
                    CREATE TABLE planVersion (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        family TEXT NOT NULL CHECK (family IN ('carePlan', 'usagePlan', 'results', 'basicInfo', 'preventionPlan')),
                        sender TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        insurerNumber TEXT NOT NULL,
                        insuredNumber TEXT NOT NULL,
                        keyDate TEXT NOT NULL,
                        timestamp TEXT NOT NULL,
                        unitID INTEGER NOT NULL REFERENCES importedUnit(id),
                        action TEXT NOT NULL CHECK (action IN ('replace', 'delete', 'partialDelete')),
                        isCurrent BOOLEAN NOT NULL,
                        documents TEXT NOT NULL,
                        importedAt REAL NOT NULL
                    );
                    CREATE INDEX planVersionKey ON planVersion(family, sender, recipient, insurerNumber, insuredNumber, keyDate, timestamp);
                    CREATE UNIQUE INDEX planVersionCurrent ON planVersion(family, sender, recipient, insurerNumber, insuredNumber, keyDate) WHERE isCurrent;
                    CREATE INDEX planVersionUser ON planVersion(insuredNumber, keyDate);

                    -- Units (or parts of units) not applied because newer data was already there.
                    CREATE TABLE importIssue (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        unitID INTEGER NOT NULL REFERENCES importedUnit(id),
                        description TEXT NOT NULL,
                        newerTimestamp TEXT NOT NULL
                    );

                    -- 家族構成画像 kept with the 利用者基本情報 version they came with.
                    CREATE TABLE attachment (
                        versionID INTEGER NOT NULL REFERENCES planVersion(id),
                        name TEXT NOT NULL,
                        bytes BLOB NOT NULL,
                        PRIMARY KEY (versionID, name)
                    );
                    """)
        }
        // Import results not yet told to the hub (it was unreachable): sent first on the next run with a hub.
        migrator.registerMigration("v2-pending-reports") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pendingReport (
                        unitID TEXT NOT NULL PRIMARY KEY,
                        report TEXT NOT NULL,
                        queuedAt REAL NOT NULL
                    );
                    """)
        }

        return migrator
    }
}

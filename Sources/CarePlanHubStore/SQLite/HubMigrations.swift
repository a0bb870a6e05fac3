// CarePlan Link — CarePlanHubStore
import GRDB

/// The schema of the hub database, as string-named migrations.
///
/// Migrations use raw table and column names and never reference the model types, so that they keep meaning the same
/// thing when the models change. A migration is never edited once shipped: a schema change is a new migration.
/// Invariants are constraints in SQL, enforced by SQLite whatever the caller does.
enum HubMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1") { db in
            // 事業所: one row per 事業所番号 + サービス種類コード.
            try db.execute(
                sql: """
                    CREATE TABLE office (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        number TEXT NOT NULL,
                        serviceType TEXT NOT NULL,
                        name TEXT NOT NULL,
                        address TEXT NOT NULL DEFAULT '',
                        municipalityCode TEXT NOT NULL DEFAULT '',
                        contact TEXT NOT NULL DEFAULT '',
                        UNIQUE (number, serviceType)
                    );

                    CREATE TABLE account (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        officeID INTEGER REFERENCES office(id) ON DELETE CASCADE,
                        loginName TEXT NOT NULL,
                        passwordHash TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('operator', 'admin', 'staff')),
                        failedLogins INTEGER NOT NULL DEFAULT 0,
                        lockedUntil REAL,
                        UNIQUE (loginName)
                    );
                    CREATE INDEX account_officeID ON account(officeID);

                    -- Only the SHA-256 of a secret is stored; scopes are a comma-separated list (send,receive,manage).
                    CREATE TABLE credential (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        accountID INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('token', 'session')),
                        secretHash TEXT NOT NULL,
                        label TEXT NOT NULL,
                        scopes TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        expiresAt REAL NOT NULL,
                        revokedAt REAL,
                        UNIQUE (secretHash)
                    );
                    CREATE INDEX credential_accountID ON credential(accountID);

                    -- 送信単位. Units are evidence of an exchange: deleting an office that sent or received one is refused
                    -- (no cascade); the retention job deletes bodies, never units.
                    CREATE TABLE unit (
                        id TEXT NOT NULL PRIMARY KEY,
                        senderOfficeID INTEGER NOT NULL REFERENCES office(id),
                        recipientOfficeID INTEGER NOT NULL REFERENCES office(id),
                        timestamp TEXT NOT NULL,
                        pattern TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('accepted', 'downloaded', 'acknowledged', 'expired')),
                        fingerprint TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        downloadedAt REAL,
                        acknowledgedAt REAL,
                        filesPurgedAt REAL,
                        acceptanceReceipt TEXT NOT NULL,
                        acknowledgementReceipt TEXT,
                        UNIQUE (fingerprint)
                    );
                    -- Inbox and outbox listings: keyset pagination on (createdAt, id) per office.
                    CREATE INDEX unit_inbox ON unit(recipientOfficeID, createdAt, id);
                    CREATE INDEX unit_outbox ON unit(senderOfficeID, createdAt, id);
                    -- The retention job.
                    CREATE INDEX unit_state ON unit(state, createdAt);

                    -- The files of a unit. Rows outlive the bodies (names and digests prove what was sent), so sha256 is
                    -- not a foreign key to blob.
                    CREATE TABLE unitFile (
                        unitID TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL CHECK (size >= 0),
                        kind TEXT NOT NULL,
                        PRIMARY KEY (unitID, name)
                    );
                    CREATE INDEX unitFile_sha256 ON unitFile(sha256);

                    -- Encrypted file bodies (AES-GCM), content-addressed by the SHA-256 of the plaintext.
                    CREATE TABLE blob (
                        sha256 TEXT NOT NULL PRIMARY KEY,
                        ciphertext BLOB NOT NULL
                    );

                    -- 監査ログ: append-only, hash-chained (see AuditChain).
                    CREATE TABLE audit (
                        sequence INTEGER PRIMARY KEY,
                        time REAL NOT NULL,
                        actor TEXT NOT NULL,
                        office TEXT,
                        action TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        previousHash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );

                    CREATE TABLE setting (
                        key TEXT NOT NULL PRIMARY KEY,
                        value TEXT NOT NULL
                    );
                    """)
        }

        // A sender's ファイル連番 orders the recipient's import (spec §4): one unit per sender, recipient and number.
        migrator.registerMigration("v2-unique-sequence") { db in
            try db.execute(sql: "CREATE UNIQUE INDEX unitSequence ON unit(senderOfficeID, recipientOfficeID, timestamp)")
        }

        // Client certificates are credentials too; SQLite cannot change a CHECK, so the table is rebuilt.
        migrator.registerMigration("v3-certificate-credentials") { db in
            try db.execute(
                sql: """
                    CREATE TABLE credential_new (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        accountID INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('token', 'session', 'certificate')),
                        secretHash TEXT NOT NULL,
                        label TEXT NOT NULL,
                        scopes TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        expiresAt REAL NOT NULL,
                        revokedAt REAL,
                        UNIQUE (secretHash)
                    );
                    INSERT INTO credential_new SELECT * FROM credential;
                    DROP TABLE credential;
                    ALTER TABLE credential_new RENAME TO credential;
                    CREATE INDEX credential_accountID ON credential(accountID);
                    """)
        }

        // Hardening: web sessions become their own credential kind (a web cookie is never an API bearer token);
        // login throttling replaces the per-account lock; signed checkpoints of the audit chain head.
        migrator.registerMigration("v4-hardening") { db in
            try db.execute(
                sql: """
                    CREATE TABLE credential_new (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        accountID INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('token', 'session', 'certificate', 'web')),
                        secretHash TEXT NOT NULL,
                        label TEXT NOT NULL,
                        scopes TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        expiresAt REAL NOT NULL,
                        revokedAt REAL,
                        UNIQUE (secretHash)
                    );
                    INSERT INTO credential_new SELECT * FROM credential;
                    DROP TABLE credential;
                    ALTER TABLE credential_new RENAME TO credential;
                    CREATE INDEX credential_accountID ON credential(accountID);

                    -- One counter per throttling key (hashed login name and/or client address).
                    CREATE TABLE loginThrottle (
                        key TEXT NOT NULL PRIMARY KEY,
                        attempts INTEGER NOT NULL CHECK (attempts >= 0),
                        lastAttemptAt REAL NOT NULL,
                        blockedUntil REAL NOT NULL
                    );

                    -- Signed statements of the audit chain head (sequence, hash), JSON of a signed receipt.
                    CREATE TABLE auditCheckpoint (
                        sequence INTEGER NOT NULL PRIMARY KEY,
                        hash TEXT NOT NULL,
                        time REAL NOT NULL,
                        signed TEXT NOT NULL
                    );
                    """)
        }

        // Delivery states that mean what they say: 受信済 once every file is downloaded (per-file download times),
        // 取込済 / 取込不可 from the recipient's import, withdrawal, expiry with its time; one signed receipt per change.
        // A withdrawn or expired unit gives up its ファイル連番 and fingerprint, so both are unique among live units only.
        // Units acknowledged before this step become imported (their receipt is kept as the 'imported' receipt); a
        // unit marked downloaded then had at least one file downloaded, and its files are taken as downloaded.
        migrator.registerMigration("v5-delivery-states") { db in
            try db.execute(
                sql: """
                    CREATE TABLE unit_new (
                        id TEXT NOT NULL PRIMARY KEY,
                        senderOfficeID INTEGER NOT NULL REFERENCES office(id),
                        recipientOfficeID INTEGER NOT NULL REFERENCES office(id),
                        timestamp TEXT NOT NULL,
                        pattern TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('accepted', 'downloaded', 'imported', 'importRefused', 'withdrawn', 'expired')),
                        fingerprint TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        downloadedAt REAL,
                        importReportedAt REAL,
                        withdrawnAt REAL,
                        expiredAt REAL,
                        filesPurgedAt REAL,
                        acceptanceReceipt TEXT NOT NULL,
                        warnings TEXT,
                        importProblems TEXT,
                        previousUnitID TEXT REFERENCES unit(id),
                        CHECK ((state = 'withdrawn') = (withdrawnAt IS NOT NULL)),
                        CHECK ((state = 'expired') = (expiredAt IS NOT NULL)),
                        CHECK ((state IN ('imported', 'importRefused')) = (importReportedAt IS NOT NULL)),
                        CHECK ((state = 'importRefused') OR importProblems IS NULL)
                    );
                    INSERT INTO unit_new
                        SELECT id, senderOfficeID, recipientOfficeID, timestamp, pattern,
                            CASE state WHEN 'acknowledged' THEN 'imported' ELSE state END,
                            fingerprint, createdAt, coalesce(downloadedAt, CASE state WHEN 'acknowledged' THEN acknowledgedAt END),
                            CASE state WHEN 'acknowledged' THEN acknowledgedAt END,
                            NULL, CASE state WHEN 'expired' THEN coalesce(filesPurgedAt, createdAt) END, filesPurgedAt,
                            acceptanceReceipt, NULL, NULL, NULL
                        FROM unit;

                    CREATE TABLE unitReceipt (
                        unitID TEXT NOT NULL REFERENCES unit(id),
                        event TEXT NOT NULL CHECK (event IN ('received', 'imported', 'importRefused', 'withdrawn', 'expired')),
                        time REAL NOT NULL,
                        signed TEXT NOT NULL,
                        PRIMARY KEY (unitID, event)
                    );
                    INSERT INTO unitReceipt (unitID, event, time, signed)
                        SELECT id, 'imported', acknowledgedAt, acknowledgementReceipt FROM unit WHERE acknowledgementReceipt IS NOT NULL;

                    ALTER TABLE unitFile ADD COLUMN downloadedAt REAL;
                    UPDATE unitFile SET downloadedAt = (SELECT coalesce(unit.downloadedAt, unit.acknowledgedAt) FROM unit WHERE unit.id = unitFile.unitID);

                    DROP INDEX unitSequence;
                    DROP TABLE unit;
                    ALTER TABLE unit_new RENAME TO unit;
                    CREATE INDEX unit_inbox ON unit(recipientOfficeID, createdAt, id);
                    CREATE INDEX unit_outbox ON unit(senderOfficeID, createdAt, id);
                    CREATE INDEX unit_state ON unit(state, createdAt);
                    CREATE INDEX unit_fingerprint ON unit(fingerprint);
                    CREATE UNIQUE INDEX unit_liveFingerprint ON unit(fingerprint) WHERE state NOT IN ('withdrawn', 'expired');
                    CREATE UNIQUE INDEX unitSequence ON unit(senderOfficeID, recipientOfficeID, timestamp)
                        WHERE state NOT IN ('withdrawn', 'expired');
                    -- Every unit of a ファイル連番, live or not (the upload's check and the link to the unit it replaces): the
                    -- partial index above cannot serve a query without its WHERE.
                    CREATE INDEX unit_sequenceHistory ON unit(senderOfficeID, recipientOfficeID, timestamp);
                    """)
        }

        // 連携先: one row per pair of offices, whichever asked (the unique index on the ordered pair). Offices that
        // exchanged a unit before this step (not counting withdrawn ones: a unit sent by mistake) are linked: the hub now refuses units to offices that are not partners,
        // and an upgrade must not cut an exchange that was running.
        migrator.registerMigration("v6-partners") { db in
            try db.execute(
                sql: """
                    CREATE TABLE partnership (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        requesterOfficeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        recipientOfficeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        state TEXT NOT NULL CHECK (state IN ('requested', 'linked', 'declined')),
                        requestedAt REAL NOT NULL,
                        answeredAt REAL,
                        requesterFavourite INTEGER NOT NULL DEFAULT 0 CHECK (requesterFavourite IN (0, 1)),
                        recipientFavourite INTEGER NOT NULL DEFAULT 0 CHECK (recipientFavourite IN (0, 1)),
                        CHECK (requesterOfficeID <> recipientOfficeID),
                        CHECK ((state = 'requested') = (answeredAt IS NULL))
                    );
                    CREATE UNIQUE INDEX partnership_pair ON partnership(
                        min(requesterOfficeID, recipientOfficeID), max(requesterOfficeID, recipientOfficeID));
                    CREATE INDEX partnership_requester ON partnership(requesterOfficeID);
                    CREATE INDEX partnership_recipient ON partnership(recipientOfficeID);
                    INSERT INTO partnership (requesterOfficeID, recipientOfficeID, state, requestedAt, answeredAt)
                        SELECT senderOfficeID, recipientOfficeID, 'linked', min(createdAt), min(createdAt) FROM (
                            SELECT min(senderOfficeID, recipientOfficeID) AS senderOfficeID,
                                max(senderOfficeID, recipientOfficeID) AS recipientOfficeID, createdAt
                            FROM unit WHERE senderOfficeID <> recipientOfficeID AND state <> 'withdrawn')
                        GROUP BY senderOfficeID, recipientOfficeID;
                    """)
        }

        // The user index: keyed digests (HMAC, the key is the hub's, not in the database) of the users a unit holds
        // rows of, so that a listing can be filtered by 被保険者番号 without decrypting files. Units stored before this
        // step have none.
        migrator.registerMigration("v7-unit-users") { db in
            try db.execute(
                sql: """
                    CREATE TABLE unitUser (
                        unitID TEXT NOT NULL REFERENCES unit(id),
                        digest TEXT NOT NULL,
                        PRIMARY KEY (unitID, digest)
                    );
                    CREATE INDEX unitUser_digest ON unitUser(digest);
                    """)
        }

        // ネットワーク外の連携先 and their paper deliveries, per office. The users of a delivery are sealed by the hub.
        migrator.registerMigration("v8-paper-partners") { db in
            try db.execute(
                sql: """
                    CREATE TABLE paperPartner (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        officeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        number TEXT NOT NULL,
                        serviceType TEXT NOT NULL,
                        name TEXT NOT NULL,
                        fax TEXT NOT NULL DEFAULT '',
                        address TEXT NOT NULL DEFAULT '',
                        createdAt REAL NOT NULL,
                        removedAt REAL
                    );
                    -- A removed partner keeps its deliveries (evidence of what went on paper); it may be recorded again.
                    CREATE UNIQUE INDEX paperPartner_office ON paperPartner(officeID, number, serviceType) WHERE removedAt IS NULL;
                    CREATE TABLE paperDelivery (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        officeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        paperPartnerID INTEGER NOT NULL REFERENCES paperPartner(id) ON DELETE CASCADE,
                        month TEXT NOT NULL,
                        method TEXT NOT NULL CHECK (method IN ('fax', 'mail', 'hand')),
                        at REAL NOT NULL,
                        actor TEXT NOT NULL,
                        sealedUsers TEXT NOT NULL
                    );
                    CREATE INDEX paperDelivery_month ON paperDelivery(officeID, month, at);
                    """)
        }

        // メール通知: an office's address (apart from `office`, which the directory shows to every office) and one row
        // per thing to tell, unique per kind, unit and office so that nothing is told twice, whichever process sends.
        migrator.registerMigration("v9-notifications") { db in
            try db.execute(
                sql: """
                    CREATE TABLE officeNotification (
                        officeID INTEGER NOT NULL PRIMARY KEY REFERENCES office(id) ON DELETE CASCADE,
                        email TEXT NOT NULL,
                        updatedAt REAL NOT NULL
                    );
                    CREATE TABLE notification (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('arrival', 'importRefused', 'expiring')),
                        officeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        unitID TEXT NOT NULL REFERENCES unit(id),
                        createdAt REAL NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        nextAttemptAt REAL,
                        sentAt REAL,
                        lastError TEXT,
                        UNIQUE (kind, unitID, officeID)
                    );
                    CREATE INDEX notification_due ON notification(nextAttemptAt) WHERE nextAttemptAt IS NOT NULL;
                    CREATE INDEX notification_office ON notification(officeID, createdAt);
                    CREATE INDEX unit_importReported ON unit(state, importReportedAt);
                    """)
        }

        // 自治体 and model regions (モデル地域): authorities with their own accounts, regions of invited offices, and
        // link proposals. The account table is rebuilt (SQLite cannot change a CHECK): its role list grows, and an
        // account belongs to an office or an authority, never both. Migrations run with foreign keys off (GRDB), so
        // the rebuild keeps every credential.
        migrator.registerMigration("v10-regions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE authority (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('municipality', 'prefecture')),
                        code TEXT NOT NULL,
                        name TEXT NOT NULL,
                        UNIQUE (kind, code)
                    );
                    CREATE TABLE account_v10 (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        officeID INTEGER REFERENCES office(id) ON DELETE CASCADE,
                        authorityID INTEGER REFERENCES authority(id) ON DELETE CASCADE,
                        loginName TEXT NOT NULL,
                        passwordHash TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('operator', 'admin', 'staff', 'municipality', 'prefecture')),
                        failedLogins INTEGER NOT NULL DEFAULT 0,
                        lockedUntil REAL,
                        UNIQUE (loginName),
                        CHECK ((role IN ('municipality', 'prefecture')) = (authorityID IS NOT NULL)),
                        CHECK (authorityID IS NULL OR officeID IS NULL)
                    );
                    INSERT INTO account_v10 (id, officeID, loginName, passwordHash, role, failedLogins, lockedUntil)
                        SELECT id, officeID, loginName, passwordHash, role, failedLogins, lockedUntil FROM account;
                    -- The id counter carries over: an id once given (to a deleted account the audit log names) is never reused.
                    INSERT INTO sqlite_sequence (name, seq) SELECT 'account_v10', seq FROM sqlite_sequence
                        WHERE name = 'account' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'account_v10');
                    UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('account', 'account_v10'))
                        WHERE name = 'account_v10';
                    DROP TABLE account;
                    ALTER TABLE account_v10 RENAME TO account;
                    CREATE INDEX account_officeID ON account(officeID);
                    CREATE INDEX account_authorityID ON account(authorityID);

                    CREATE TABLE region (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        authorityID INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        createdAt REAL NOT NULL,
                        estimate TEXT,
                        UNIQUE (authorityID, name)
                    );
                    CREATE TABLE regionMember (
                        regionID INTEGER NOT NULL REFERENCES region(id) ON DELETE CASCADE,
                        officeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        state TEXT NOT NULL CHECK (state IN ('invited', 'joined', 'declined')),
                        invitedAt REAL NOT NULL,
                        answeredAt REAL,
                        PRIMARY KEY (regionID, officeID),
                        CHECK ((state = 'invited') = (answeredAt IS NULL))
                    );
                    CREATE INDEX regionMember_office ON regionMember(officeID);
                    CREATE TABLE linkProposal (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        regionID INTEGER NOT NULL REFERENCES region(id) ON DELETE CASCADE,
                        firstOfficeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        secondOfficeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        firstAccepted INTEGER NOT NULL DEFAULT 0 CHECK (firstAccepted IN (0, 1)),
                        secondAccepted INTEGER NOT NULL DEFAULT 0 CHECK (secondAccepted IN (0, 1)),
                        state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'declined')),
                        proposedAt REAL NOT NULL,
                        answeredAt REAL,
                        CHECK (firstOfficeID < secondOfficeID),
                        CHECK ((state = 'open') = (answeredAt IS NULL)),
                        CHECK (state <> 'accepted' OR (firstAccepted = 1 AND secondAccepted = 1))
                    );
                    -- One open proposal per pair and region; ended ones stay as the region's history.
                    CREATE UNIQUE INDEX linkProposal_open ON linkProposal(regionID, firstOfficeID, secondOfficeID) WHERE state = 'open';
                    CREATE INDEX linkProposal_first ON linkProposal(firstOfficeID);
                    CREATE INDEX linkProposal_second ON linkProposal(secondOfficeID);
                    """)
        }

        // 利用期間: an office's usage periods (trial, free pass, paid, a municipality's programme).
        migrator.registerMigration("v11-usage-periods") { db in
            try db.execute(
                sql: """
                    CREATE TABLE usagePeriod (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        officeID INTEGER NOT NULL REFERENCES office(id) ON DELETE CASCADE,
                        kind TEXT NOT NULL CHECK (kind IN ('trial', 'freePass', 'paid', 'municipal')),
                        startsAt REAL NOT NULL,
                        endsAt REAL NOT NULL,
                        note TEXT NOT NULL DEFAULT '',
                        createdAt REAL NOT NULL,
                        CHECK (endsAt > startsAt)
                    );
                    CREATE INDEX usagePeriod_office ON usagePeriod(officeID, startsAt);
                    """)
        }

        // 利用申請, and a password to change at first use (the one an approval hands over).
        migrator.registerMigration("v12-applications") { db in
            try db.execute(
                sql: """
                    ALTER TABLE account ADD COLUMN mustChangePassword BOOLEAN NOT NULL DEFAULT 0;
                    CREATE TABLE usageApplication (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        officeNumber TEXT NOT NULL,
                        serviceType TEXT NOT NULL,
                        officeName TEXT NOT NULL,
                        address TEXT NOT NULL DEFAULT '',
                        municipalityCode TEXT NOT NULL,
                        contactName TEXT NOT NULL,
                        contact TEXT NOT NULL,
                        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
                        submittedAt REAL NOT NULL,
                        decidedAt REAL,
                        decidedBy TEXT,
                        decisionNote TEXT NOT NULL DEFAULT '',
                        officeID INTEGER REFERENCES office(id),
                        CHECK ((state = 'pending') = (decidedAt IS NULL)),
                        CHECK ((state = 'approved') = (officeID IS NOT NULL))
                    );
                    -- Several may wait for one office (someone else may have applied in its name): the decider sees them
                    -- together, and approving one declines the others.
                    CREATE INDEX usageApplication_office ON usageApplication(officeNumber, serviceType, state);
                    CREATE INDEX usageApplication_state ON usageApplication(state, submittedAt);
                    -- The offices' accounts from before the checklist need none: it is for offices that start now.
                    INSERT INTO setting (key, value) SELECT 'checklist.dismissed.' || id, 'v12' FROM account WHERE officeID IS NOT NULL;
                    """)
        }

        // タイムスタディ: an office's before/after minutes per task, which the region's estimate uses instead of its defaults.
        migrator.registerMigration("v13-time-studies") { db in
            try db.execute(
                sql: """
                    CREATE TABLE timeStudy (
                        officeID INTEGER PRIMARY KEY REFERENCES office(id) ON DELETE CASCADE,
                        study TEXT NOT NULL CHECK (json_valid(study)),
                        updatedAt REAL NOT NULL
                    );
                    """)
        }

        return migrator
    }
}

// CarePlan Link — CarePlanHubStore
import GRDB

/// 利用申請 on SQLite. An approval writes the office, its first account, its first usage period and the decision in
/// one transaction: a half-approved application cannot be left behind.
extension SQLiteHubStore {
    public func createApplication(_ application: UsageApplication, audit: AuditRecord) async throws -> UsageApplication {
        try await self.write { db in
            var application = application
            let pending = try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM usageApplication WHERE officeNumber = ? AND serviceType = ? AND contact = ? AND state = 'pending')",
                arguments: [application.officeNumber, application.serviceType, application.contact]) ?? false
            guard !pending else { throw HubStoreConflict.applicationPending }
            try application.insert(db)
            _ = try self.append(audit, to: db)
            return application
        }
    }

    public func pendingApplicationCount() async throws -> Int {
        try await self.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usageApplication WHERE state = 'pending'") ?? 0 }
    }

    public func application(id: Int64) async throws -> UsageApplication? {
        try await self.writer.read { db in try UsageApplication.fetchOne(db, key: id) }
    }

    public func applications(municipalityCode: String?) async throws -> [UsageApplication] {
        try await self.writer.read { db in
            guard let municipalityCode else {
                return try UsageApplication.fetchAll(db, sql: "SELECT * FROM usageApplication ORDER BY state = 'pending' DESC, submittedAt DESC, id DESC")
            }
            return try UsageApplication.fetchAll(
                db, sql: "SELECT * FROM usageApplication WHERE municipalityCode = ? ORDER BY state = 'pending' DESC, submittedAt DESC, id DESC",
                arguments: [municipalityCode])
        }
    }

    public func approveApplication(
        id: Int64, office: Office, account: Account, period: UsagePeriod?, decidedAt: Double, decidedBy: String, note: String, audits: [AuditRecord]
    ) async throws -> (application: UsageApplication, office: Office, account: Account)? {
        try await self.write { db in
            guard var application = try UsageApplication.fetchOne(db, key: id), application.state == .pending else { return nil }
            let registered = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM office WHERE number = ? AND serviceType = ?)", arguments: [office.number, office.serviceType]) ?? false
            guard !registered else { throw HubStoreConflict.officeRegistered }
            let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE loginName = ?)", arguments: [account.loginName]) ?? false
            guard !taken else { throw HubStoreConflict.loginNameTaken }
            var office = office
            try office.insert(db)
            var account = account
            account.officeID = office.id
            try account.insert(db)
            if var period {
                period.officeID = office.id
                try period.insert(db)
            }
            application.state = .approved
            application.decidedAt = decidedAt
            application.decidedBy = decidedBy
            application.decisionNote = note
            application.officeID = office.id
            try application.update(db)
            // The office's other waiting applications (someone else's in its name, or a second one) are decided too.
            try db.execute(
                sql: """
                    UPDATE usageApplication SET state = 'rejected', decidedAt = ?, decidedBy = ?, decisionNote = ?
                    WHERE officeNumber = ? AND serviceType = ? AND state = 'pending'
                    """,
                arguments: [decidedAt, decidedBy, "application:\(application.id) approved", office.number, office.serviceType])
            for audit in audits { _ = try self.append(audit, to: db) }
            return (application, office, account)
        }
    }

    public func rejectApplication(id: Int64, decidedAt: Double, decidedBy: String, note: String, audit: AuditRecord) async throws -> UsageApplication? {
        try await self.write { db in
            guard var application = try UsageApplication.fetchOne(db, key: id), application.state == .pending else { return nil }
            application.state = .rejected
            application.decidedAt = decidedAt
            application.decidedBy = decidedBy
            application.decisionNote = note
            try application.update(db)
            _ = try self.append(audit, to: db)
            return application
        }
    }

    public func setPassword(accountID: Int64, passwordHash: String, mustChange: Bool, clearingThrottle prefix: String?, audit: AuditRecord) async throws -> Bool {
        try await self.write { db in
            try db.execute(
                sql: "UPDATE account SET passwordHash = ?, mustChangePassword = ?, failedLogins = 0, lockedUntil = NULL WHERE id = ?",
                arguments: [passwordHash, mustChange, accountID])
            guard db.changesCount == 1 else { return false }
            if let prefix {
                try db.execute(sql: "DELETE FROM loginThrottle WHERE substr(key, 1, ?) = ?", arguments: [prefix.count, prefix])
            }
            _ = try self.append(audit, to: db)
            return true
        }
    }
}

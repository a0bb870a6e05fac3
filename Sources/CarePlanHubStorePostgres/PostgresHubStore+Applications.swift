// CarePlan Link — CarePlanHubStorePostgres
public import CarePlanHubStore

/// 利用申請 on PostgreSQL. An approval writes the office, its first account, its first usage period and the decision
/// in one transaction: a half-approved application cannot be left behind.
extension PostgresHubStore {
    /// Stores a pending 利用申請; a second one for the same office and contact is a conflict.
    public func createApplication(_ application: UsageApplication, audit: AuditRecord) async throws -> UsageApplication {
        try await self.write { session in
            var application = application
            let pending =
                try await session.scalar(
                    Bool.self,
                    "SELECT EXISTS (SELECT 1 FROM usageApplication WHERE officeNumber = ? AND serviceType = ? AND contact = ? AND state = 'pending')",
                    [application.officeNumber, application.serviceType, application.contact]) ?? false
            guard !pending else { throw HubStoreConflict.applicationPending }
            application.id = try await session.insertReturningID(application)
            _ = try await self.append(audit, in: session)
            return application
        }
    }

    /// How many 利用申請 wait for a decision.
    public func pendingApplicationCount() async throws -> Int {
        try await self.read { session in try await session.scalar(Int.self, "SELECT COUNT(*) FROM usageApplication WHERE state = 'pending'") ?? 0 }
    }

    /// One 利用申請 by id.
    public func application(id: Int64) async throws -> UsageApplication? {
        try await self.read { session in try await session.fetchOne(UsageApplication.self, "SELECT * FROM usageApplication WHERE id = ?", [id]) }
    }

    /// 利用申請, pending first, then newest; only a municipality's when given.
    public func applications(municipalityCode: String?) async throws -> [UsageApplication] {
        try await self.read { session in
            guard let municipalityCode else {
                return try await session.fetchAll(
                    UsageApplication.self, "SELECT * FROM usageApplication ORDER BY state = 'pending' DESC, submittedAt DESC, id DESC")
            }
            return try await session.fetchAll(
                UsageApplication.self,
                "SELECT * FROM usageApplication WHERE municipalityCode = ? ORDER BY state = 'pending' DESC, submittedAt DESC, id DESC",
                [municipalityCode])
        }
    }

    /// Approves a pending 利用申請: the office, its account and period, the decision, in one transaction.
    public func approveApplication(
        id: Int64, office: Office, account: Account, period: UsagePeriod?, decidedAt: Double, decidedBy: String, note: String, audits: [AuditRecord]
    ) async throws -> (application: UsageApplication, office: Office, account: Account)? {
        try await self.write { session in
            guard var application = try await session.fetchOne(UsageApplication.self, "SELECT * FROM usageApplication WHERE id = ?", [id]),
                application.state == .pending
            else { return nil }
            let registered =
                try await session.scalar(
                    Bool.self, "SELECT EXISTS (SELECT 1 FROM office WHERE number = ? AND serviceType = ?)",
                    [office.number, office.serviceType]) ?? false
            guard !registered else { throw HubStoreConflict.officeRegistered }
            let taken =
                try await session.scalar(Bool.self, "SELECT EXISTS (SELECT 1 FROM account WHERE loginName = ?)", [account.loginName]) ?? false
            guard !taken else { throw HubStoreConflict.loginNameTaken }
            var office = office
            office.id = try await session.insertReturningID(office)
            var account = account
            account.officeID = office.id
            account.id = try await session.insertReturningID(account)
            if var period {
                period.officeID = office.id
                try await session.insert(period)
            }
            application.state = .approved
            application.decidedAt = decidedAt
            application.decidedBy = decidedBy
            application.decisionNote = note
            application.officeID = office.id
            try await session.execute(UsageApplication.updateSQL, application.updateValues)
            // The office's other waiting applications (someone else's in its name, or a second one) are decided too.
            try await session.execute(
                """
                UPDATE usageApplication SET state = 'rejected', decidedAt = ?, decidedBy = ?, decisionNote = ?
                WHERE officeNumber = ? AND serviceType = ? AND state = 'pending'
                """,
                [decidedAt, decidedBy, "application:\(application.id) approved", office.number, office.serviceType])
            for audit in audits { _ = try await self.append(audit, in: session) }
            return (application, office, account)
        }
    }

    /// Declines a pending 利用申請; nil when it is not pending.
    public func rejectApplication(
        id: Int64, decidedAt: Double, decidedBy: String, note: String, audit: AuditRecord
    ) async throws -> UsageApplication? {
        try await self.write { session in
            guard var application = try await session.fetchOne(UsageApplication.self, "SELECT * FROM usageApplication WHERE id = ?", [id]),
                application.state == .pending
            else { return nil }
            application.state = .rejected
            application.decidedAt = decidedAt
            application.decidedBy = decidedBy
            application.decisionNote = note
            try await session.execute(UsageApplication.updateSQL, application.updateValues)
            _ = try await self.append(audit, in: session)
            return application
        }
    }

    /// Replaces the account's password hash and clears its failed logins and throttle keys; false for no such account.
    public func setPassword(
        accountID: Int64, passwordHash: String, mustChange: Bool, clearingThrottle prefix: String?, audit: AuditRecord
    ) async throws -> Bool {
        try await self.write { session in
            let changed = try await session.changes(
                "UPDATE account SET passwordHash = ?, mustChangePassword = ?, failedLogins = 0, lockedUntil = NULL WHERE id = ? RETURNING 1",
                [passwordHash, mustChange, accountID])
            guard changed == 1 else { return false }
            if let prefix {
                // The length is bound as BIGINT; substr takes an integer.
                try await session.execute("DELETE FROM loginThrottle WHERE substr(key, 1, ?::integer) = ?", [prefix.count, prefix])
            }
            _ = try await self.append(audit, in: session)
            return true
        }
    }
}

// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Foundation
import Hummingbird

/// 利用申請 in the browser: the public form `/web/apply` (no login; a few per minute per address), and the deciders'
/// pages `/web/applications` (the hub operator: every application; a municipality: those naming it). Approving shows
/// the first administrator's one-time password once, on a page that is not cached.
struct OnboardingWebController {
    let hub: Hub
    let pages: WebPages

    struct ApprovalForm: Decodable {
        let loginName: String?
        let kind: String?
        let from: String?
        let until: String?
        let note: String?
    }

    struct RejectionForm: Decodable {
        let reason: String?
    }

    func addRoutes(public group: RouterGroup<HubRequestContext>, protected: RouterGroup<HubRequestContext>) {
        group.get("apply") { _, _ in try await self.renderForm(ApplicationForm()) }
        group.post("apply") { request, context in
            let text = String(buffer: try await BoundedBody.collect(request, limit: 8 << 10, timeout: BoundedBody.smallBodySeconds))
            guard let form = try? URLEncodedFormDecoder().decode(ApplicationForm.self, from: text) else {
                return try await self.renderForm(ApplicationForm(), error: "フォームの内容を読めません / the form could not be read", status: .badRequest)
            }
            // Counted per network (an IPv6 /64 is one), as logins are; what was typed stays on the page.
            let address = context.clientAddress(request, trustedProxies: self.hub.configuration.auth.trustedProxies)
            if let wait = try await self.hub.applicationLimiter.take("apply:\(LoginThrottle.network(of: address))", now: self.hub.now()) {
                var response = try await self.renderForm(
                    form, error: "申請が続けて送られました。しばらくしてからもう一度送ってください / too many applications from here; wait a moment",
                    status: .tooManyRequests)
                response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
                return response
            }
            do {
                let application = try await ApplicationBook(hub: self.hub).submit(form)
                return self.pages.render("apply", ApplyPageModel(received: application, authorities: try await self.hub.store.authorities()), status: .created)
            } catch let problems as ApplicationProblems {
                return try await self.renderForm(form, problems: problems.problems, status: .unprocessableContent)
            } catch let error as ExchangeError {
                return try await self.renderForm(form, error: error.message, status: error.status)
            }
        }

        protected.get("applications") { request, context in
            let decider = try await ApplicationBook(hub: self.hub).decider(try context.requireIdentity())
            let done = request.uri.queryParameters.get("done") == "rejected" ? PageText.pick("申請を却下しました。", "The application was declined.") : nil
            return try await self.renderList(decider, message: done)
        }
        protected.get("applications/:id") { _, context in
            let book = ApplicationBook(hub: self.hub)
            let decider = try await book.decider(try context.requireIdentity())
            let application = try await book.application(try context.parameters.require("id", as: Int64.self), for: decider)
            return try await self.renderDetail(application, decider: decider)
        }
        protected.post("applications/:id/approve") { request, context in
            let book = ApplicationBook(hub: self.hub)
            let decider = try await book.decider(try context.requireIdentity())
            let id = try context.parameters.require("id", as: Int64.self)
            let application = try await book.application(id, for: decider)
            let text = String(buffer: try await BoundedBody.collect(request, limit: 4 << 10, timeout: BoundedBody.smallBodySeconds))
            guard let form = try? URLEncodedFormDecoder().decode(ApprovalForm.self, from: text) else {
                return try await self.renderDetail(application, decider: decider, error: "フォームの内容を読めません / the form could not be read", status: .badRequest)
            }
            let kind = form.kind.flatMap { $0.isEmpty ? nil : UsagePeriod.Kind(rawValue: $0) }
            if let raw = form.kind, !raw.isEmpty, kind == nil {
                return try await self.renderDetail(application, decider: decider, error: "利用区分を選んでください / choose the kind of period", status: .badRequest)
            }
            do {
                let approval = try await book.approve(
                    id, terms: .init(loginName: form.loginName ?? "", kind: kind, from: form.from ?? "", until: form.until ?? "", note: form.note ?? ""),
                    by: decider)
                var response = self.pages.render("applications", ApplicationsPageModel(approval: approval, decider: decider, header: try await self.header(decider)))
                // The one-time password is on this page only: no cache keeps it.
                response.headers[.cacheControl] = "no-store"
                return response
            } catch let error as ExchangeError {
                // Read again: a decision made meanwhile shows as such, without the forms.
                let current = try await book.application(id, for: decider)
                return try await self.renderDetail(current, decider: decider, error: error.message, status: error.status)
            }
        }
        protected.post("applications/:id/reject") { request, context in
            let book = ApplicationBook(hub: self.hub)
            let decider = try await book.decider(try context.requireIdentity())
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try await book.application(id, for: decider)
            let text = String(buffer: try await BoundedBody.collect(request, limit: 4 << 10, timeout: BoundedBody.smallBodySeconds))
            let form = try? URLEncodedFormDecoder().decode(RejectionForm.self, from: text)
            do {
                _ = try await book.reject(id, reason: form?.reason ?? "", by: decider)
            } catch let error as ExchangeError {
                let current = try await book.application(id, for: decider)
                return try await self.renderDetail(current, decider: decider, error: error.message, status: error.status)
            }
            return Response.redirect(to: "/web/applications?done=rejected", type: .normal)
        }
    }

    private func renderForm(
        _ form: ApplicationForm, problems: [ApplicationForm.Problem] = [], error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let model = ApplyPageModel(form: form, problems: problems, error: error, authorities: try await self.hub.store.authorities())
        return self.pages.render("apply", model, status: status)
    }

    private func renderList(_ decider: ApplicationBook.Decider, message: String? = nil) async throws -> Response {
        let applications = try await ApplicationBook(hub: self.hub).applications(for: decider)
        return self.pages.render("applications", ApplicationsPageModel(list: applications, decider: decider, header: try await self.header(decider), message: message))
    }

    private func renderDetail(
        _ application: UsageApplication, decider: ApplicationBook.Decider, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var office: Office?
        if let id = application.officeID { office = try await self.hub.store.office(id: id) }
        let siblings = try await ApplicationBook(hub: self.hub).applications(for: decider).filter {
            $0.id != application.id && $0.state == .pending && $0.officeNumber == application.officeNumber && $0.serviceType == application.serviceType
        }
        let model = ApplicationsPageModel(
            detail: application, decider: decider, header: try await self.header(decider), now: self.hub.now(), error: error, office: office,
            siblings: siblings)
        return self.pages.render("applications", model, status: status)
    }

    /// The municipality's header line, or nil for the operator's.
    private func header(_ decider: ApplicationBook.Decider) async throws -> AuthorityHeader? {
        guard let id = decider.identity.account.authorityID, let authority = try await self.hub.store.authority(id: id) else { return nil }
        return AuthorityHeader(authority)
    }
}

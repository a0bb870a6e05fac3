// CarePlan Link — CarePlanHub
import CarePlanCSV
import CarePlanHubStore
import Hummingbird

/// タイムスタディ (`/web/settings/time-study`): every account of the office sees it, its administrators enter or remove
/// it. The office's model region uses it in its estimate; the municipality sees the minutes, never who measured them.
struct TimeStudyWebController {
    let hub: Hub
    let pages: WebPages

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("settings/time-study") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice()
            let message = request.uri.queryParameters.get("done").flatMap { Self.messages[$0] }.map { PageText.pick($0.0, $0.1) }
            return try await self.render(office, identity: identity, message: message)
        }
        protected.post("settings/time-study") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice(for: .manage)
            let text = String(buffer: try await BoundedBody.collect(request, limit: 4 << 10, timeout: BoundedBody.smallBodySeconds))
            guard let form = try? URLEncodedFormDecoder().decode([String: String].self, from: text) else {
                return try await self.render(office, identity: identity, error: "フォームの内容を読めません / the form could not be read", status: .badRequest)
            }
            let actor = "account:\(identity.account.id)"
            if form["remove"] == "1" {
                try await self.hub.store.setTimeStudy(
                    officeID: office.id, study: nil, at: self.hub.now(),
                    audit: AuditRecord(actor: actor, office: office.officeID.description, action: "timeStudy.remove", subject: office.officeID.description))
                return Response.redirect(to: "/web/settings/time-study?done=removed", type: .normal)
            }
            do {
                let study = try TimeStudy(form: form)
                try await self.hub.store.setTimeStudy(
                    officeID: office.id, study: study.json, at: self.hub.now(),
                    audit: AuditRecord(actor: actor, office: office.officeID.description, action: "timeStudy.set", subject: office.officeID.description))
            } catch let error as ExchangeError {
                return try await self.render(office, identity: identity, form: form, error: error.message, status: error.status)
            }
            return Response.redirect(to: "/web/settings/time-study?done=saved", type: .normal)
        }
    }

    private static let messages = [
        "saved": ("保存しました。地域の試算に使われます。", "Saved; your region's estimate uses it."),
        "removed": ("削除しました。", "Removed."),
    ]

    private func render(
        _ office: Office, identity: HubIdentity, form: [String: String]? = nil, message: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var model = TimeStudyPageModel(
            office: office, study: TimeStudy.decode(try await self.hub.store.timeStudy(officeID: office.id)), form: form,
            canChange: identity.credential.scopes.contains(.manage), message: message, error: error)
        model.office = await self.hub.officeHeader(office)
        return self.pages.render("time-study", model, status: status)
    }
}

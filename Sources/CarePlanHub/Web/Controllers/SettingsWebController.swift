// CarePlan Link — CarePlanHub
import CarePlanHubStore
import Hummingbird

/// 通知設定 in the browser: the office's notification address and the mails sent lately. Any account of the office
/// sees it; only the office's administrators (the `manage` scope) change it, since the address decides where the
/// office's notices go.
struct SettingsWebController {
    let hub: Hub
    let pages: WebPages

    struct AddressForm: Decodable {
        let email: String?
    }

    func addRoutes(to protected: RouterGroup<HubRequestContext>) {
        protected.get("settings") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice()
            let message = request.uri.queryParameters.get("done") == "saved" ? PageText.pick("保存しました。", "Saved.") : nil
            return try await self.render(office, identity: identity, message: message)
        }
        protected.post("settings") { request, context in
            let identity = try context.requireIdentity()
            let office = try identity.requireOffice(for: .manage)
            let text = String(buffer: try await BoundedBody.collect(request, limit: 4 << 10, timeout: BoundedBody.smallBodySeconds))
            // A body without the field is a broken form, not a wish to stop the mails.
            guard let form = try? URLEncodedFormDecoder().decode(AddressForm.self, from: text), let email = form.email else {
                throw ExchangeError(.malformed, "notification.form", "フォームの内容を読めません。もう一度入力してください / the form could not be read; enter the address again")
            }
            do {
                try await NotificationSettings(hub: self.hub).set(email, for: office, actor: "account:\(identity.account.id)")
            } catch let error as ExchangeError {
                return try await self.render(office, identity: identity, error: error.message, status: error.status)
            }
            return Response.redirect(to: "/web/settings?done=saved", type: .normal)
        }
    }

    private func render(
        _ office: Office, identity: HubIdentity, message: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var model = SettingsPageModel(
            office: office, address: try await self.hub.store.notificationAddress(officeID: office.id), enabled: self.hub.mailer != nil,
            canChange: identity.credential.scopes.contains(.manage),
            notifications: try await self.hub.store.notifications(officeID: office.id, limit: 20), message: message, error: error)
        model.office = await self.hub.officeHeader(office)
        return self.pages.render("settings", model, status: status)
    }
}

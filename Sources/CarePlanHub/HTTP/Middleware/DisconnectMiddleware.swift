// CarePlan Link — CarePlanHub
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1

/// A request whose client went away (the connection closed while its body was read) is no server error: it is
/// answered — to nobody — as 499 `client.disconnected`, so that `/metrics` counts it apart from real 500s.
struct DisconnectMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext

    static let status = HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch HTTPParserError.invalidEOFState {
            // The stream ended inside the request: the client went away mid-body.
            throw Self.disconnected
        } catch is HTTPParserError {
            throw HubError.badRequest("request.malformed", "HTTP リクエストの形式が不正です / the HTTP request is malformed")
        } catch let error as ChannelError {
            // Reading or writing a connection the client closed; any other error (the store's, say) stays a 500.
            guard let channel = context.channel, !channel.isActive else { throw error }
            throw Self.disconnected
        }
    }

    static let disconnected = HubError(status: Self.status, code: "client.disconnected", message: "接続が切れました / the client closed the connection")
}

// CarePlan Link — CarePlanHub
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// A channel handler on every connection, after HTTP decoding: what Hummingbird's idle timeout does not cover.
///
/// - A new connection must send its request head within `headerTimeout`; one that sends half a head and waits is
///   closed (the idle timer alone never fires for it while it trickles).
/// - A request's body must be complete `bodyTimeout` after its head; a client that sends one byte a minute gets a 408
///   and is closed (routes that read a body answer 408 before that, see ``BoundedBody``; when the handler has not
///   answered by then, e.g. because the hub is busy, the guard answers it itself, so that the client is told why).
/// - A response with `Connection: close` closes the connection once it is written, even when the client has not
///   finished sending its body (Hummingbird would otherwise wait for the client to close, e.g. after a 413).
/// - A client that stops reading (the connection stays unwritable) is closed after `stalledWriteTimeout`: the idle
///   timer does not run while a response is being written. Later request heads on a kept-alive connection are bounded
///   by the idle timeout, which counts complete HTTP parts only.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let stalledWriteTimeout: TimeAmount
    private var headerTimer: Scheduled<Void>?
    private var bodyTimer: Scheduled<Void>?
    private var writeTimer: Scheduled<Void>?
    private var closeAfterResponse = false
    /// A response head was written and its end not yet: the guard must not write one of its own.
    private var responding = false
    /// The guard answered 408 itself: the handler's late answer is dropped, not written after it.
    private var answeredByGuard = false
    /// The current request was answered already (e.g. a 401 before its body was read, while Hummingbird drains the
    /// rest): a late body then only closes the connection, never gets a second response.
    private var answered = false

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount, stalledWriteTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.stalledWriteTimeout = stalledWriteTimeout
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.writeTimer?.cancel()
        self.writeTimer = context.channel.isWritable ? nil : self.closeLater(context, after: self.stalledWriteTimeout)
        context.fireChannelWritabilityChanged()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.startHeaderTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.startHeaderTimer(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.cancelTimers()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.cancelTimers()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head:
            self.answered = false
            self.headerTimer?.cancel()
            self.headerTimer = nil
            self.bodyTimer?.cancel()
            self.bodyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: self.bodyTimeout) { self.bodyTimedOut(context) }
        case .body:
            break
        case .end:
            self.bodyTimer?.cancel()
            self.bodyTimer = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !self.answeredByGuard else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch self.unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased() == "close" { self.closeAfterResponse = true }
            self.responding = true
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            self.responding = false
            self.answered = true
            guard self.closeAfterResponse else { return context.write(data, promise: promise) }
            context.writeAndFlush(data).assumeIsolated().whenComplete { result in
                promise?.completeWith(result)
                context.close(promise: nil)
            }
        }
    }

    /// The body did not arrive in time: a 408 (the API's error envelope) unless a response is under way, then close.
    private func bodyTimedOut(_ context: ChannelHandlerContext) {
        guard !self.responding && !self.answered else { return context.close(promise: nil) }
        let body = ByteBuffer(
            string: #"{"error":{"code":"request.timeout","message":"リクエスト本文の受信が時間内に終わりませんでした / the request body did not arrive in time"}}"#)
        var head = HTTPResponse(status: .requestTimeout)
        head.headerFields[.contentType] = "application/json; charset=utf-8"
        head.headerFields[.contentLength] = String(body.readableBytes)
        head.headerFields[.connection] = "close"
        head.headerFields[.cacheControl] = "no-store"
        self.answeredByGuard = true
        context.write(self.wrapOutboundOut(.head(head)), promise: nil)
        context.write(self.wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(self.wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    private func startHeaderTimer(_ context: ChannelHandlerContext) {
        guard self.headerTimer == nil else { return }
        self.headerTimer = self.closeLater(context, after: self.headerTimeout)
    }

    private func closeLater(_ context: ChannelHandlerContext, after delay: TimeAmount) -> Scheduled<Void> {
        context.eventLoop.assumeIsolated().scheduleTask(in: delay) { context.close(promise: nil) }
    }

    private func cancelTimers() {
        self.headerTimer?.cancel()
        self.bodyTimer?.cancel()
        self.writeTimer?.cancel()
        self.headerTimer = nil
        self.bodyTimer = nil
        self.writeTimer = nil
    }
}

import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { decodePrimusFrame, primusPong } from '@notion-rx/protocol'
import { Server as EngineServer, type Socket } from 'engine.io'
import type { AuthenticatedUser } from '../access/accounts.js'
import { ApiError } from '../http/apiError.js'
import { authenticate } from '../http/authenticate.js'
import { requestUrl } from '../http/requestUrl.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { answerRequest } from './answerRequest.js'
import { MessageStoreSession } from './messageStoreSession.js'
import { DEFAULT_SUBSCRIPTION_LIMITS, SubscriptionHub, type SubscriptionLimits } from './subscriptionHub.js'

export interface MessageStoreOptions {
  /**
   * Interval of the server's Primus pings (`"primus::ping::<ms>"`) and of engine.io's own pings. A
   * client that has not answered a Primus ping by the next one is disconnected.
   * @default 25000
   */
  pingIntervalMs?: number
  /**
   * engine.io heartbeat timeout. For Engine.IO 3 clients (which must send the pings) the session
   * dies after `pingIntervalMs + pingTimeoutMs` without one, as notion-py's sessions did.
   * @default 20000 at /primus-v8/, 60000 at /primus/
   */
  pingTimeoutMs?: number
  /**
   * Caps on subscriptions: keys per connection (default 50,000), per user across connections
   * (default 200,000; anonymous connections share one budget) and key length (default 512). A
   * registration that would pass one is answered `status: "error"` and registers nothing.
   */
  limits?: Partial<SubscriptionLimits>
}

export interface MessageStore {
  /** Live sessions, for tests and diagnostics. */
  readonly sessionCount: number
  readonly hub: SubscriptionHub
  close(): Promise<void>
}

/** How often the disconnect fault is checked, so `setFaults` at run time takes effect quickly. */
const FAULT_TICK_MS = 25

interface RefusedHandshake {
  status: number
  body: Record<string, unknown>
}

/**
 * The message store (docs/protocol.md#message-store): two engine.io servers on the emulator's HTTP server,
 * `/primus-v8/` (Engine.IO 4, websocket and polling, as the web app speaks today) and `/primus/`
 * (Engine.IO 3 long-polling as notion-py speaks it, plus websocket), with Primus framing. Requests
 * on other paths go to the handlers the server already had.
 */
export function attachMessageStore(
  httpServer: HttpServer,
  emulator: EmulatorContext,
  options: MessageStoreOptions = {},
): MessageStore {
  const pingInterval = options.pingIntervalMs ?? 25_000
  const engines = {
    modern: new EngineServer({
      pingInterval,
      pingTimeout: options.pingTimeoutMs ?? 20_000,
      transports: ['polling', 'websocket'],
    }),
    legacy: new EngineServer({
      pingInterval,
      pingTimeout: options.pingTimeoutMs ?? 60_000,
      transports: ['polling', 'websocket'],
      allowEIO3: true,
    }),
  }
  const hub = new SubscriptionHub(emulator, { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options.limits })
  const sessions = new Set<MessageStoreSession>()
  const handshakeUsers = new WeakMap<IncomingMessage, AuthenticatedUser | undefined>()
  const upgradedSockets = new Set<Duplex>()

  function engineFor(request: IncomingMessage): EngineServer | undefined {
    const url = request.url ?? '/'
    const query = url.indexOf('?')
    const path = query === -1 ? url : url.slice(0, query)
    if (path === '/primus-v8/' || path === '/primus-v8') return engines.modern
    if (path === '/primus/' || path === '/primus') return engines.legacy
    return undefined
  }

  /** New sessions only (no `sid`): the down fault and authentication apply to handshakes. */
  function refuseHandshake(request: IncomingMessage): RefusedHandshake | undefined {
    if (requestUrl(request)?.searchParams.has('sid') ?? false) return undefined
    if (emulator.faults.current.messageStoreDown) {
      return { status: 503, body: new ApiError(503, 'ServiceUnavailableError', 'Message store is down (injected fault).').toBody() }
    }
    try {
      handshakeUsers.set(request, authenticate(request, emulator.accounts))
      return undefined
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: error.toBody() }
      throw error
    }
  }

  const previousListeners = httpServer.listeners('request').slice() as ((request: IncomingMessage, response: ServerResponse) => void)[]
  httpServer.removeAllListeners('request')
  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const engine = engineFor(request)
    if (!engine) {
      try {
        for (const listener of previousListeners) listener.call(httpServer, request, response)
      } catch {
        // The API server answers every request itself; this is the last line, so nothing ends the process.
        if (!response.headersSent) response.writeHead(500)
        response.end()
      }
      return
    }
    try {
      const refused = refuseHandshake(request)
      if (refused) {
        const text = JSON.stringify(refused.body)
        response.writeHead(refused.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
        response.end(text)
        request.resume()
        return
      }
      engine.handleRequest(request, response)
    } catch {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    }
  })
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    const engine = engineFor(request)
    try {
      const refused = engine ? refuseHandshake(request) : { status: 404, body: {} }
      if (!engine || refused) {
        const text = JSON.stringify(refused?.body ?? {})
        socket.end(
          `HTTP/1.1 ${refused?.status ?? 404} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
        )
        return
      }
      upgradedSockets.add(socket)
      socket.once('close', () => upgradedSockets.delete(socket))
      engine.handleUpgrade(request, socket, head)
    } catch {
      socket.destroy()
    }
  })

  function onConnection(socket: Socket): void {
    const userId = handshakeUsers.get(socket.request)?.id
    const session = new MessageStoreSession(socket, userId)
    sessions.add(session)
    socket.on('error', () => session.close())
    socket.on('message', (data: string | Buffer) => {
      try {
        onMessage(session, data)
      } catch {
        // A bug in a handler must not take the server down; the client just gets no answer.
      }
    })
    socket.on('close', () => {
      sessions.delete(session)
      hub.drop(session)
      session.dispose()
    })
  }

  function onMessage(session: MessageStoreSession, data: string | Buffer): void {
    const frame = decodePrimusFrame(data)
    switch (frame.kind) {
      case 'ping':
        session.socket.send(primusPong(frame.timestamp))
        return
      case 'pong':
        if (session.awaitingPong === frame.timestamp) session.awaitingPong = undefined
        return
      case 'malformed':
        return
      case 'data': {
        const response = answerRequest(hub, session, frame.value, emulator.now)
        if (response) session.send(response)
      }
    }
  }

  engines.modern.on('connection', onConnection)
  engines.legacy.on('connection', onConnection)
  const stopCommits = emulator.events.subscribe((event) => {
    try {
      hub.onCommit(event)
    } catch {
      // Notifications are best effort; the commit itself already happened.
    }
  })

  const pingTimer = setInterval(() => {
    const timestamp = String(Date.now())
    for (const session of [...sessions]) {
      if (session.awaitingPong !== undefined) session.close()
      else session.sendPing(timestamp)
    }
  }, pingInterval)
  pingTimer.unref()

  let lastDrop = Date.now()
  const faultTimer = setInterval(() => {
    const every = emulator.faults.current.messageStoreDisconnectEveryMs
    const now = Date.now()
    if (!every || every <= 0) {
      lastDrop = now
      return
    }
    if (now - lastDrop < every) return
    lastDrop = now
    for (const session of [...sessions]) session.close()
  }, FAULT_TICK_MS)
  faultTimer.unref()

  let closed: Promise<void> | undefined
  return {
    hub,
    get sessionCount() {
      return sessions.size
    },
    close() {
      closed ??= (async () => {
        clearInterval(pingTimer)
        clearInterval(faultTimer)
        stopCommits()
        engines.modern.close()
        engines.legacy.close()
        for (const session of sessions) session.dispose()
        sessions.clear()
        // Give websocket close frames a moment, then cut what is left so the HTTP server can close.
        const deadline = Date.now() + 100
        while (upgradedSockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
        for (const socket of upgradedSockets) socket.destroy()
        upgradedSockets.clear()
      })()
      return closed
    },
  }
}

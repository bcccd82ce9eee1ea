import { randomUUID } from 'node:crypto'
import { Socket } from 'engine.io-client'
import type { Emulator } from '../../src/index.js'

export interface LiveClient {
  /** Every decoded Primus frame received so far (JSON values, heartbeat strings included). */
  readonly received: unknown[]
  /** Sends one value as a Primus frame (JSON-encoded engine.io message). */
  send(value: unknown): void
  /** Sends a raw engine.io message payload, not JSON-encoded. */
  sendRaw(text: string): void
  /** Resolves with the first frame (already received or future) that `match` accepts. */
  next<T = any>(match: (value: any) => boolean, timeoutMs?: number): Promise<T>
  /** Sends a request with a fresh requestId and resolves with its response. */
  request<T = any>(type: string, body: Record<string, unknown>): Promise<T>
  /** Resolves with the close reason once the connection closes. */
  readonly closed: Promise<string>
  close(): void
}

export interface LiveClientOptions {
  tokenV2?: string
  /** Sent as x-notion-active-user-header on the handshake. */
  activeUser?: string
  transport: 'websocket' | 'polling'
  /** Answer the server's Primus pings (as real clients do). @default true */
  answerPings?: boolean
}

/** Connects to `/primus-v8/` with engine.io-client (Engine.IO 4), as the web app does. */
export function connectLive(emulator: Emulator, options: LiveClientOptions): Promise<LiveClient> {
  const socket = new Socket(emulator.url, {
    path: '/primus-v8/',
    transports: [options.transport],
    upgrade: false,
    query: { sessionId: randomUUID() },
    extraHeaders: {
      ...(options.tokenV2 ? { cookie: `token_v2=${options.tokenV2}` } : {}),
      ...(options.activeUser ? { 'x-notion-active-user-header': options.activeUser } : {}),
    },
  })
  const received: unknown[] = []
  const waiters = new Set<{ match: (value: unknown) => boolean; resolve: (value: unknown) => void }>()
  const answerPings = options.answerPings ?? true
  socket.on('message', (data) => {
    const value: unknown = JSON.parse(String(data))
    received.push(value)
    if (answerPings && typeof value === 'string' && value.startsWith('primus::ping::')) {
      socket.send(JSON.stringify(value.replace('::ping::', '::pong::')))
    }
    for (const waiter of [...waiters]) {
      if (waiter.match(value)) {
        waiters.delete(waiter)
        waiter.resolve(value)
      }
    }
  })
  const closed = new Promise<string>((resolve) => socket.on('close', (reason) => resolve(reason)))
  const client: LiveClient = {
    received,
    send: (value) => socket.send(JSON.stringify(value)),
    sendRaw: (text) => socket.send(text),
    next(match, timeoutMs = 3000) {
      const found = received.find(match)
      if (found !== undefined) return Promise.resolve(found as never)
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: resolve as (value: unknown) => void }
        waiters.add(waiter)
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(received)}`))
        }, timeoutMs)
      })
    },
    request(type, body) {
      const requestId = randomUUID()
      client.send({ type, requestId, ...body })
      return client.next((value) => value?.type === 'response' && value.requestId === requestId)
    },
    closed,
    close: () => socket.close(),
  }
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client))
    socket.once('error', (error) => reject(error))
  })
}

/** No message matching `match` arrives within `ms`. */
export async function expectSilence(client: LiveClient, match: (value: any) => boolean, ms = 300): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
  const found = client.received.find(match)
  if (found !== undefined) throw new Error(`unexpected message ${JSON.stringify(found)}`)
}

/**
 * notion-py's encoder, byte for byte (monitor.py): `str(len(obj)) + json` where len(obj) is the
 * dict's key count (4 for its messages, which is by luck the engine.io "message" type), then
 * `<len>:<msg>`. Strings (the Primus pong) are written with an explicit `4`.
 */
export function encodeNotionPyPayload(values: unknown[]): string {
  return values
    .map((value) => {
      const json = JSON.stringify(value)
      const message = typeof value === 'string' ? `4${json}` : `${Object.keys(value as object).length}${json}`
      return `${message.length}:${message}`
    })
    .join('')
}

/** Decodes an Engine.IO 3 text payload (`<len>:<type><data>`...) into packets. */
export function decodeEio3Payload(payload: string): { type: string; data: string }[] {
  const packets: { type: string; data: string }[] = []
  let at = 0
  while (at < payload.length) {
    const colon = payload.indexOf(':', at)
    if (colon === -1) throw new Error(`bad EIO3 payload: ${payload}`)
    const length = Number(payload.slice(at, colon))
    const packet = payload.slice(colon + 1, colon + 1 + length)
    packets.push({ type: packet[0] ?? '', data: packet.slice(1) })
    at = colon + 1 + length
  }
  return packets
}

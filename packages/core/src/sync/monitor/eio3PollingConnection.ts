import { randomUUID } from 'node:crypto'
import { decodePrimusFrame, encodePrimusFrame } from '@notion-rx/protocol'
import type { ConnectOptions, MessageStoreConnection } from './messageStoreConnection.js'

interface Eio3Packet {
  type: string
  data: string
}

/** `<length>:<type><data>` packets, one after another (Engine.IO 3 text payload). */
export function decodeEio3Payload(payload: string): Eio3Packet[] {
  const packets: Eio3Packet[] = []
  let at = 0
  while (at < payload.length) {
    const colon = payload.indexOf(':', at)
    const length = Number(payload.slice(at, colon))
    if (colon === -1 || !Number.isInteger(length) || length < 1) throw new Error('malformed Engine.IO 3 payload')
    const packet = payload.slice(colon + 1, colon + 1 + length)
    packets.push({ type: packet[0]!, data: packet.slice(1) })
    at = colon + 1 + length
  }
  return packets
}

export function encodeEio3Payload(packets: readonly string[]): string {
  return packets.map((packet) => `${packet.length}:${packet}`).join('')
}

// Lengths count characters on both sides only while the text is ASCII: escape the rest.
const asciiJson = (value: unknown) => encodePrimusFrame(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

/**
 * The message store over Engine.IO 3 long-polling (`/primus/`), written by hand with fetch since
 * engine.io-client 6 speaks only Engine.IO 4 (it hardcodes `EIO=4`). Unlike notion-py it sends
 * the engine.io pings (packet `2`) Engine.IO 3 servers expect from clients, and gives up on a
 * server that stops answering them.
 */
export function connectEio3(options: ConnectOptions): MessageStoreConnection {
  const { handlers, stats, headers } = options
  const sessionId = randomUUID()
  const abort = new AbortController()
  let sid: string | undefined
  let state: 'opening' | 'open' | 'closed' = 'opening'
  let outbox: string[] = []
  let posting = false
  let pingTimer: NodeJS.Timeout | undefined
  let pongTimer: NodeJS.Timeout | undefined
  let pingIntervalMs = 25_000
  let pingTimeoutMs = 60_000

  const url = () => {
    const query = new URLSearchParams({ sessionId, EIO: '3', transport: 'polling', ...(sid ? { sid } : {}) })
    return `${options.url}?${query}`
  }

  function finish(reason: string, report = true): void {
    if (state === 'closed') return
    const opened = state === 'open'
    state = 'closed'
    clearTimeout(pingTimer)
    clearTimeout(pongTimer)
    abort.abort()
    if (report) handlers.close(reason, opened)
  }

  function schedulePing(): void {
    pingTimer = setTimeout(() => {
      queue('2')
      pongTimer = setTimeout(() => finish('ping timeout'), pingTimeoutMs)
    }, pingIntervalMs)
  }

  function onPacket(packet: Eio3Packet): void {
    stats.framesIn++
    stats.bytesIn += 1 + packet.data.length
    switch (packet.type) {
      case '0': {
        const open = JSON.parse(packet.data) as { sid?: string; pingInterval?: number; pingTimeout?: number }
        if (typeof open.sid !== 'string') throw new Error('Engine.IO 3 handshake without sid')
        sid = open.sid
        pingIntervalMs = open.pingInterval ?? pingIntervalMs
        pingTimeoutMs = open.pingTimeout ?? pingTimeoutMs
        state = 'open'
        schedulePing()
        handlers.open()
        return
      }
      case '1':
        finish('transport close')
        return
      case '2':
        queue(`3${packet.data}`)
        return
      case '3':
        clearTimeout(pongTimer)
        schedulePing()
        return
      case '4':
        handlers.frame(decodePrimusFrame(packet.data))
        return
      default:
      // `6` (noop) and anything else: nothing to do.
    }
  }

  async function get(): Promise<string> {
    const response = await fetch(url(), { headers, signal: abort.signal })
    const text = await response.text()
    if (!response.ok) throw new Error(`message store answered ${response.status}`)
    return text
  }

  async function run(): Promise<void> {
    try {
      for (const packet of decodeEio3Payload(await get())) onPacket(packet)
      if (sid === undefined) throw new Error('Engine.IO 3 handshake without open packet')
      while (state === 'open') {
        const packets = decodeEio3Payload(await get())
        for (const packet of packets) if (state === 'open') onPacket(packet)
      }
    } catch (error) {
      finish(error instanceof Error ? error.message : 'transport error')
    }
  }

  // Engine.IO 3 allows one POST at a time: what is sent meanwhile goes in the next one.
  function queue(packet: string): void {
    if (state !== 'open') return
    outbox.push(packet)
    stats.framesOut++
    stats.bytesOut += packet.length
    if (!posting) void post()
  }

  async function post(): Promise<void> {
    posting = true
    try {
      while (outbox.length > 0 && state === 'open') {
        const body = encodeEio3Payload(outbox)
        outbox = []
        const response = await fetch(url(), {
          method: 'POST',
          headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' },
          body,
          signal: abort.signal,
        })
        await response.text()
        if (!response.ok) throw new Error(`message store answered ${response.status}`)
      }
    } catch (error) {
      finish(error instanceof Error ? error.message : 'transport error')
    } finally {
      posting = false
    }
  }

  void run()
  return {
    send(value) {
      queue(`4${asciiJson(value)}`)
    },
    close() {
      finish('client close', false)
    },
  }
}

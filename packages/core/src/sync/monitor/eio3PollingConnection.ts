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
  const session = new Eio3Session(options)
  void session.run()
  return {
    send(value) {
      session.queue(`4${asciiJson(value)}`)
    },
    close() {
      session.finish('client close', false)
    },
  }
}

/** One Engine.IO 3 polling session: a GET loop for what the server sends, one POST at a time for ours. */
class Eio3Session {
  readonly #options: ConnectOptions
  readonly #sessionId = randomUUID()
  readonly #abort = new AbortController()
  #sid: string | undefined
  #state: 'opening' | 'open' | 'closed' = 'opening'
  #outbox: string[] = []
  #posting = false
  #pingTimer: NodeJS.Timeout | undefined
  #pongTimer: NodeJS.Timeout | undefined
  #pingIntervalMs = 25_000
  #pingTimeoutMs = 60_000

  constructor(options: ConnectOptions) {
    this.#options = options
  }

  #url(): string {
    const query = new URLSearchParams({ sessionId: this.#sessionId, EIO: '3', transport: 'polling', ...(this.#sid ? { sid: this.#sid } : {}) })
    return `${this.#options.url}?${query}`
  }

  finish(reason: string, report = true): void {
    if (this.#state === 'closed') return
    const opened = this.#state === 'open'
    this.#state = 'closed'
    clearTimeout(this.#pingTimer)
    clearTimeout(this.#pongTimer)
    this.#abort.abort()
    if (report) this.#options.handlers.close(reason, opened)
  }

  #schedulePing(): void {
    this.#pingTimer = setTimeout(() => {
      this.queue('2')
      this.#pongTimer = setTimeout(() => this.finish('ping timeout'), this.#pingTimeoutMs)
    }, this.#pingIntervalMs)
  }

  #onOpen(data: string): void {
    const open = JSON.parse(data) as { sid?: string; pingInterval?: number; pingTimeout?: number }
    if (typeof open.sid !== 'string') throw new Error('Engine.IO 3 handshake without sid')
    this.#sid = open.sid
    this.#pingIntervalMs = open.pingInterval ?? this.#pingIntervalMs
    this.#pingTimeoutMs = open.pingTimeout ?? this.#pingTimeoutMs
    this.#state = 'open'
    this.#schedulePing()
    this.#options.handlers.open()
  }

  #onPacket(packet: Eio3Packet): void {
    const { stats, handlers } = this.#options
    stats.framesIn++
    stats.bytesIn += 1 + packet.data.length
    switch (packet.type) {
      case '0':
        this.#onOpen(packet.data)
        return
      case '1':
        this.finish('transport close')
        return
      case '2':
        this.queue(`3${packet.data}`)
        return
      case '3':
        clearTimeout(this.#pongTimer)
        this.#schedulePing()
        return
      case '4':
        handlers.frame(decodePrimusFrame(packet.data))
        return
      default:
      // `6` (noop) and anything else: nothing to do.
    }
  }

  async #get(): Promise<string> {
    const response = await fetch(this.#url(), { headers: this.#options.headers, signal: this.#abort.signal })
    const text = await response.text()
    if (!response.ok) throw new Error(`message store answered ${response.status}`)
    return text
  }

  async run(): Promise<void> {
    try {
      for (const packet of decodeEio3Payload(await this.#get())) this.#onPacket(packet)
      if (this.#sid === undefined) throw new Error('Engine.IO 3 handshake without open packet')
      while (this.#state === 'open') {
        const packets = decodeEio3Payload(await this.#get())
        for (const packet of packets) if (this.#state === 'open') this.#onPacket(packet)
      }
    } catch (error) {
      this.finish(error instanceof Error ? error.message : 'transport error')
    }
  }

  // Engine.IO 3 allows one POST at a time: what is sent meanwhile goes in the next one.
  queue(packet: string): void {
    if (this.#state !== 'open') return
    const { stats } = this.#options
    this.#outbox.push(packet)
    stats.framesOut++
    stats.bytesOut += packet.length
    if (!this.#posting) void this.#post()
  }

  async #post(): Promise<void> {
    this.#posting = true
    try {
      while (this.#outbox.length > 0 && this.#state === 'open') {
        const body = encodeEio3Payload(this.#outbox)
        this.#outbox = []
        const response = await fetch(this.#url(), {
          method: 'POST',
          headers: { ...this.#options.headers, 'content-type': 'text/plain;charset=UTF-8' },
          body,
          signal: this.#abort.signal,
        })
        await response.text()
        if (!response.ok) throw new Error(`message store answered ${response.status}`)
      }
    } catch (error) {
      this.finish(error instanceof Error ? error.message : 'transport error')
    } finally {
      this.#posting = false
    }
  }
}

import { encodePrimusFrame, primusPing, type MessageStoreNotification } from '@notion-rx/protocol'
import type { Socket } from 'engine.io'

interface HeldNotification {
  dueAt: number
  message: MessageStoreNotification
}

/**
 * One live message-store connection: who it is (user or anonymous), its Primus heartbeat state,
 * and an outbox that can hold notifications back (the `messageStoreStallMs` fault) while keeping
 * their order.
 */
export class MessageStoreSession {
  readonly socket: Socket
  /** The user the handshake authenticated; undefined for anonymous sessions (public records only). */
  readonly userId: string | undefined
  /** Timestamp of the Primus ping we are waiting on an answer for. */
  awaitingPong: string | undefined

  #outbox: HeldNotification[] = []
  #timer: NodeJS.Timeout | undefined
  #disposed = false

  constructor(socket: Socket, userId: string | undefined) {
    this.socket = socket
    this.userId = userId
  }

  get isOpen(): boolean {
    return !this.#disposed && this.socket.readyState === 'open'
  }

  /** Sends one Primus frame (a JSON value) now. */
  send(value: unknown): void {
    if (this.isOpen) this.socket.send(encodePrimusFrame(value))
  }

  sendPing(timestamp: string): void {
    this.awaitingPong = timestamp
    if (this.isOpen) this.socket.send(primusPing(timestamp))
  }

  /** Delivers a notification, after `stallMs` if the stall fault is on; never ahead of held ones. */
  notify(message: MessageStoreNotification, stallMs: number): void {
    if (this.#disposed) return
    if (stallMs <= 0 && this.#outbox.length === 0) {
      this.send(message)
      return
    }
    const last = this.#outbox.at(-1)
    this.#outbox.push({ dueAt: Math.max(Date.now() + Math.max(0, stallMs), last?.dueAt ?? 0), message })
    this.#schedule()
  }

  /** Drops the connection (disconnect fault, heartbeat timeout, shutdown). */
  close(): void {
    if (this.socket.readyState !== 'closed') this.socket.close(true)
  }

  dispose(): void {
    this.#disposed = true
    this.#outbox = []
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #schedule(): void {
    const first = this.#outbox[0]
    if (this.#timer || !first) return
    this.#timer = setTimeout(() => this.#flush(), Math.max(0, first.dueAt - Date.now()))
  }

  #flush(): void {
    this.#timer = undefined
    const now = Date.now()
    while (this.#outbox[0] && this.#outbox[0].dueAt <= now) this.send(this.#outbox.shift()!.message)
    this.#schedule()
  }
}

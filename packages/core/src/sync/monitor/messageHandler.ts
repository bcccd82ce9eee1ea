import { randomUUID } from 'node:crypto'
import {
  messageStoreServerMessageSchema,
  parseSubscriptionKey,
  type MessageStoreNotification,
  type MessageStoreResponse,
} from '@notion-rx/protocol'
import type { HeldVersions } from './heldVersions.js'
import type { KeyChange } from './keyFollowing.js'
import type { MonitorStats } from './monitorStats.js'
import type { Refetcher } from './refetcher.js'
import type { Registrations } from './registrations.js'

const ACK = '/api/v1/ackNotification'

export interface MessageHandlerOptions {
  /** Counts responses, notifications and errors. */
  stats: MonitorStats
  /** Sends one message on the current session (the acks). */
  send: (message: unknown) => void
  /** Whether a key is followed (a notification for a record no longer followed is ignored). */
  isFollowed: (key: string) => boolean
  registrations: Pick<Registrations, 'answered'>
  refetcher: Pick<Refetcher, 'announce'>
  versions: Pick<HeldVersions, 'announced'>
  /** Every notification, for diagnostics. */
  notified: (notification: MessageStoreNotification) => void
  /** An announcement on a key that names no record. */
  keyChanged: (change: KeyChange) => void
  /** Error answers and error notifications, as values. */
  report: (error: unknown) => void
}

/**
 * The messages the message store sends: answers to our requests (handed to the registrations),
 * and notifications, acked when asked, then routed: a record's to the refetcher, any other key's
 * announced as a key change. Messages that do not parse are ignored.
 */
export class MessageHandler {
  readonly #options: MessageHandlerOptions

  constructor(options: MessageHandlerOptions) {
    this.#options = options
  }

  receive(message: unknown): void {
    const parsed = messageStoreServerMessageSchema.safeParse(message)
    if (!parsed.success) return
    if (parsed.data.type === 'notification') this.#onNotification(parsed.data)
    else this.#onResponse(parsed.data)
  }

  #onResponse(response: MessageStoreResponse): void {
    const { stats, report, registrations } = this.#options
    stats.responses++
    if (response.status === 'error') report(new Error(`message store: ${response.error?.message ?? 'request failed'}`))
    registrations.answered(response.requestId)
  }

  #onNotification(notification: MessageStoreNotification): void {
    const { stats, send, report, isFollowed } = this.#options
    stats.notifications++
    this.#options.notified(notification)
    if (notification.ackId !== undefined) send({ type: ACK, requestId: randomUUID(), ackId: notification.ackId })
    if (notification.status === 'error') {
      report(new Error(`message store notification error on ${notification.key}`))
      return
    }
    // The web app compares `version`; notion-py's era sent only `value`.
    const version = notification.version ?? (typeof notification.value === 'number' ? notification.value : undefined)
    const parsed = parseSubscriptionKey(notification.key)
    if (parsed.kind === 'record') {
      if (isFollowed(notification.key)) this.#options.refetcher.announce(parsed.table, parsed.id, version)
      return
    }
    if (version !== undefined) this.#options.versions.announced(notification.key, version)
    this.#options.keyChanged({ key: notification.key, version: version ?? -1 })
  }
}

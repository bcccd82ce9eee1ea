import { randomUUID } from 'node:crypto'
import { parseSubscriptionKey } from '@notion-rx/protocol'
import type { Subscription } from 'rxjs'
import { notifyManager as sharedNotifyManager, type NotifyManager } from '../../store/notifyManager.js'

const REGISTER = '/api/v1/registerBatchSubscriptions'
const UNREGISTER = '/api/v1/unregisterBatchSubscriptions'
/** Keys per (un)registration frame, as the web app batches them (docs/protocol.md#message-store-messages). */
const BATCH_LIMIT = 250

export interface RegistrationsOptions {
  /** Changes within this window go out together. */
  batchMs: number
  /** The version a key is registered with (-1: none). */
  heldVersion: (key: string) => number
  /** Sends one message on the current session. */
  send: (message: unknown) => void
  /** A key that names no record was registered with no version, and the server answered. */
  registeredUnversioned: (key: string) => void
  /** Times the batches (`timeScheduler`). @default the shared `notifyManager` */
  notifyManager?: NotifyManager | undefined
}

/**
 * What the current message-store session has registered, kept in step with the followed keys:
 * changes within `batchMs` go out as frames of at most 250 keys, each with the version held, so the
 * server answers with catch-up notifications for whatever is newer.
 */
export class Registrations {
  readonly #options: RegistrationsOptions
  #open = false
  readonly #registered = new Set<string>()
  #toRegister = new Set<string>()
  readonly #toUnregister = new Set<string>()
  /** Records registered before their version was known, by request id. */
  readonly #unversionedRecords = new Map<string, string[]>()
  /** Other keys registered with no version to catch up from, by request id. */
  readonly #unversionedOthers = new Map<string, string[]>()
  #batchTimer: Subscription | undefined

  constructor(options: RegistrationsOptions) {
    this.#options = options
  }

  /** A key became followed. */
  add(key: string): void {
    this.#toUnregister.delete(key)
    if (this.#open && !this.#registered.has(key)) {
      this.#toRegister.add(key)
      this.#scheduleBatch()
    }
  }

  /** A key is no longer followed. */
  remove(key: string): void {
    this.#toRegister.delete(key)
    if (this.#open && this.#registered.has(key)) {
      this.#toUnregister.add(key)
      this.#scheduleBatch()
    }
  }

  /**
   * A session opened. A fresh session knows nothing: every followed key goes out at once with its
   * held version; what changed meanwhile comes back as catch-up notifications.
   */
  opened(followed: readonly string[]): void {
    this.#open = true
    this.#registered.clear()
    this.#toUnregister.clear()
    this.#toRegister = new Set(followed)
    this.#flush()
  }

  /** The session ended: nothing is registered any more. */
  dropped(): void {
    this.#open = false
    this.#registered.clear()
    this.#toRegister.clear()
    this.#toUnregister.clear()
    this.#unversionedRecords.clear()
    this.#unversionedOthers.clear()
  }

  /** The server answered request `requestId`: keys it registered without a version are looked at again. */
  answered(requestId: string | null): void {
    if (requestId === null) return
    const others = this.#unversionedOthers.get(requestId)
    if (others) {
      this.#unversionedOthers.delete(requestId)
      // Whatever changed between the caller's last look and this registration went unannounced.
      for (const key of others) if (this.#registered.has(key)) this.#options.registeredUnversioned(key)
    }
    const records = this.#unversionedRecords.get(requestId)
    if (!records) return
    this.#unversionedRecords.delete(requestId)
    // Registered before the record was loaded: a change between the load and the registration
    // would go unnoticed. Now that the version is known, register again with it (the server catches up).
    const known = records.filter((key) => this.#registered.has(key) && this.#options.heldVersion(key) >= 0)
    if (known.length > 0) this.#register(known, false)
  }

  close(): void {
    this.#open = false
    this.#batchTimer?.unsubscribe()
    this.#batchTimer = undefined
  }

  #scheduleBatch(): void {
    if (this.#batchTimer) return
    const scheduler = (this.#options.notifyManager ?? sharedNotifyManager).timeScheduler
    this.#batchTimer = scheduler.schedule(() => {
      this.#batchTimer = undefined
      this.#flush()
    }, this.#options.batchMs)
  }

  #flush(): void {
    this.#batchTimer?.unsubscribe()
    this.#batchTimer = undefined
    if (!this.#open) return
    const unregister = [...this.#toUnregister]
    this.#toUnregister.clear()
    for (let i = 0; i < unregister.length; i += BATCH_LIMIT) {
      const keys = unregister.slice(i, i + BATCH_LIMIT)
      for (const key of keys) this.#registered.delete(key)
      this.#options.send({ type: UNREGISTER, requestId: randomUUID(), keys })
    }
    const register = [...this.#toRegister]
    this.#toRegister.clear()
    this.#register(register, true)
  }

  #register(keys: readonly string[], trackRecords: boolean): void {
    for (let i = 0; i < keys.length; i += BATCH_LIMIT) {
      const requestId = randomUUID()
      const subscriptions = keys.slice(i, i + BATCH_LIMIT).map((key) => ({ key, version: this.#options.heldVersion(key) }))
      const unversioned = subscriptions.filter((s) => s.version < 0)
      const records = unversioned.filter((s) => parseSubscriptionKey(s.key).kind === 'record').map((s) => s.key)
      const others = unversioned.filter((s) => parseSubscriptionKey(s.key).kind !== 'record').map((s) => s.key)
      if (trackRecords && records.length > 0) this.#unversionedRecords.set(requestId, records)
      if (others.length > 0) this.#unversionedOthers.set(requestId, others)
      for (const { key } of subscriptions) this.#registered.add(key)
      this.#options.send({ type: REGISTER, requestId, subscriptions })
    }
  }
}

import {
  collectionSubscriptionKey,
  parseSubscriptionKey,
  recordSubscriptionKey,
  type MessageStoreNotification,
  type SubscriptionKey,
} from '@notion-rx/protocol'
import type { CommitEvent } from '../writes/commitEvents.js'
import type { EmulatorContext } from '../emulatorContext.js'
import { canRead } from '../access/roles.js'
import type { MessageStoreSession } from './messageStoreSession.js'
import { SubscriptionIndex } from './subscriptionIndex.js'

export interface SubscriptionRequest {
  key: string
  version?: number | undefined
}

export interface RegisteredSubscription {
  key: string
  wasNotified: boolean
}

/**
 * Subscriptions and notifications of the message store.
 *
 * Access is decided when a notification would be sent, not when a key is registered: registering
 * any key succeeds (`wasNotified: false`), and a session only ever hears about a record or
 * database it can read at that moment. So an outsider learns nothing (not even whether the record
 * exists), and a page shared later starts notifying without re-registering.
 *
 * `versions/<id>:<table>` notifications carry the record's new version as both `value` and
 * `version`. `collection/<id>` ones carry a per-database counter (epoch ms, strictly increasing,
 * in memory) that moves whenever any of its rows changes.
 */
export class SubscriptionHub {
  readonly index = new SubscriptionIndex<MessageStoreSession>()
  readonly #collectionVersions = new Map<string, number>()
  readonly #emulator: EmulatorContext

  constructor(emulator: EmulatorContext) {
    this.#emulator = emulator
  }

  /**
   * Registers keys for a session. A held version lower than the current one is answered at once
   * with a catch-up notification; a negative version (-1: "none held") never is.
   */
  register(session: MessageStoreSession, subscriptions: readonly SubscriptionRequest[]): RegisteredSubscription[] {
    return subscriptions.map(({ key, version }) => {
      this.index.add(session, key)
      const current = this.#currentVersion(parseSubscriptionKey(key))
      const behind = version !== undefined && version >= 0 && current !== undefined && current > version
      if (!behind || !this.#canSee(session.userId, key, new Map())) return { key, wasNotified: false }
      session.notify(notification(key, current), this.#stallMs())
      return { key, wasNotified: true }
    })
  }

  unregister(session: MessageStoreSession, keys: readonly string[]): string[] {
    for (const key of keys) this.index.remove(session, key)
    return [...keys]
  }

  drop(session: MessageStoreSession): void {
    this.index.removeSession(session)
  }

  /** Publishes a value on a key that carries no record data (e.g. `diagnosticPing/<id>`). */
  publish(key: string, value: number): void {
    const stallMs = this.#stallMs()
    for (const session of [...this.index.subscribersOf(key)]) session.notify(notification(key, value), stallMs)
  }

  /** Turns one commit into notifications for the sessions subscribed to what it changed. */
  onCommit(event: CommitEvent): void {
    const changed = new Map<string, number>()
    const raise = (key: string, version: number) => changed.set(key, Math.max(version, changed.get(key) ?? -Infinity))
    const collections = new Set<string>()
    for (const record of event.records) {
      raise(recordSubscriptionKey(record.table, record.id), record.version)
      if (record.spaceId) raise(recordSubscriptionKey(record.table, record.id, record.spaceId), record.version)
      for (const collectionId of record.collectionIds) collections.add(collectionId)
    }
    for (const collectionId of collections) {
      const next = Math.max(this.#emulator.now(), (this.#collectionVersions.get(collectionId) ?? 0) + 1)
      this.#collectionVersions.set(collectionId, next)
      changed.set(collectionSubscriptionKey(collectionId), next)
    }
    const stallMs = this.#stallMs()
    const access = new Map<string, boolean>()
    for (const [key, version] of changed) {
      const subscribers = this.index.subscribersOf(key)
      if (subscribers.size === 0) continue
      for (const session of [...subscribers]) {
        if (this.#canSee(session.userId, key, access)) session.notify(notification(key, version), stallMs)
      }
    }
  }

  #currentVersion(parsed: SubscriptionKey): number | undefined {
    if (parsed.kind === 'record') return this.#emulator.records.get(parsed.table, parsed.id)?.version
    if (parsed.kind === 'collection') return this.#collectionVersions.get(parsed.collectionId)
    return undefined
  }

  /** Read access to what a key is about; memoized per (user, key) within one commit. */
  #canSee(userId: string | undefined, key: string, memo: Map<string, boolean>): boolean {
    const memoKey = `${userId ?? ''}\u0000${key}`
    const known = memo.get(memoKey)
    if (known !== undefined) return known
    const parsed = parseSubscriptionKey(key)
    const { permissions } = this.#emulator
    let allowed: boolean
    if (parsed.kind === 'record') allowed = canRead(permissions.roleFor(userId, parsed.table, parsed.id))
    else if (parsed.kind === 'collection') allowed = canRead(permissions.roleFor(userId, 'collection', parsed.collectionId))
    // Other keys carry no record data (only diagnostic pings publish on them).
    else allowed = true
    memo.set(memoKey, allowed)
    return allowed
  }

  #stallMs(): number {
    return this.#emulator.faults.current.messageStoreStallMs ?? 0
  }
}

function notification(key: string, version: number): MessageStoreNotification {
  return { type: 'notification', key, value: version, version }
}

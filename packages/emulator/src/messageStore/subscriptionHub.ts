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

/** Caps on what one client can make the message store hold. */
export interface SubscriptionLimits {
  /** Keys one connection may hold at once. */
  maxKeysPerConnection: number
  /** Keys all connections of one user may hold at once (anonymous connections share one budget). */
  maxKeysPerUser: number
  /** Longest accepted key, in characters. */
  maxKeyLength: number
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxKeysPerConnection: 50_000,
  maxKeysPerUser: 200_000,
  maxKeyLength: 512,
}

/** A registration that would pass a limit; the whole batch is refused and nothing is registered. */
export class SubscriptionLimitError extends Error {
  override name = 'SubscriptionLimitError' as const
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
 * Once a session could read what a key is about (when it registered it, or when it was last
 * notified), the key is a grant: when a commit changes who may read something (a page
 * unpublished, a user unshared, a block moved or deleted), every grant is checked again and those
 * the session may no longer read are dropped at once, key and all: it hears nothing more of them,
 * even if the record is shared again later, until it registers them again. Keys never readable
 * stay registered (and silent), so a page shared later still starts notifying.
 *
 * `versions/<id>:<table>` notifications carry the record's new version as both `value` and
 * `version`. `collection/<id>` ones carry a per-database counter (epoch ms, strictly increasing,
 * in memory) that moves whenever any of its rows changes.
 */
export class SubscriptionHub {
  readonly index = new SubscriptionIndex<MessageStoreSession>()
  readonly #collectionVersions = new Map<string, number>()
  /** Keys held per user id ('' for anonymous connections), across their connections. */
  readonly #keysByUser = new Map<string, number>()
  /** Keys each session could read when it registered them or was last notified of them. */
  readonly #grants = new WeakMap<MessageStoreSession, Set<string>>()
  readonly #emulator: EmulatorContext
  readonly #limits: SubscriptionLimits

  constructor(emulator: EmulatorContext, limits: SubscriptionLimits = DEFAULT_SUBSCRIPTION_LIMITS) {
    this.#emulator = emulator
    this.#limits = limits
  }

  /** Keys held by a user's connections (undefined: the anonymous ones). */
  keysHeldBy(userId: string | undefined): number {
    return this.#keysByUser.get(userId ?? '') ?? 0
  }

  /**
   * Registers keys for a session. A held version lower than the current one is answered at once
   * with a catch-up notification; a negative version (-1: "none held") never is.
   */
  register(session: MessageStoreSession, subscriptions: readonly SubscriptionRequest[]): RegisteredSubscription[] {
    this.#checkLimits(session, subscriptions)
    const memo = new Map<string, boolean>()
    return subscriptions.map(({ key, version }) => {
      if (this.index.add(session, key)) this.#count(session.userId, 1)
      const current = this.#currentVersion(parseSubscriptionKey(key))
      const readable = this.#canSee(session.userId, key, memo)
      if (readable) this.#grant(session, key)
      const behind = version !== undefined && version >= 0 && current !== undefined && current > version
      if (!behind || !readable) return { key, wasNotified: false }
      session.notify(notification(key, current), this.#stallMs())
      return { key, wasNotified: true }
    })
  }

  unregister(session: MessageStoreSession, keys: readonly string[]): string[] {
    for (const key of keys) {
      if (this.index.remove(session, key)) this.#count(session.userId, -1)
      this.#grants.get(session)?.delete(key)
    }
    return [...keys]
  }

  /** Forgets a closed connection's keys, and gives them back to its user's budget. */
  drop(session: MessageStoreSession): void {
    this.#count(session.userId, -this.index.removeSession(session))
    this.#grants.delete(session)
  }

  #grant(session: MessageStoreSession, key: string): void {
    let keys = this.#grants.get(session)
    if (!keys) this.#grants.set(session, (keys = new Set()))
    keys.add(key)
  }

  /** All or nothing: a batch that would pass a limit registers none of its keys. */
  #checkLimits(session: MessageStoreSession, subscriptions: readonly SubscriptionRequest[]): void {
    const { maxKeysPerConnection, maxKeysPerUser, maxKeyLength } = this.#limits
    const held = this.index.keysOf(session)
    const added = new Set<string>()
    for (const { key } of subscriptions) {
      if (key.length > maxKeyLength) throw new SubscriptionLimitError(`Subscription key longer than ${maxKeyLength} characters.`)
      if (!held.has(key)) added.add(key)
    }
    if (held.size + added.size > maxKeysPerConnection) {
      throw new SubscriptionLimitError(
        `Too many subscriptions: a connection holds at most ${maxKeysPerConnection} keys (${held.size} held, ${added.size} new). Unregister keys first.`,
      )
    }
    const byUser = this.keysHeldBy(session.userId)
    if (byUser + added.size > maxKeysPerUser) {
      throw new SubscriptionLimitError(
        `Too many subscriptions: a user's connections hold at most ${maxKeysPerUser} keys (${byUser} held, ${added.size} new). Unregister keys first.`,
      )
    }
  }

  #count(userId: string | undefined, delta: number): void {
    const user = userId ?? ''
    const next = (this.#keysByUser.get(user) ?? 0) + delta
    if (next > 0) this.#keysByUser.set(user, next)
    else this.#keysByUser.delete(user)
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
    if (event.records.some((record) => record.accessChanged)) this.#dropUnreadable(access)
    for (const [key, version] of changed) {
      const subscribers = this.index.subscribersOf(key)
      if (subscribers.size === 0) continue
      for (const session of [...subscribers]) {
        if (!this.#canSee(session.userId, key, access)) continue
        this.#grant(session, key)
        session.notify(notification(key, version), stallMs)
      }
    }
  }

  /** Removes every granted subscription whose session may no longer read what its key is about. */
  #dropUnreadable(access: Map<string, boolean>): void {
    for (const session of [...this.index.sessions()]) {
      const granted = this.#grants.get(session)
      if (!granted) continue
      for (const key of [...granted]) {
        if (this.#canSee(session.userId, key, access)) continue
        granted.delete(key)
        if (this.index.remove(session, key)) this.#count(session.userId, -1)
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

/**
 * Who listens to what, indexed both ways: key → sessions (so a commit reaches only the sessions
 * subscribed to the keys it changed, never a scan of every socket) and session → keys (so a
 * disconnect removes a session from every key in O(its keys)).
 */
export class SubscriptionIndex<Session> {
  readonly #byKey = new Map<string, Set<Session>>()
  readonly #bySession = new Map<Session, Set<string>>()

  /** Returns false when the session already had the key. */
  add(session: Session, key: string): boolean {
    let sessions = this.#byKey.get(key)
    if (!sessions) this.#byKey.set(key, (sessions = new Set()))
    if (sessions.has(session)) return false
    sessions.add(session)
    let keys = this.#bySession.get(session)
    if (!keys) this.#bySession.set(session, (keys = new Set()))
    keys.add(key)
    return true
  }

  remove(session: Session, key: string): boolean {
    const sessions = this.#byKey.get(key)
    if (!sessions?.delete(session)) return false
    if (sessions.size === 0) this.#byKey.delete(key)
    const keys = this.#bySession.get(session)
    keys?.delete(key)
    if (keys?.size === 0) this.#bySession.delete(session)
    return true
  }

  /** Removes every key of the session; returns how many it had. */
  removeSession(session: Session): number {
    const count = this.#bySession.get(session)?.size ?? 0
    for (const key of this.#bySession.get(session) ?? []) {
      const sessions = this.#byKey.get(key)
      sessions?.delete(session)
      if (sessions?.size === 0) this.#byKey.delete(key)
    }
    this.#bySession.delete(session)
    return count
  }

  /** The sessions subscribed to `key` (a live view: copy before mutating the index while iterating). */
  subscribersOf(key: string): ReadonlySet<Session> {
    return this.#byKey.get(key) ?? EMPTY
  }

  keysOf(session: Session): ReadonlySet<string> {
    return this.#bySession.get(session) ?? EMPTY
  }

  /** Every session holding at least one key. */
  sessions(): IterableIterator<Session> {
    return this.#bySession.keys()
  }

  get keyCount(): number {
    return this.#byKey.size
  }
}

const EMPTY: ReadonlySet<never> = new Set()

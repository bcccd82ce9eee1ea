export interface SubscriptionSetOptions {
  /** How long a key stays after its last holder released it. */
  graceMs: number
  /** A key became wanted. */
  onAdd: (key: string) => void
  /** A key is no longer wanted (its grace period ran out). */
  onRemove: (key: string) => void
}

/**
 * Ref-counted subscription keys with a grace period: the first `acquire` adds a key, the last
 * `release` schedules its removal, and an `acquire` in between cancels that (house rule 3: GC on a
 * timer after the last observer, cancelled on re-subscribe).
 */
export class SubscriptionSet {
  readonly #options: SubscriptionSetOptions
  readonly #refs = new Map<string, number>()
  readonly #grace = new Map<string, NodeJS.Timeout>()

  constructor(options: SubscriptionSetOptions) {
    this.#options = options
  }

  acquire(key: string): void {
    const refs = this.#refs.get(key) ?? 0
    this.#refs.set(key, refs + 1)
    if (refs > 0) return
    const timer = this.#grace.get(key)
    if (timer) {
      clearTimeout(timer)
      this.#grace.delete(key)
      return
    }
    this.#options.onAdd(key)
  }

  release(key: string): void {
    const refs = this.#refs.get(key)
    if (!refs) return
    if (refs > 1) {
      this.#refs.set(key, refs - 1)
      return
    }
    this.#refs.delete(key)
    if (this.#options.graceMs <= 0) {
      this.#options.onRemove(key)
      return
    }
    this.#grace.set(key, setTimeout(() => {
      this.#grace.delete(key)
      this.#options.onRemove(key)
    }, this.#options.graceMs))
  }

  /** Wanted: held, or released but still in its grace period. */
  has(key: string): boolean {
    return this.#refs.has(key) || this.#grace.has(key)
  }

  keys(): string[] {
    return [...this.#refs.keys(), ...this.#grace.keys()]
  }

  dispose(): void {
    for (const timer of this.#grace.values()) clearTimeout(timer)
    this.#grace.clear()
    this.#refs.clear()
  }
}

import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs'

/**
 * How current what a cached client shows is:
 * - `fresh`: the server confirmed it (or nothing came from the cache);
 * - `syncing`: records from the cache are shown while the server is asked what moved;
 * - `offline`: the server is unreachable; cached records are shown and writes wait in the file;
 * - `unwritable`: what is shown is current, but the last write to the file failed (see
 *   `CacheWriteError` on `client.errors$`); back to `fresh` at the next write that succeeds.
 */
export type CacheState = 'fresh' | 'syncing' | 'offline' | 'unwritable'

export interface CacheStateTrackerOptions {
  /** A cheap request: resolves when the server answers. */
  probe: () => Promise<void>
  retryMs: number
}

/**
 * The cache's view of the server: counts the syncs in flight, turns `offline` on a network error,
 * then probes every `retryMs` (on a timer that does not keep the process alive) and wakes the
 * waiters of `whenOnline` at the first answer.
 */
export class CacheStateTracker {
  readonly #state = new BehaviorSubject<CacheState>('fresh')
  readonly #options: CacheStateTrackerOptions
  readonly state$: Observable<CacheState> = this.#state.pipe(distinctUntilChanged())
  #syncing = 0
  #unwritable = false
  #online: Promise<void> | undefined
  #wake: (() => void) | undefined
  #timer: NodeJS.Timeout | undefined
  #closed = false

  constructor(options: CacheStateTrackerOptions) {
    this.#options = options
  }

  get state(): CacheState {
    return this.#state.getValue()
  }

  /** Runs a sync, `syncing` meanwhile; a network error turns `offline` (and is swallowed: the cache serves). */
  async sync(work: () => Promise<void>, isNetworkError: (error: unknown) => boolean): Promise<'done' | 'offline'> {
    // Tried even when offline (a failed connection is cheap): whoever waits for it is not held up.
    this.#syncing++
    this.#update()
    try {
      await work()
      return 'done'
    } catch (error) {
      if (!isNetworkError(error)) throw error
      this.markOffline()
      return 'offline'
    } finally {
      this.#syncing--
      this.#update()
    }
  }

  /** Whether the last write to the file failed. */
  setUnwritable(unwritable: boolean): void {
    if (this.#unwritable === unwritable) return
    this.#unwritable = unwritable
    this.#update()
  }

  /** True while what is shown came from the file unconfirmed (syncing or offline). */
  get stale(): boolean {
    return this.#online !== undefined || this.#syncing > 0
  }

  markOffline(): void {
    if (this.#closed || this.#online) return
    this.#online = new Promise<void>((resolve) => (this.#wake = resolve))
    this.#update()
    this.#scheduleProbe()
  }

  /** Resolves when the server answers again (at once when it is not known to be down). */
  whenOnline(): Promise<void> {
    return this.#online ?? Promise.resolve()
  }

  #scheduleProbe(): void {
    if (this.#closed) return
    this.#timer = setTimeout(() => {
      this.#options.probe().then(
        () => {
          const wake = this.#wake
          this.#online = undefined
          this.#wake = undefined
          this.#update()
          wake?.()
        },
        () => this.#scheduleProbe(),
      )
    }, this.#options.retryMs)
    this.#timer.unref()
  }

  #update(): void {
    if (this.#closed) return
    this.#state.next(this.#online ? 'offline' : this.#syncing > 0 ? 'syncing' : this.#unwritable ? 'unwritable' : 'fresh')
  }

  close(): void {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#state.complete()
  }
}

import { asyncScheduler, map, Observable, timer, type SchedulerLike } from 'rxjs'

/** Runs a callback on a later turn of the event loop. */
export type ScheduleFunction = (callback: () => void) => void

export interface NotifyManagerOptions {
  /**
   * When `schedule` (and `coalesce`) run their callbacks: tests make it synchronous
   * (`(callback) => callback()`) or put it on a virtual clock.
   * @default setImmediate
   */
  scheduleFn?: ScheduleFunction | undefined
  /**
   * The clock of timed work (debounces, delays, the midnight timer): an RxJS `TestScheduler` puts
   * it on virtual time.
   * @default asyncScheduler (real time)
   */
  timeScheduler?: SchedulerLike | undefined
}

const nextTurn: ScheduleFunction = (callback) => void setImmediate(callback)

/**
 * The one place core decides when things happen (TanStack Query's `notifyManager` is the model),
 * so a test can swap the timing of all of it at once:
 * - `batch` / `notify`: notifications held while a batch runs and delivered, synchronously and in
 *   order, when the outermost batch ends (the store publishes one update per batch this way);
 * - `schedule` / `coalesce`: work for a later turn of the event loop (the write queue and the
 *   record loader close their per-tick batches this way);
 * - `timeScheduler` / `timer`: the clock of timed work (live queries' debounce and timers).
 */
export class NotifyManager {
  #depth = 0
  #queue: (() => void)[] = []
  #scheduleFn: ScheduleFunction
  #timeScheduler: SchedulerLike

  constructor(options: NotifyManagerOptions = {}) {
    this.#scheduleFn = options.scheduleFn ?? nextTurn
    this.#timeScheduler = options.timeScheduler ?? asyncScheduler
  }

  /** Runs `work`; what it `notify`s is delivered when the outermost batch ends (also when it throws). */
  batch<T>(work: () => T): T {
    this.#depth++
    try {
      return work()
    } finally {
      if (--this.#depth === 0) this.#flush()
    }
  }

  /** Calls `callback` now, or at the end of the batch running now. */
  notify(callback: () => void): void {
    if (this.#depth > 0) this.#queue.push(callback)
    else callback()
  }

  /** Calls `callback` on a later turn (the schedule function's). */
  schedule(callback: () => void): void {
    this.#scheduleFn(callback)
  }

  /**
   * A function that, however often it is called before its turn comes, runs `callback` once on
   * the next turn: the "everything of one tick in one batch" of the write queue.
   */
  coalesce(callback: () => void): () => void {
    let scheduled = false
    return () => {
      if (scheduled) return
      scheduled = true
      this.schedule(() => {
        scheduled = false
        callback()
      })
    }
  }

  /** The RxJS scheduler timed operators use (`debounceTime(ms, notifyManager.timeScheduler)`). */
  get timeScheduler(): SchedulerLike {
    return this.#timeScheduler
  }

  /** Now, on the time scheduler's clock (epoch ms in real time). */
  now(): number {
    return this.#timeScheduler.now()
  }

  /**
   * Emits once after `dueMs` on the time scheduler. In real time the timer does not keep the
   * process alive (a live query waiting for midnight must not hold a script open).
   */
  timer(dueMs: number): Observable<void> {
    const scheduler = this.#timeScheduler
    if (scheduler !== asyncScheduler) return timer(dueMs, scheduler).pipe(map(() => undefined))
    return new Observable<void>((subscriber) => {
      const handle = setTimeout(() => {
        subscriber.next()
        subscriber.complete()
      }, dueMs)
      handle.unref?.()
      return () => clearTimeout(handle)
    })
  }

  setScheduleFn(scheduleFn: ScheduleFunction): void {
    this.#scheduleFn = scheduleFn
  }

  setTimeScheduler(scheduler: SchedulerLike): void {
    this.#timeScheduler = scheduler
  }

  /** Delivers what the batch held; a callback that throws does not stop the others. */
  #flush(): void {
    const queue = this.#queue
    this.#queue = []
    let failure: { error: unknown } | undefined
    for (const callback of queue) {
      try {
        callback()
      } catch (error) {
        failure ??= { error }
      }
    }
    if (failure) throw failure.error
  }
}

/** The shared notify manager: stores, queues, loaders and live queries use it unless given their own. */
export const notifyManager = new NotifyManager()

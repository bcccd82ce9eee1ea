import { dayInZone } from '@notion-rx/protocol'
import {
  asapScheduler,
  concat,
  debounceTime,
  defer,
  exhaustMap,
  filter,
  from,
  ignoreElements,
  map,
  Observable,
  repeat,
  startWith,
  take,
  type MonoTypeOperatorFunction,
  type ObservableInput,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs'
import { msUntilNextDay } from './msUntilNextDay.js'

/**
 * The values of one tick as one: the first value opens a batch, which closes on the scheduler's
 * next turn (a microtask by default), so a loop of writes is one emission. (One scheduled action
 * per batch: this runs on every store update.)
 */
export function oneTick<T>(merge: (a: T, b: T) => T, scheduler: SchedulerLike = asapScheduler): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let batch: { value: T; closing?: Subscription } | undefined
      const close = () => {
        const closed = batch
        batch = undefined
        if (!closed) return
        closed.closing?.unsubscribe()
        subscriber.next(closed.value)
      }
      return source.subscribe({
        next: (value) => {
          if (batch) {
            batch.value = merge(batch.value, value)
            return
          }
          const opened: { value: T; closing?: Subscription } = { value }
          batch = opened
          const closing = scheduler.schedule(close)
          // (A scheduler that ran `close` at once has closed this batch already.)
          if (batch === opened) subscriber.add((opened.closing = closing))
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      })
    })
}

/**
 * Work done once at once, then after each burst of triggers has been quiet for `debounceMs`; one
 * at a time: a trigger while the work is still going is dropped (the work looks again for what
 * is wanted before it ends).
 */
export function workOneAtATime(debounceMs: number, scheduler: SchedulerLike, work: () => ObservableInput<unknown>): OperatorFunction<unknown, unknown> {
  return (triggers) => triggers.pipe(debounceTime(debounceMs, scheduler), startWith(undefined), exhaustMap(work))
}

/**
 * `then` once `idle` is done (the monitor has fetched the records it was told of, so the server
 * and the store describe the same rows), or at once without a monitor.
 */
export function afterIdle<T>(idle: (() => ObservableInput<unknown> | undefined) | undefined, then: () => ObservableInput<T>): Observable<T> {
  return concat(defer(() => from(idle?.() ?? Promise.resolve())).pipe(ignoreElements()), defer(then))
}

/** The clock a day is read on: now, and a timer. */
export interface DayClock {
  now(): number
  timer(dueMs: number): Observable<unknown>
}

/**
 * Emits once the day in `timeZone` is no longer `today`: a timer to the next midnight, set again
 * if it fired early (clock drift, a zone's odd midnight).
 */
export function nextDay(today: string, timeZone: string, clock: DayClock): Observable<void> {
  return defer(() => clock.timer(msUntilNextDay(clock.now(), timeZone))).pipe(
    repeat(),
    filter(() => dayInZone(clock.now(), timeZone) !== today),
    take(1),
    map(() => undefined),
  )
}

import { lastValueFrom, of, Subject, timer } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { describe, expect, it } from 'vitest'
import { afterIdle, nextDay, oneTick, workOneAtATime } from '../src/databases/live/liveQueryTiming.js'

// A live query's timing as RxJS operators, on virtual time (marbles: one frame is 1 ms).

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
const concatenate = (a: string, b: string) => a + b

describe('oneTick', () => {
  it('merges the values of one turn into one emission (marbles)', () => {
    const scheduler = testScheduler()
    scheduler.run(({ hot, expectObservable }) => {
      const changes = hot('-a-b-(cd)-e-(fgh)')
      expectObservable(changes.pipe(oneTick(concatenate, scheduler))).toBe('-a-b-x----e-y', { a: 'a', b: 'b', x: 'cd', e: 'e', y: 'fgh' })
    })
  })

  it('by default, a loop of synchronous values is one value on the next microtask', async () => {
    const values = new Subject<string>()
    const seen: string[] = []
    values.pipe(oneTick(concatenate)).subscribe((value) => seen.push(value))
    for (const value of ['a', 'b', 'c']) values.next(value)
    expect(seen).toEqual([])
    await Promise.resolve()
    values.next('d')
    await new Promise((resolve) => setImmediate(resolve))
    expect(seen).toEqual(['abc', 'd'])
  })
})

describe('workOneAtATime', () => {
  it('works at once, then after each quiet debounce; a trigger while working is dropped (marbles)', () => {
    const scheduler = testScheduler()
    scheduler.run(({ hot, cold, expectObservable }) => {
      let started = 0
      // Each work takes 6 frames; the debounce is 3.
      const work = () => {
        started++
        return cold('------(w|)')
      }
      // t1: debounced to 4, while the first work runs (dropped); t10, t11: one work from 14.
      const triggers = hot('-t--------tt')
      expectObservable(triggers.pipe(workOneAtATime(3, scheduler, work))).toBe('------w-------------w')
      scheduler.flush()
      expect(started).toBe(2)
    })
  })
})

describe('afterIdle', () => {
  it('asks once the monitor is idle, whatever idle emits (marbles)', () => {
    const scheduler = testScheduler()
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(afterIdle(() => cold('-x-|'), () => cold('-v|'))).toBe('----v|')
    })
  })

  it('without a monitor, asks at once', async () => {
    await expect(lastValueFrom(afterIdle(undefined, () => of('v')))).resolves.toBe('v')
  })
})

describe('nextDay', () => {
  it('fires at the next midnight of the zone, not of UTC (marbles)', () => {
    const scheduler = testScheduler()
    scheduler.run(({ expectObservable }) => {
      const clock = { now: () => scheduler.now(), timer: (ms: number) => timer(ms, scheduler) }
      // Virtual time starts at the epoch: 00:00 in UTC, 09:00 in Tokyo.
      expectObservable(nextDay('1970-01-01', 'UTC', clock)).toBe('86400000ms (x|)', { x: undefined })
      expectObservable(nextDay('1970-01-01', 'Asia/Tokyo', clock)).toBe('54000000ms (x|)', { x: undefined })
    })
  })

  it('a timer that fires early (a clock moved by daylight saving) is set again for what is left', () => {
    const scheduler = testScheduler()
    scheduler.run(({ expectObservable }) => {
      const asked: number[] = []
      const clock = {
        now: () => scheduler.now(),
        // The first timer fires an hour early.
        timer: (ms: number) => {
          asked.push(ms)
          return timer(asked.length === 1 ? ms - 3_600_000 : ms, scheduler)
        },
      }
      expectObservable(nextDay('1970-01-01', 'UTC', clock)).toBe('86400000ms (x|)', { x: undefined })
      scheduler.flush()
      expect(asked).toEqual([86_400_000, 3_600_000])
    })
  })
})

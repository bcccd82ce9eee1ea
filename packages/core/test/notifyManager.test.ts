import type { Operation } from '@notion-rx/protocol'
import { TestScheduler } from 'rxjs/testing'
import { describe, expect, it } from 'vitest'
import { NotifyManager } from '../src/store/notifyManager.js'
import type { RecordChange } from '../src/store/recordChange.js'
import { RecordStore } from '../src/store/recordStore.js'
import { TransactionQueue, type TransactionBatch } from '../src/sync/transactionQueue.js'

/** A schedule function the test runs by hand: each `turn()` runs what was scheduled before it. */
function manualTurns() {
  let pending: (() => void)[] = []
  return {
    scheduleFn: (callback: () => void) => void pending.push(callback),
    turn: () => {
      const due = pending
      pending = []
      for (const callback of due) callback()
      return due.length
    },
  }
}

const record = (id: string, version: number) => ({ block: { [id]: { role: 'editor' as const, value: { id, version, type: 'text' } } } })

describe('NotifyManager', () => {
  it('delivers notifications at once outside a batch, and at the end of the outermost batch inside one, in order', () => {
    const manager = new NotifyManager()
    const seen: string[] = []
    manager.notify(() => seen.push('now'))
    const result = manager.batch(() => {
      manager.notify(() => seen.push('a'))
      manager.batch(() => manager.notify(() => seen.push('b')))
      seen.push('inner batch ended')
      return 42
    })
    expect(result).toBe(42)
    expect(seen).toEqual(['now', 'inner batch ended', 'a', 'b'])
  })

  it('delivers when the work throws; a throwing callback does not stop the others', () => {
    const manager = new NotifyManager()
    const seen: string[] = []
    expect(() =>
      manager.batch(() => {
        manager.notify(() => seen.push('kept'))
        throw new Error('work failed')
      }),
    ).toThrow('work failed')
    expect(() =>
      manager.batch(() => {
        manager.notify(() => {
          throw new Error('callback failed')
        })
        manager.notify(() => seen.push('after'))
      }),
    ).toThrow('callback failed')
    expect(seen).toEqual(['kept', 'after'])
  })

  it('schedules through a swappable function; coalesce runs once per turn however often it is asked', () => {
    const turns = manualTurns()
    const manager = new NotifyManager({ scheduleFn: turns.scheduleFn })
    let runs = 0
    const soon = manager.coalesce(() => runs++)
    soon()
    soon()
    soon()
    expect(runs).toBe(0)
    expect(turns.turn()).toBe(1)
    expect(runs).toBe(1)
    soon()
    turns.turn()
    expect(runs).toBe(2)
    const sync: string[] = []
    manager.setScheduleFn((callback) => callback())
    manager.schedule(() => sync.push('ran'))
    expect(sync).toEqual(['ran'])
  })

  it('times work on its time scheduler (virtual time in tests)', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
    scheduler.run(({ expectObservable }) => {
      const manager = new NotifyManager({ timeScheduler: scheduler })
      expect(manager.timeScheduler).toBe(scheduler)
      expect(manager.now()).toBe(0)
      expectObservable(manager.timer(5)).toBe('-----(x|)', { x: undefined })
    })
  })

  it("a real-time timer does not keep the process alive (a live query's midnight)", () => {
    const manager = new NotifyManager()
    const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length
    const before = timeouts()
    const subscription = manager.timer(60_000).subscribe()
    expect(timeouts()).toBe(before)
    const control = setTimeout(() => {}, 60_000)
    expect(timeouts()).toBe(before + 1)
    clearTimeout(control)
    subscription.unsubscribe()
  })
})

describe('what uses the notify manager', () => {
  it("the store publishes once per outermost batch of its manager: two dispatches in one batch are one update", () => {
    const manager = new NotifyManager()
    const store = new RecordStore({ notifyManager: manager })
    expect(store.notifyManager).toBe(manager)
    const updates: RecordChange[][] = []
    store.changes$.subscribe((changes) => updates.push(changes))
    manager.batch(() => {
      store.dispatch({ type: 'recordsLoaded', records: record('a', 1), origin: 'refresh' })
      store.dispatch({ type: 'recordsLoaded', records: record('b', 1), origin: 'refresh' })
      expect(updates).toEqual([])
    })
    expect(updates.map((changes) => changes.map((change) => change.id))).toEqual([['a', 'b']])
  })

  it("the write queue closes a tick's batch on the manager's next turn", async () => {
    const turns = manualTurns()
    const store = new RecordStore({ notifyManager: new NotifyManager({ scheduleFn: turns.scheduleFn }) })
    store.dispatch({ type: 'recordsLoaded', records: record('a', 1), origin: 'refresh' })
    const sent: TransactionBatch[] = []
    const queue = new TransactionQueue({ store, userId: () => undefined, submit: async (batch) => void sent.push(batch) })
    const set = (title: string): Operation => ({ pointer: { table: 'block', id: 'a', spaceId: 's' }, path: ['properties', 'title'], command: 'set', args: [[title]] })
    const first = queue.enqueue([set('one')])
    const second = queue.enqueue([set('two')])
    await new Promise((resolve) => setImmediate(resolve))
    expect(sent).toEqual([])
    expect(turns.turn()).toBe(1)
    await Promise.all([first, second])
    expect(sent).toHaveLength(1)
    expect(sent[0]?.operations.filter((op) => op.command === 'set')).toHaveLength(2)
  })
})

import type { NormalizedRecordMap } from '@notion-rx/protocol'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RecordStore } from '../src/store/recordStore.js'
import type { VersionedPointer } from '../src/sync/recordFetcher.js'
import type { ConnectionHandlers, ConnectOptions } from '../src/sync/monitor/messageStoreConnection.js'
import { defaultMessageStoreUrl } from '../src/sync/monitor/messageStoreUrl.js'
import { Monitor } from '../src/sync/monitor/monitor.js'
import { resolveMonitorOptions } from '../src/sync/monitor/monitorOptions.js'
import { reconnectDelay } from '../src/sync/monitor/reconnectDelay.js'
import { SubscriptionSet } from '../src/sync/monitor/subscriptionSet.js'
import { waitFor } from './monitorSupport.js'

describe('defaultMessageStoreUrl', () => {
  it('derives msgstore.<api host> for Notion hosts and the same origin elsewhere', () => {
    expect(defaultMessageStoreUrl('https://www.notion.so/api/v3')).toBe('https://msgstore.www.notion.so/primus-v8/')
    expect(defaultMessageStoreUrl('https://notion.so/api/v3')).toBe('https://msgstore.www.notion.so/primus-v8/')
    expect(defaultMessageStoreUrl('https://app.notion.com/api/v3')).toBe('https://msgstore.app.notion.com/primus-v8/')
    expect(defaultMessageStoreUrl('https://www.notion.so/api/v3', 'eio3')).toBe('https://msgstore.www.notion.so/primus/')
    expect(defaultMessageStoreUrl('http://127.0.0.1:4321/api/v3')).toBe('http://127.0.0.1:4321/primus-v8/')
    expect(defaultMessageStoreUrl('http://localhost:4321/api/v3', 'polling')).toBe('http://localhost:4321/primus-v8/')
    expect(defaultMessageStoreUrl('https://acme.notion.site/api/v3')).toBe('https://acme.notion.site/primus-v8/')
  })
})

describe('reconnectDelay', () => {
  it('grows exponentially up to the bound, with jitter in the upper half', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 120_000 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (attempt, min, extra, r) => {
        const max = min + extra
        const ceiling = Math.min(max, min * 2 ** attempt)
        const delay = reconnectDelay(attempt, min, max, () => r)
        return delay >= Math.floor(ceiling / 2) && delay <= Math.ceil(ceiling) && delay <= max
      }),
    )
    expect(reconnectDelay(0, 100, 1000, () => 0)).toBe(50)
    expect(reconnectDelay(10, 100, 1000, () => 0.999)).toBeLessThanOrEqual(1000)
  })
})

describe('SubscriptionSet', () => {
  it('adds a key on the first acquire and removes it after the last release (model test)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c')), { maxLength: 60 }), (steps) => {
        const events: string[] = []
        const set = new SubscriptionSet({ graceMs: 0, onAdd: (key) => events.push(`+${key}`), onRemove: (key) => events.push(`-${key}`) })
        const refs = new Map<string, number>()
        for (const [acquire, key] of steps) {
          const held = refs.get(key) ?? 0
          if (acquire) {
            set.acquire(key)
            refs.set(key, held + 1)
          } else {
            set.release(key)
            if (held > 0) refs.set(key, held - 1)
          }
          for (const k of ['a', 'b', 'c']) if (set.has(k) !== (refs.get(k) ?? 0) > 0) return false
        }
        // Per key, adds and removes alternate, starting with an add.
        for (const k of ['a', 'b', 'c']) {
          const mine = events.filter((event) => event.slice(1) === k)
          if (!mine.every((event, i) => event[0] === (i % 2 === 0 ? '+' : '-'))) return false
        }
        return true
      }),
    )
  })

  it('keeps a key through its grace period and cancels the removal on a new acquire', async () => {
    const events: string[] = []
    const set = new SubscriptionSet({ graceMs: 50, onAdd: (key) => events.push(`+${key}`), onRemove: (key) => events.push(`-${key}`) })
    set.acquire('k')
    set.release('k')
    expect(set.has('k')).toBe(true)
    set.acquire('k')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(events).toEqual(['+k'])
    set.release('k')
    await waitFor(() => events.length === 2, 'removal')
    expect(events).toEqual(['+k', '-k'])
    expect(set.has('k')).toBe(false)
  })
})

/** A Monitor over a scripted connection and fetch. */
function scripted(serverVersions: Record<string, number> = {}) {
  const store = new RecordStore()
  const sent: any[] = []
  const fetched: VersionedPointer[][] = []
  let handlers: ConnectionHandlers | undefined
  const monitor = new Monitor({
    store,
    url: 'http://msgstore.invalid/primus-v8/',
    headers: {},
    options: resolveMonitorOptions({ subscribeBatchMs: 0, unsubscribeGraceMs: 0 }),
    connect: (options: ConnectOptions) => {
      handlers = options.handlers
      return { send: (value) => sent.push(value), close: () => {} }
    },
    fetchRecords: async (pointers) => {
      fetched.push([...pointers])
      const map: NormalizedRecordMap = { block: {} }
      for (const { id } of pointers) {
        const version = serverVersions[id] ?? 1
        map.block![id] = { role: 'editor', value: { id, version, title: `v${version}` } }
      }
      return map
    },
  })
  return { store, monitor, sent, fetched, handlers: () => handlers! }
}

const load = (store: RecordStore, id: string, version: number) =>
  store.dispatch({ type: 'recordsLoaded', records: { block: { [id]: { role: 'editor', value: { id, version } } } }, origin: 'refresh' })

describe('Monitor protocol handling (scripted connection)', () => {
  it('registers observed records in batches of at most 250 with the versions held', async () => {
    const { store, monitor, sent, handlers } = scripted()
    load(store, 'r0', 7)
    const subscriptions = Array.from({ length: 600 }, (_, i) => store.select('block', `r${i}`).subscribe())
    handlers().open()
    const registers = sent.filter((message) => message.type === '/api/v1/registerBatchSubscriptions')
    expect(registers.map((message) => message.subscriptions.length)).toEqual([250, 250, 100])
    expect(registers[0].subscriptions[0]).toEqual({ key: 'versions/r0:block', version: 7 })
    expect(registers[0].subscriptions[1]).toEqual({ key: 'versions/r1:block', version: -1 })
    for (const subscription of subscriptions) subscription.unsubscribe()
    await waitFor(() => sent.some((message) => message.type === '/api/v1/unregisterBatchSubscriptions'), 'unregistration')
    expect(sent.filter((message) => message.type === '/api/v1/unregisterBatchSubscriptions').map((m) => m.keys.length)).toEqual([250, 250, 100])
    await monitor.close()
  })

  it("answers Primus pings, acks notifications, and understands notion-py's value-only notifications", async () => {
    const { store, monitor, sent, fetched, handlers } = scripted({ p: 9 })
    load(store, 'p', 3)
    store.select('block', 'p').subscribe()
    handlers().open()
    handlers().frame({ kind: 'ping', timestamp: '123' })
    expect(sent).toContain('primus::pong::123')
    handlers().frame({ kind: 'data', value: { type: 'notification', key: 'versions/p:block', value: 9, ackId: 'ack-1' } })
    expect(sent.find((message) => message.type === '/api/v1/ackNotification')).toMatchObject({ ackId: 'ack-1' })
    await waitFor(() => store.get('block', 'p')?.version === 9, 'fetched')
    expect(fetched).toEqual([[{ table: 'block', id: 'p', version: 3 }]])
    // Not newer than held, or not subscribed: nothing fetched.
    handlers().frame({ kind: 'data', value: { type: 'notification', key: 'versions/p:block', value: 9, version: 9 } })
    handlers().frame({ kind: 'data', value: { type: 'notification', key: 'versions/other:block', value: 50, version: 50 } })
    handlers().frame({ kind: 'malformed' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fetched).toHaveLength(1)
    expect(monitor.stats.staleNotifications).toBe(1)
    await monitor.close()
  })

  it('re-registers a record with its version once it is known, so a change between load and registration is caught up', async () => {
    const { store, monitor, sent, handlers } = scripted()
    store.select('block', 'late').subscribe()
    handlers().open()
    const first = sent.find((message) => message.type === '/api/v1/registerBatchSubscriptions')
    expect(first.subscriptions).toEqual([{ key: 'versions/late:block', version: -1 }])
    load(store, 'late', 4)
    handlers().frame({ kind: 'data', value: { type: 'response', requestId: first.requestId, status: 'ok', result: { responses: [] } } })
    const registers = sent.filter((message) => message.type === '/api/v1/registerBatchSubscriptions')
    expect(registers.at(-1).subscriptions).toEqual([{ key: 'versions/late:block', version: 4 }])
    await monitor.close()
  })

  it('goes reconnecting after a drop and re-registers everything on the next open', async () => {
    const { store, monitor, sent, handlers } = scripted()
    load(store, 'x', 2)
    store.select('block', 'x').subscribe()
    const states: string[] = []
    monitor.connection$.subscribe((state) => states.push(state))
    handlers().open()
    const before = handlers()
    before.close('transport close', true)
    expect(monitor.state).toBe('reconnecting')
    await waitFor(() => handlers() !== before, 'a new connection')
    load(store, 'x', 5)
    handlers().open()
    const registers = sent.filter((message) => message.type === '/api/v1/registerBatchSubscriptions')
    expect(registers.map((message) => message.subscriptions)).toEqual([[{ key: 'versions/x:block', version: 2 }], [{ key: 'versions/x:block', version: 5 }]])
    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    await monitor.close()
    expect(states.at(-1)).toBe('closed')
  })
})

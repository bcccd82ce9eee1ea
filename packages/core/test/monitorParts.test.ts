import type { NormalizedRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { followRowCollections } from '../src/databases/live/followRowCollections.js'
import { RecordStore } from '../src/store/recordStore.js'
import type { VersionedPointer } from '../src/sync/recordFetcher.js'
import { ConnectionSupervisor } from '../src/sync/monitor/connectionSupervisor.js'
import { FollowedKeys } from '../src/sync/monitor/followedKeys.js'
import { HeldVersions } from '../src/sync/monitor/heldVersions.js'
import type { KeyChange } from '../src/sync/monitor/keyFollowing.js'
import { MessageHandler } from '../src/sync/monitor/messageHandler.js'
import type { ConnectionHandlers } from '../src/sync/monitor/messageStoreConnection.js'
import { resolveMonitorOptions } from '../src/sync/monitor/monitorOptions.js'
import { emptyMonitorStats } from '../src/sync/monitor/monitorStats.js'
import { Refetcher } from '../src/sync/monitor/refetcher.js'
import { Registrations } from '../src/sync/monitor/registrations.js'
import { waitFor } from './monitorSupport.js'

const load = (store: RecordStore, id: string, version: number, extra: Record<string, unknown> = {}) =>
  store.dispatch({ type: 'recordsLoaded', records: { block: { [id]: { role: 'editor', value: { id, version, ...extra } } } }, origin: 'refresh' })

const REGISTER = '/api/v1/registerBatchSubscriptions'
const UNREGISTER = '/api/v1/unregisterBatchSubscriptions'

describe('FollowedKeys (subscriptions from store observation)', () => {
  it("follows observed records' version keys and keys held through follow, until let go", () => {
    const store = new RecordStore()
    const events: string[] = []
    const held = store.select('block', 'early').subscribe()
    const keys = new FollowedKeys({ store, graceMs: 0, onAdd: (key) => events.push(`+${key}`), onRemove: (key) => events.push(`-${key}`) })
    expect(events).toEqual(['+versions/early:block'])
    const observed = store.select('space', 's1').subscribe()
    const release = keys.follow('collection/c1')
    expect(keys.keys().sort()).toEqual(['collection/c1', 'versions/early:block', 'versions/s1:space'])
    expect(keys.recordKeys().sort()).toEqual(['block:early', 'space:s1'])
    expect(keys.has('collection/c1')).toBe(true)
    release()
    release()
    observed.unsubscribe()
    expect(events).toEqual(['+versions/early:block', '+versions/s1:space', '+collection/c1', '-collection/c1', '-versions/s1:space'])
    keys.close()
    // Closed: neither observation nor follow adds anything.
    store.select('block', 'late').subscribe()
    keys.follow('collection/c2')()
    expect(events).toHaveLength(5)
    held.unsubscribe()
  })
})

describe('HeldVersions', () => {
  it("carries a record's confirmed version, and the newest version announced on any other key", () => {
    const store = new RecordStore()
    const versions = new HeldVersions(store)
    expect(versions.of('versions/b:block')).toBe(-1)
    load(store, 'b', 7)
    expect(versions.of('versions/b:block')).toBe(7)
    expect(versions.of('collection/c')).toBe(-1)
    versions.announced('collection/c', 5)
    versions.announced('collection/c', 3)
    expect(versions.of('collection/c')).toBe(5)
  })
})

describe('Registrations', () => {
  function registrations(versions: Record<string, number> = {}) {
    const sent: any[] = []
    const unversioned: string[] = []
    const parts = new Registrations({
      batchMs: 0,
      heldVersion: (key) => versions[key] ?? -1,
      send: (message) => sent.push(message),
      registeredUnversioned: (key) => unversioned.push(key),
    })
    return { parts, sent, unversioned, versions }
  }

  it('sends nothing while no session is open, then every followed key with its version at once', () => {
    const { parts, sent } = registrations({ 'versions/a:block': 3 })
    parts.add('versions/a:block')
    expect(sent).toEqual([])
    parts.opened(['versions/a:block', 'versions/b:block'])
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ type: REGISTER, subscriptions: [{ key: 'versions/a:block', version: 3 }, { key: 'versions/b:block', version: -1 }] })
    parts.close()
  })

  it('batches later changes, and unregisters only what was registered', async () => {
    const { parts, sent } = registrations()
    parts.opened([])
    parts.add('versions/a:block')
    parts.add('versions/b:block')
    parts.remove('versions/b:block')
    await waitFor(() => sent.length === 1, 'one batch')
    expect(sent[0].subscriptions.map((s: { key: string }) => s.key)).toEqual(['versions/a:block'])
    parts.remove('versions/a:block')
    await waitFor(() => sent.length === 2, 'unregistration')
    expect(sent[1]).toMatchObject({ type: UNREGISTER, keys: ['versions/a:block'] })
    parts.close()
  })

  it('on the answer, re-registers records whose version became known and reports other keys registered with none', () => {
    const { parts, sent, unversioned, versions } = registrations()
    parts.opened(['versions/r:block', 'collection/c', 'collection/gone'])
    const [first] = sent
    parts.remove('collection/gone')
    versions['versions/r:block'] = 4
    parts.answered(first.requestId)
    expect(unversioned).toEqual(['collection/c', 'collection/gone'])
    expect(sent.at(-1)).toMatchObject({ type: REGISTER, subscriptions: [{ key: 'versions/r:block', version: 4 }] })
    // A dropped session forgets what it was waiting for.
    parts.opened(['collection/c'])
    const second = sent.at(-1)
    parts.dropped()
    parts.answered(second.requestId)
    expect(unversioned).toHaveLength(2)
    parts.close()
  })
})

describe('MessageHandler', () => {
  function handler(followed: readonly string[] = []) {
    const stats = emptyMonitorStats()
    const sent: any[] = []
    const announced: Array<[string, string, number | undefined]> = []
    const versions: Array<[string, number]> = []
    const keyChanges: KeyChange[] = []
    const answered: Array<string | null> = []
    const errors: unknown[] = []
    const messages = new MessageHandler({
      stats,
      send: (message) => sent.push(message),
      isFollowed: (key) => followed.includes(key),
      registrations: { answered: (requestId) => void answered.push(requestId) },
      refetcher: { announce: (table, id, version) => void announced.push([table, id, version]) },
      versions: { announced: (key, version) => void versions.push([key, version]) },
      notified: () => {},
      keyChanged: (change) => keyChanges.push(change),
      report: (error) => errors.push(error),
    })
    return { messages, stats, sent, announced, versions, keyChanges, answered, errors }
  }

  it('acks notifications and routes them: followed records to the refetcher, other keys as key changes', () => {
    const h = handler(['versions/p:block'])
    h.messages.receive({ type: 'notification', key: 'versions/p:block', value: 9, version: 9, ackId: 'a1' })
    h.messages.receive({ type: 'notification', key: 'versions/q:block', value: 2, version: 2 })
    h.messages.receive({ type: 'notification', key: 'versions/p:block', value: 10 })
    h.messages.receive({ type: 'notification', key: 'collection/c', value: 5, version: 5 })
    h.messages.receive({ type: 'notification', key: 'collection/c', value: 'changed' })
    h.messages.receive({ nonsense: true })
    expect(h.sent).toEqual([expect.objectContaining({ type: '/api/v1/ackNotification', ackId: 'a1' })])
    expect(h.announced).toEqual([['block', 'p', 9], ['block', 'p', 10]])
    expect(h.versions).toEqual([['collection/c', 5]])
    expect(h.keyChanges).toEqual([{ key: 'collection/c', version: 5 }, { key: 'collection/c', version: -1 }])
    expect(h.stats.notifications).toBe(5)
  })

  it('hands answers to the registrations and reports error answers and error notifications as values', () => {
    const h = handler(['versions/p:block'])
    h.messages.receive({ type: 'response', requestId: 'r1', status: 'ok', result: { responses: [] } })
    h.messages.receive({ type: 'response', requestId: 'r2', status: 'error', error: { message: 'nope' } })
    h.messages.receive({ type: 'notification', key: 'versions/p:block', value: null, status: 'error' })
    expect(h.answered).toEqual(['r1', 'r2'])
    expect(h.stats.responses).toBe(2)
    expect(h.errors.map(String)).toEqual(['Error: message store: nope', 'Error: message store notification error on versions/p:block'])
    expect(h.announced).toEqual([])
  })
})

describe('Refetcher (version-gated fetches)', () => {
  function refetcher(store: RecordStore, serverVersion: number, fail = false) {
    const stats = emptyMonitorStats()
    const fetched: VersionedPointer[][] = []
    const errors: unknown[] = []
    const parts = new Refetcher({
      store,
      stats,
      retryMs: 10,
      report: (error) => errors.push(error),
      fetchRecords: async (pointers) => {
        fetched.push([...pointers])
        if (fail && fetched.length === 1) throw new Error('offline')
        const map: NormalizedRecordMap = { block: {} }
        for (const { id } of pointers) map.block![id] = { role: 'editor', value: { id, version: serverVersion } }
        return map
      },
    })
    return { parts, stats, fetched, errors }
  }

  it('fetches what is newer than held, with the held version; counts what is not as stale', async () => {
    const store = new RecordStore()
    load(store, 'p', 3)
    const { parts, stats, fetched } = refetcher(store, 5)
    parts.announce('block', 'p', 3)
    expect(stats.staleNotifications).toBe(1)
    parts.announce('block', 'p', 4)
    parts.announce('block', 'p', 5)
    await parts.whenIdle()
    expect(fetched).toEqual([[{ table: 'block', id: 'p', version: 3 }]])
    expect(store.get('block', 'p')?.version).toBe(5)
    expect(stats).toMatchObject({ refetches: 1, recordsRefetched: 1 })
    await parts.close()
  })

  it('holds a record with writes in flight back until they settle, then fetches only a newer announcement', async () => {
    const store = new RecordStore()
    load(store, 'w', 1)
    const { parts, stats, fetched } = refetcher(store, 9)
    store.dispatch({ type: 'optimisticApplied', layerId: 'L', operations: [{ table: 'block', id: 'w', path: ['title'], command: 'set', args: 'x' }] })
    parts.announce('block', 'w', 9)
    await parts.whenIdle()
    expect(fetched).toEqual([])
    store.dispatch({ type: 'txCommitted', layerId: 'L' })
    await waitFor(() => fetched.length === 1, 'fetched after the write settled')
    await parts.whenIdle()
    expect(store.get('block', 'w')?.version).toBe(9)
    expect(stats.staleNotifications).toBe(0)
    await parts.close()
  })

  it('reports a failed fetch and asks again later while the announcement stands', async () => {
    const store = new RecordStore()
    load(store, 'f', 1)
    const { parts, fetched, errors } = refetcher(store, 2, true)
    parts.announce('block', 'f', 2)
    await waitFor(() => store.get('block', 'f')?.version === 2, 'fetched on the retry')
    expect(fetched).toHaveLength(2)
    expect(errors.map(String)).toEqual(['Error: offline'])
    await parts.close()
  })
})

describe('ConnectionSupervisor', () => {
  function supervisor() {
    const stats = emptyMonitorStats()
    const events: string[] = []
    const sent: unknown[] = []
    const connections: ConnectionHandlers[] = []
    const parts = new ConnectionSupervisor({
      url: 'http://msgstore.invalid/primus-v8/',
      headers: {},
      options: resolveMonitorOptions({ reconnectMinMs: 5, reconnectMaxMs: 20, pollIntervalMs: 60_000, random: () => 0 }),
      connect: ({ handlers }) => {
        connections.push(handlers)
        return { send: (value) => sent.push(value), close: () => events.push('closed connection') }
      },
      stats,
      opened: () => events.push('opened'),
      dropped: () => events.push('dropped'),
      received: (message) => events.push(`received ${JSON.stringify(message)}`),
      poll: () => events.push('poll'),
    })
    const states: string[] = []
    parts.state$.subscribe((state) => states.push(state))
    return { parts, stats, events, sent, connections, states }
  }

  it('answers heartbeats, passes data on, and reconnects after a drop', async () => {
    const s = supervisor()
    s.parts.start()
    s.connections[0]!.open()
    s.connections[0]!.frame({ kind: 'ping', timestamp: '42' })
    s.connections[0]!.frame({ kind: 'data', value: { hello: 1 } })
    expect(s.sent).toEqual(['primus::pong::42'])
    s.connections[0]!.close('transport close', true)
    await waitFor(() => s.connections.length === 2, 'reconnected')
    // The old connection's late events are ignored.
    s.connections[0]!.frame({ kind: 'data', value: { stale: 1 } })
    s.connections[1]!.open()
    expect(s.events).toEqual(['opened', 'received {"hello":1}', 'dropped', 'opened'])
    expect(s.states).toEqual(['connecting', 'live', 'reconnecting', 'live'])
    expect(s.stats.connects).toBe(2)
    s.parts.close()
    expect(s.states.at(-1)).toBe('closed')
  })

  it('polls while the server cannot be reached, and stops polling once connected', async () => {
    const s = supervisor()
    s.parts.start()
    s.connections[0]!.close('unreachable', false)
    expect(s.parts.state).toBe('polling')
    expect(s.events).toEqual(['dropped', 'poll'])
    expect(s.stats.polls).toBe(1)
    await waitFor(() => s.connections.length === 2, 'tried again')
    s.connections[1]!.open()
    expect(s.parts.state).toBe('live')
    s.parts.close()
    expect(s.events.at(-1)).toBe('closed connection')
  })
})

describe('followRowCollections (the databases wing)', () => {
  it("follows an observed row's database, moves with the row, and lets go when the row is no longer observed", () => {
    const store = new RecordStore()
    const holds = new Map<string, number>()
    const follower = {
      follow: (key: string) => {
        holds.set(key, (holds.get(key) ?? 0) + 1)
        return () => holds.set(key, holds.get(key)! - 1)
      },
    }
    load(store, 'row', 1, { parent_table: 'collection', parent_id: 'c1' })
    load(store, 'plain', 1, { parent_table: 'block', parent_id: 'p' })
    const row = store.select('block', 'row').subscribe()
    const following = followRowCollections(store, follower)
    store.select('block', 'plain').subscribe()
    expect(Object.fromEntries(holds)).toEqual({ 'collection/c1': 1 })
    load(store, 'row', 2, { parent_table: 'collection', parent_id: 'c2' })
    expect(Object.fromEntries(holds)).toEqual({ 'collection/c1': 0, 'collection/c2': 1 })
    row.unsubscribe()
    expect(holds.get('collection/c2')).toBe(0)
    store.select('block', 'row').subscribe()
    expect(holds.get('collection/c2')).toBe(1)
    following.unsubscribe()
    expect(Object.fromEntries(holds)).toEqual({ 'collection/c1': 0, 'collection/c2': 0 })
  })
})

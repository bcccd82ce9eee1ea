import { randomUUID } from 'node:crypto'
import type { Operation } from '@notion-rx/protocol'
import { Subscription } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { NotionClient } from '../src/client.js'
import type { RecordChange } from '../src/store/recordChange.js'
import type { ConnectionState } from '../src/sync/monitor/monitorOptions.js'
import { setField, setTitle, sleep, TEST_MONITOR, titleOf, waitFor, workspace, type Workspace } from './monitorSupport.js'

describe.each(['websocket', 'polling', 'eio3'] as const)('monitor over %s', (transport) => {
  it("a write by A reaches B's observable through a message-store notification", async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada)
    const b = ws.client(ws.bob, { ...TEST_MONITOR, transport })
    const states: ConnectionState[] = []
    b.connection$.subscribe((state) => states.push(state))
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    const titles: (string | undefined)[] = []
    const remote: RecordChange[] = []
    b.changes$.subscribe((change) => change.origin === 'remote' && remote.push(change))
    b.store.selectValue('block', ws.pageId, (record) => (record?.value?.['properties'] as any)?.title?.[0]?.[0]).subscribe((title) => titles.push(title))
    await waitFor(() => b.monitor!.state === 'live' && b.monitor!.subscriptionKeys().includes(`versions/${ws.pageId}:block`), 'B live')
    await waitFor(() => b.monitor!.stats.responses >= 1, 'registration answered')

    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'Hello from A')])
    await waitFor(() => titles.at(-1) === 'Hello from A', "A's title at B")
    expect(remote).toHaveLength(1)
    expect(remote[0]).toMatchObject({ table: 'block', id: ws.pageId, origin: 'remote' })
    expect(b.monitor!.stats).toMatchObject({ polls: 0 })
    expect(b.monitor!.stats.notifications).toBeGreaterThanOrEqual(1)
    expect(states).toEqual(['connecting', 'live'])
    await b.close()
    expect(states.at(-1)).toBe('closed')
    expect(titleOf(a, ws.pageId)).toBe('Hello from A')
  })

  it('answers heartbeats: the session outlives many Primus and engine.io ping intervals', async () => {
    // The server drops a session that leaves a Primus ping unanswered by the next one, and (Engine.IO 3)
    // one that sends no engine.io pings within pingInterval + pingTimeout, as notion-py's did.
    const ws = await workspace({ messageStore: { pingIntervalMs: 100, pingTimeoutMs: 300 } })
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob, { ...TEST_MONITOR, transport })
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    b.store.select('block', ws.pageId).subscribe()
    await waitFor(() => b.monitor!.state === 'live' && b.monitor!.stats.responses >= 1, 'B live')
    await sleep(1_200)
    expect(b.monitor!.stats.connects).toBe(1)
    expect(b.monitor!.state).toBe('live')
    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'still here')])
    await waitFor(() => titleOf(b, ws.pageId) === 'still here', 'update after many heartbeats')
    expect(b.monitor!.stats.connects).toBe(1)
  })
})

/** A small deterministic random source, so a failing interleaving can be replayed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** The page and its children: the records the tests compare. */
function pageRecords(client: NotionClient, pageId: string): string[] {
  const content = client.store.get('block', pageId)?.value?.['content']
  return [pageId, ...(Array.isArray(content) ? (content as string[]) : [])]
}

/**
 * Records as compared between clients: the store's version and the value. A writer's own commit
 * squashes its optimistic value into the base without refetching, so the `version` field INSIDE
 * its value stays the pre-write one (the store keeps the value's reference on commit on purpose);
 * the record's version is authoritative and compared.
 */
function comparable(client: NotionClient, ids: readonly string[]) {
  return ids.map((id) => {
    const record = client.store.get('block', id)
    const { version: _inner, ...value } = record?.value ?? {}
    return { id, version: record?.version, value }
  })
}

async function serverSnapshot(ws: Workspace, ids: readonly string[]) {
  const fresh = ws.client(ws.ada, false)
  await fresh.loadRecords(ids.map((id) => ({ table: 'block', id })))
  return comparable(fresh, ids)
}

function observeAll(client: NotionClient, ids: readonly string[]): Subscription {
  const subscription = new Subscription()
  for (const id of ids) subscription.add(client.store.select('block', id).subscribe())
  return subscription
}

const registeredAll = (client: NotionClient, ids: readonly string[]) => () =>
  client.monitor!.state === 'live' &&
  ids.every((id) => client.monitor!.subscriptionKeys().includes(`versions/${id}:block`)) &&
  client.monitor!.stats.responses >= 1

describe('monitor semantics', () => {
  it('own writes echoed back do not emit twice and fetch nothing', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada)
    await a.loadPage(ws.pageId)
    const values: unknown[] = []
    a.store.selectValue('block', ws.pageId, (record) => record?.value).subscribe((value) => values.push(value))
    const changes: RecordChange[] = []
    a.changes$.subscribe((change) => change.id === ws.pageId && changes.push(change))
    await waitFor(registeredAll(a, [ws.pageId]), 'A registered')

    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'Mine')])
    // The write and its last_edited_* stamp: local changes only.
    const emitted = values.length
    await waitFor(() => a.monitor!.stats.staleNotifications >= 1, 'the echo, recognised')
    await sleep(100)
    expect(new Set(changes.map((change) => change.origin))).toEqual(new Set(['local']))
    expect(values).toHaveLength(emitted)
    expect(a.monitor!.stats).toMatchObject({ notifications: 1, refetches: 0, staleNotifications: 1 })
    expect(a.store.getConfirmed('block', ws.pageId)?.version).toBe(ws.emu.context.records.get('block', ws.pageId)!.version)
  })

  it('many interleaved writes by both clients converge to the same snapshot on both sides and on the server', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada)
    const b = ws.client(ws.bob)
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    const ids = pageRecords(a, ws.pageId).slice(0, 4)
    observeAll(a, ids)
    observeAll(b, ids)
    await waitFor(registeredAll(a, ids), 'A registered')
    await waitFor(registeredAll(b, ids), 'B registered')

    const random = lcg(42)
    const writes: Promise<void>[] = []
    for (let i = 0; i < 60; i++) {
      const [writer, name] = random() < 0.5 ? [a, 'A'] : [b, 'B']
      const id = ids[Math.floor(random() * ids.length)]!
      const op = random() < 0.7 ? setTitle(ws.spaceId, id, `${name}${i}`) : setField(ws.spaceId, id, ['format', 'page_icon'], `${name}${i}`)
      writes.push(writer.transactions.enqueue([op]))
      if (random() < 0.6) await sleep(Math.floor(random() * 15))
    }
    await Promise.all(writes)
    const server = await serverSnapshot(ws, ids)
    await waitFor(() => JSON.stringify(comparable(a, ids)) === JSON.stringify(server), 'A converged')
    await waitFor(() => JSON.stringify(comparable(b, ids)) === JSON.stringify(server), 'B converged')
  })

  it('B ends with every update across disconnects and stalled notifications', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob)
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    const ids = pageRecords(a, ws.pageId).slice(0, 4)
    observeAll(b, ids)
    await waitFor(registeredAll(b, ids), 'B registered')

    ws.emu.setFaults({ messageStoreDisconnectEveryMs: 200 })
    const writes: Promise<void>[] = []
    for (let i = 0; i < 40; i++) {
      if (i === 20) ws.emu.setFaults({ messageStoreDisconnectEveryMs: 200, messageStoreStallMs: 300 })
      writes.push(a.transactions.enqueue([setTitle(ws.spaceId, ids[i % ids.length]!, `v${i}`)]))
      await sleep(25)
    }
    await Promise.all(writes)
    ws.emu.setFaults({ messageStoreStallMs: 300 })
    const server = await serverSnapshot(ws, ids)
    await waitFor(() => JSON.stringify(comparable(b, ids)) === JSON.stringify(server), 'B caught up', 20_000)
    expect(b.monitor!.stats.connects).toBeGreaterThan(1)
    ws.emu.setFaults({})
  })

  it('falls back to polling versions while the message store is down, and goes live when it is back', async () => {
    const ws = await workspace({ faults: { messageStoreDown: true } })
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob, { ...TEST_MONITOR, pollIntervalMs: 200, reconnectMinMs: 100, reconnectMaxMs: 300 })
    const states: ConnectionState[] = []
    b.connection$.subscribe((state) => states.push(state))
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    observeAll(b, [ws.pageId])
    await waitFor(() => b.monitor!.state === 'polling', 'polling')

    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'while down')])
    await waitFor(() => titleOf(b, ws.pageId) === 'while down', 'polled update')
    expect(b.monitor!.stats.notifications).toBe(0)
    expect(b.monitor!.stats.polls).toBeGreaterThanOrEqual(1)

    ws.emu.setFaults({})
    await waitFor(() => b.monitor!.state === 'live', 'live again')
    await waitFor(() => b.monitor!.stats.responses >= 1, 'registered')
    const polls = b.monitor!.stats.polls
    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'back live')])
    await waitFor(() => titleOf(b, ws.pageId) === 'back live', 'live update')
    expect(b.monitor!.stats.notifications).toBeGreaterThanOrEqual(1)
    expect(b.monitor!.stats.polls).toBe(polls)
    expect(states[0]).toBe('connecting')
    expect(states).toContain('polling')
    expect(states.at(-1)).toBe('live')
  })

  it('the last observer leaving unsubscribes after the grace period, and notifications for that record stop', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob, { ...TEST_MONITOR, unsubscribeGraceMs: 300 })
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    const key = `versions/${ws.pageId}:block`
    const notified: string[] = []
    b.monitor!.notifications$.subscribe((notification) => notified.push(notification.key))
    const first = b.store.select('block', ws.pageId).subscribe()
    await waitFor(registeredAll(b, [ws.pageId]), 'registered')
    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'one')])
    await waitFor(() => titleOf(b, ws.pageId) === 'one', 'first update')

    // Leaving and coming back within the grace period keeps the subscription, without a round trip.
    first.unsubscribe()
    const framesOut = b.monitor!.stats.framesOut
    const second = b.store.select('block', ws.pageId).subscribe()
    await sleep(400)
    expect(b.monitor!.subscriptionKeys()).toContain(key)
    expect(b.monitor!.stats.framesOut).toBe(framesOut)

    second.unsubscribe()
    expect(b.monitor!.subscriptionKeys()).toContain(key)
    const responses = b.monitor!.stats.responses
    await waitFor(() => !b.monitor!.subscriptionKeys().includes(key), 'grace over')
    await waitFor(() => b.monitor!.stats.responses > responses, 'unregistration answered')
    const { refetches } = b.monitor!.stats
    const seen = notified.length
    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'two')])
    await sleep(300)
    expect(notified.slice(seen)).toEqual([])
    expect(b.monitor!.stats.refetches).toBe(refetches)
    expect(titleOf(b, ws.pageId)).toBe('one')
  })

  it('a database gets collection/<id> while its rows are observed', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob)
    const collectionId = randomUUID()
    const rowId = randomUUID()
    const newRow = (id: string): Operation => ({ id, table: 'block', path: [], command: 'set', args: { id, type: 'page', alive: true, parent_id: collectionId, parent_table: 'collection' } })
    await a.transactions.enqueue([
      { id: collectionId, table: 'collection', path: [], command: 'set', args: { id: collectionId, parent_id: ws.pageId, parent_table: 'block', alive: true } },
      newRow(rowId),
    ])
    await b.loadRecords([{ table: 'block', id: rowId }])
    const changed: Array<{ collectionId: string; version: number }> = []
    b.monitor!.collectionChanges$.subscribe((change) => changed.push(change))
    const row = b.store.select('block', rowId).subscribe()
    const key = `collection/${collectionId}`
    await waitFor(() => b.monitor!.subscriptionKeys().includes(key), 'collection key')
    // Registered with no version to catch up from: announced once as "may have changed" (-1).
    await waitFor(() => changed.length === 1, 'registration announced')
    expect(changed[0]).toEqual({ collectionId, version: -1 })

    await a.transactions.enqueue([newRow(randomUUID())])
    await waitFor(() => changed.some((change) => change.collectionId === collectionId && change.version > 0), 'collection notification')
    expect(changed.filter((change) => change.version === -1)).toHaveLength(1)
    row.unsubscribe()
    await waitFor(() => !b.monitor!.subscriptionKeys().includes(key), 'collection key released')
  })

  it('for await over block changes receives remote changes, and leaving the loop unsubscribes', async () => {
    const ws = await workspace()
    const a = ws.client(ws.ada, false)
    const b = ws.client(ws.bob)
    await Promise.all([a.loadPage(ws.pageId), b.loadPage(ws.pageId)])
    const key = `versions/${ws.pageId}:block`
    const received: RecordChange[] = []
    const loop = (async () => {
      for await (const change of b.changes({ table: 'block', id: ws.pageId })) {
        received.push(change)
        if (received.length === 2) break
      }
    })()
    await waitFor(registeredAll(b, [ws.pageId]), 'registered')
    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'first')])
    await waitFor(() => received.length === 1, 'first change')
    await a.transactions.enqueue([setTitle(ws.spaceId, ws.pageId, 'second')])
    await loop
    expect(received.map((change) => change.origin)).toEqual(['remote', 'remote'])
    expect(titleOf(b, ws.pageId)).toBe('second')
    await waitFor(() => !b.monitor!.subscriptionKeys().includes(key), 'unsubscribed after the loop')
  })
})

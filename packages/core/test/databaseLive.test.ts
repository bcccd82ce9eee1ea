import { describe, expect, it } from 'vitest'
import { testEmulator } from '../../emulator/test/support/testEmulator.js'
import type { QueryResult } from '../src/collections/queryResult.js'
import { where } from '../src/collections/queryFilter.js'
import { NotionClient } from '../src/client.js'
import { TEST_MONITOR, sleep, waitFor } from './monitorSupport.js'
import { testClient } from './support/testClient.js'

async function demo() {
  const emu = await testEmulator({ seed: 'demo' })
  const workspace = emu.demo!
  const owner = { id: workspace.ownerId, tokenV2: workspace.ownerToken }
  const member = { id: workspace.memberId, tokenV2: workspace.memberToken }
  return { emu, workspace, owner, member }
}

function collect(results: QueryResult[]) {
  return (result: QueryResult) => results.push(result)
}

describe('live queries (results$)', () => {
  it('emits the result, then on local writes: rows of the result at once, membership after a debounced re-run; nothing for unchanged results', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const query = cv.query({ filter: where('status', 'enum_is', 'Done') }, { debounceMs: 20 })
    const results: QueryResult[] = []
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    const first = results[0]!
    expect(first.values.every((values) => values['status'] === 'Done')).toBe(true)
    const requests = () => log.count('queryCollection')
    const afterFirst = requests()

    // A row of the result changes: shown at once from the store, then a re-run confirms it.
    const row = first.rows[0]!
    row.setProp('estimate', 99)
    expect(results).toHaveLength(2)
    expect(results[1]!.values[0]!['estimate']).toBe(99)
    // Unchanged rows keep their decoded values (structural sharing).
    expect(results[1]!.values[1]).toBe(first.values[1])
    await client.flush()
    await waitFor(() => requests() > afterFirst, 're-run')
    await sleep(100)
    expect(results).toHaveLength(2)

    // Ten rows added in one tick: one re-run, one emission with all of them.
    const before = requests()
    const added = Array.from({ length: 10 }, (_, i) => cv.collection!.addRow({ name: `Done ${i}`, status: 'Done' }))
    await waitFor(() => results.at(-1)!.ids.length === first.ids.length + 10, 'rows added')
    await sleep(100)
    expect(requests() - before).toBe(1)
    expect(results.at(-1)!.ids.slice(-10)).toEqual(added.map((r) => r.id))

    // A row leaves the result when it stops matching.
    added[0]!.setProp('status', 'In progress')
    await waitFor(() => !results.at(-1)!.ids.includes(added[0]!.id), 'row left')

    // A write elsewhere (another page) re-runs nothing.
    const count = requests()
    const emissions = results.length
    const home = await client.getBlock(workspace.homePageId)
    home.set(['format', 'page_icon'], '🚀')
    await client.flush()
    await sleep(100)
    expect(requests()).toBe(count)
    expect(results).toHaveLength(emissions)
    subscription.unsubscribe()
  })

  it('is shared: two subscribers, one query run; the last one leaving stops it', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const query = cv.query()
    const a: QueryResult[] = []
    const b: QueryResult[] = []
    const before = log.count('queryCollection')
    const subA = query.results$.subscribe(collect(a))
    const subB = query.results$.subscribe(collect(b))
    await waitFor(() => a.length === 1 && b.length === 1, 'both')
    expect(log.count('queryCollection') - before).toBe(1)
    subA.unsubscribe()
    subB.unsubscribe()
    cv.collection!.addRow({ name: 'after' })
    await client.flush()
    await sleep(100)
    expect(log.count('queryCollection') - before).toBe(1)

    // Execution options apply to live queries too.
    const capped: QueryResult[] = []
    const sub = cv.query({}, { limit: 2 }).results$.subscribe(collect(capped))
    await waitFor(() => capped.length === 1, 'capped')
    expect(capped[0]!.ids).toHaveLength(2)
    expect(capped[0]!.hasMore).toBe(true)
    sub.unsubscribe()
  })

  it('with a monitor: a teammate adding and editing rows reaches results$ through collection/<id> notifications', async () => {
    const { emu, workspace, owner, member } = await demo()
    const watcher = new NotionClient({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, monitor: TEST_MONITOR })
    const { client: teammate } = testClient(emu, member)
    try {
      const cv = await watcher.getCollectionView(workspace.tasksBlockId)
      const results: QueryResult[] = []
      const subscription = cv.collection!.query({ sort: 'name' }, { debounceMs: 10 }).results$.subscribe(collect(results))
      await waitFor(() => results.length === 1, 'first result')
      await waitFor(() => watcher.monitor!.subscriptionKeys().includes(`collection/${workspace.tasksCollectionId}`), 'collection subscribed')
      await waitFor(() => watcher.monitor!.stats.responses >= 1, 'registered')

      const theirs = (await teammate.getCollection(workspace.tasksCollectionId)).addRow({ name: 'AAA from Grace', estimate: 5 })
      await teammate.flush()
      await waitFor(() => results.at(-1)!.ids[0] === theirs.id, 'remote row added')
      expect(results.at(-1)!.values[0]).toMatchObject({ name: 'AAA from Grace', estimate: 5 })

      theirs.setProp('estimate', 6)
      await teammate.flush()
      await waitFor(() => results.at(-1)!.values[0]!['estimate'] === 6, 'remote edit')
      subscription.unsubscribe()
    } finally {
      await watcher.close()
    }
  })

  it('with a monitor: an empty result still hears of the collection, with no row of it in the store', async () => {
    const { emu, workspace, owner, member } = await demo()
    const watcher = new NotionClient({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, monitor: TEST_MONITOR })
    const { client: teammate } = testClient(emu, member)
    try {
      const cv = await watcher.getCollectionView(workspace.tasksBlockId)
      expect(Object.values(watcher.store.snapshot['block'] ?? {}).some((row) => row.value?.['parent_id'] === workspace.tasksCollectionId)).toBe(false)
      const results: QueryResult[] = []
      const subscription = cv.query({ filter: where('name', 'string_contains', 'zebra') }, { debounceMs: 10 }).results$.subscribe(collect(results))
      await waitFor(() => results.length === 1, 'first result')
      expect(results[0]!.ids).toEqual([])
      await waitFor(() => watcher.monitor!.subscriptionKeys().includes(`collection/${workspace.tasksCollectionId}`), 'collection subscribed')
      await waitFor(() => watcher.monitor!.stats.responses >= 1, 'registered')
      const zebra = (await teammate.getCollection(workspace.tasksCollectionId)).addRow({ name: 'Feed the zebra' })
      await teammate.flush()
      await waitFor(() => results.at(-1)!.ids.includes(zebra.id), 'remote row in the empty result')
      subscription.unsubscribe()
    } finally {
      await watcher.close()
    }
  })

  it('collection.rows$ follows row removal; a failed re-run keeps the last result and reports the error', async () => {
    const { emu, workspace, owner } = await demo()
    const { client } = testClient(emu, owner)
    const collection = (await client.getCollectionView(workspace.tasksBlockId)).collection!
    const seen: number[] = []
    const sub = collection.rows$.subscribe((rows) => seen.push(rows.length))
    await waitFor(() => seen.length === 1, 'rows')
    const [first] = await collection.getRows()
    await first!.remove()
    await waitFor(() => seen.at(-1) === seen[0]! - 1, 'row removed')
    sub.unsubscribe()

    const errors: unknown[] = []
    const results: QueryResult[] = []
    const live = collection.query({}, { debounceMs: 5, onError: (error) => errors.push(error) }).results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first')
    const original = client.queryCollection.bind(client)
    client.queryCollection = () => Promise.reject(new Error('offline'))
    collection.addRow({ name: 'while offline' })
    await waitFor(() => errors.length > 0, 'error reported')
    expect(results.at(-1)!.rows.length).toBeGreaterThan(0)
    client.queryCollection = original
    collection.addRow({ name: 'back online' })
    await waitFor(() => results.at(-1)!.values.some((values) => values['name'] === 'back online'), 'recovered')
    live.unsubscribe()
  })
})

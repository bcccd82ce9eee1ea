import { readQuerySchema } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { formulaOutsideRow } from '../src/databases/properties/formulaOutsideRow.js'
import type { QueryResult } from '../src/databases/query/queryResult.js'
import { where } from '../src/databases/query/queryFilter.js'
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
  it('decides local writes on the client: rows change, join, leave and move at once; one small count check per tick, never a re-run', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const query = cv.query({ filter: where('status', 'enum_is', 'Done'), sort: { property: 'estimate', direction: 'descending' } }, { debounceMs: 20 })
    const results: QueryResult[] = []
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    const first = results[0]!
    expect(first.values.every((values) => values['status'] === 'Done')).toBe(true)
    expect(log.queryRuns).toBe(1)
    const estimates = (result: QueryResult) => result.values.map((values) => values['estimate'] as number | undefined)
    const descending = (result: QueryResult) => {
      const list = estimates(result).filter((value): value is number => value !== undefined)
      return list.every((value, i) => i === 0 || list[i - 1]! >= value)
    }

    // A row of the result changes: shown at once, moved to where its new estimate sorts.
    const row = first.rows.at(-1)!
    row.setProp('estimate', 99)
    await Promise.resolve() // changes of one tick are applied together, in a microtask
    expect(results).toHaveLength(2)
    expect(results[1]!.ids[0]).toBe(row.id)
    expect(results[1]!.values[0]!['estimate']).toBe(99)
    expect(descending(results[1]!)).toBe(true)
    // Unchanged rows keep their decoded values (structural sharing).
    expect(results[1]!.values.slice(1)).toEqual(first.values.slice(0, -1))
    expect(results[1]!.values[1]).toBe(first.values[0])
    // Once the write is committed, the server is asked to count the rows: it agrees, nothing more.
    await client.flush()
    await waitFor(() => log.queryChecks === 1, 'count check')
    await sleep(100)
    expect(results).toHaveLength(2)
    expect(log.queryRuns).toBe(1)

    // Ten rows added in one tick: one emission with all of them, in order, and one check.
    const added = Array.from({ length: 10 }, (_, i) => cv.collection!.addRow({ name: `Done ${i}`, status: 'Done', estimate: 50 + i }))
    await waitFor(() => results.at(-1)!.ids.length === first.ids.length + 10, 'rows added')
    expect(results).toHaveLength(3)
    expect(results[2]!.ids.slice(1, 11)).toEqual(added.map((r) => r.id).reverse())
    expect(results[2]!.total).toBe(first.total + 10)
    await waitFor(() => log.queryChecks === 2, 'second count check')
    await sleep(100)
    expect(log.queryRuns).toBe(1)

    // A row leaves the result when it stops matching; a row outside joins when it starts to.
    added[0]!.setProp('status', 'In progress')
    await Promise.resolve()
    expect(results.at(-1)!.ids).not.toContain(added[0]!.id)
    added[0]!.setProp('status', 'Done')
    await Promise.resolve()
    expect(results.at(-1)!.ids).toContain(added[0]!.id)
    const outsider = (await cv.collection!.getRows()).find((candidate) => candidate.prop('status') !== 'Done')!
    outsider.setProp('status', 'Done')
    await Promise.resolve()
    expect(results.at(-1)!.ids).toContain(outsider.id)
    expect(descending(results.at(-1)!)).toBe(true)

    // What a fresh run answers is what the live result shows.
    await client.flush()
    const fresh = await query.execute()
    await sleep(100)
    expect(results.at(-1)!.ids).toEqual(fresh.ids)
    expect(log.queryRuns).toBe(3) // the first run, getRows, the fresh execute()

    // A write elsewhere (another page) asks nothing and emits nothing.
    const count = log.count('queryCollection')
    const emissions = results.length
    const home = await client.getBlock(workspace.homePageId)
    home.set(['format', 'page_icon'], '🚀')
    await client.flush()
    await sleep(100)
    expect(log.count('queryCollection')).toBe(count)
    expect(results).toHaveLength(emissions)
    subscription.unsubscribe()
  })

  it('relative dates and "me" are decided on the client too (until the day ends): a write moves a row in or out without a re-run', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const query = cv.query({ filter: where('due', 'date_is_within', 'the_next_week') }, { debounceMs: 10 })
    const results: QueryResult[] = []
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    const outside = (await cv.collection!.getRows()).find((row) => !results[0]!.ids.includes(row.id))!
    const runs = log.queryRuns
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    outside.setProp('due', { start: tomorrow })
    await Promise.resolve()
    expect(results.at(-1)!.ids).toContain(outside.id)
    await client.flush()
    await waitFor(() => log.queryChecks >= 1, 'count check')
    await sleep(50)
    expect(log.queryRuns).toBe(runs)
    expect(results.at(-1)!.ids).toEqual((await query.execute()).ids)
    subscription.unsubscribe()
  })

  it('grouped queries (board columns) are decided on the client: a row changes column at once, as a fresh run lays it out', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const query = cv.query({ groupBy: 'status', sort: 'name' }, { debounceMs: 10 })
    const results: QueryResult[] = []
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    const column = (result: QueryResult, value: string) => result.groups!.find((group) => group.value === value)!
    const row = results[0]!.rows.find((candidate) => candidate.prop('status') !== 'Done')!
    row.setProp('status', 'Done')
    await Promise.resolve()
    expect(column(results.at(-1)!, 'Done').ids).toContain(row.id)
    const added = cv.collection!.addRow({ name: 'A new one on the board', status: 'In progress' })
    await Promise.resolve()
    expect(column(results.at(-1)!, 'In progress').ids).toContain(added.id)
    await client.flush()
    await waitFor(() => log.queryChecks >= 1, 'count check')
    const fresh = await query.execute()
    expect(results.at(-1)!.groups).toEqual(fresh.groups)
    expect(log.queryRuns).toBe(2) // the first run and the fresh execute()
    subscription.unsubscribe()
  })

  it('formulas that read only their row are decided on the client; a formula of now() is asked of the server', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const collection = cv.collection!
    const ref = (key: string, result_type: string) => ({ type: 'property', id: collection.property(key).id, name: key, result_type })
    const num = (value: number) => ({ type: 'constant', value: String(value), value_type: 'number', result_type: 'number' })
    const points = collection.addProperty('Points', 'formula', {
      extra: { formula: { type: 'operator', operator: '*', name: 'multiply', result_type: 'number', args: [ref('Estimate', 'number'), num(2)] } },
    })
    // A formula of a formula: Points, plus 100 when urgent.
    collection.addProperty('Rank', 'formula', {
      extra: {
        formula: {
          type: 'operator', operator: '+', name: 'add', result_type: 'number',
          args: [ref('Points', 'number'), { type: 'function', name: 'if', result_type: 'number', args: [ref('Urgent', 'checkbox'), num(100), num(0)] }],
        },
      },
    })
    collection.addProperty('Age', 'formula', {
      extra: { formula: { type: 'function', name: 'dateBetween', result_type: 'number', args: [{ type: 'function', name: 'now', args: [], result_type: 'date' }, ref('Due', 'date'), { type: 'constant', value: 'days', value_type: 'string', result_type: 'text' }] } },
    })
    collection.addProperty('Blockers', 'formula', { extra: { formula: { type: 'function', name: 'length', result_type: 'number', args: [ref('Blocked by', 'text')] } } })
    await client.flush()
    const schema = readQuerySchema({ schema: collection.schema })
    expect(formulaOutsideRow(schema, points)).toBeUndefined()
    expect(formulaOutsideRow(schema, collection.property('Rank').id)).toBeUndefined()
    expect(formulaOutsideRow(schema, collection.property('Age').id)).toBe('now()')
    expect(formulaOutsideRow(schema, collection.property('Blockers').id)).toBe('relation "Blocked by"')

    const query = cv.query({ filter: where('points', 'number_greater_than', 10), sort: { property: 'rank', direction: 'descending' } }, { debounceMs: 10 })
    const results: QueryResult[] = []
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    expect(results[0]!.values.every((values) => (values['points'] as number) > 10)).toBe(true)
    const outside = (await cv.collection!.getRows()).find((row) => !results[0]!.ids.includes(row.id) && row.prop('urgent') !== true)!
    const runs = log.queryRuns
    // A row outside the result gets an estimate: its formulas move it in, first by rank, at once.
    outside.setProp('estimate', 400)
    await Promise.resolve()
    expect(results.at(-1)!.ids[0]).toBe(outside.id)
    expect(results.at(-1)!.values[0]!['points']).toBe(800)
    // And out again.
    const leaving = results.at(-1)!.rows[1]!
    leaving.setProp('estimate', 1)
    await Promise.resolve()
    expect(results.at(-1)!.ids).not.toContain(leaving.id)
    await client.flush()
    await waitFor(() => log.queryChecks >= 1, 'count check')
    await sleep(50)
    expect(log.queryRuns).toBe(runs)
    const fresh = await query.execute()
    expect(results.at(-1)!.ids).toEqual(fresh.ids)
    expect(results.at(-1)!.values).toEqual(fresh.values)
    subscription.unsubscribe()

    // now() moves with the clock: the server decides, after every write.
    const byAge = cv.query({ filter: where('age', 'is_not_empty'), sort: 'age' }, { debounceMs: 10 })
    const aged: QueryResult[] = []
    const ageSubscription = byAge.results$.subscribe(collect(aged))
    await waitFor(() => aged.length === 1, 'first result by age')
    const before = { runs: log.queryRuns, checks: log.queryChecks }
    outside.setProp('due', { start: '2001-01-01' })
    await client.flush()
    await waitFor(() => log.queryRuns === before.runs + 1, 'a re-run on the server')
    await waitFor(() => aged.at(-1)!.ids.at(-1) === outside.id, 'the oldest due date last')
    expect(log.queryChecks).toBe(before.checks)
    ageSubscription.unsubscribe()
  })

  it('queries the client cannot decide (a limit cuts the result) re-run on the server after a write, as before', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const query = cv.query({ sort: 'name' }, { debounceMs: 20, limit: 3 })
    const results: QueryResult[] = []
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    expect(results[0]!.hasMore).toBe(true)
    const added = cv.collection!.addRow({ name: 'AAAA first by name' })
    await waitFor(() => results.at(-1)!.ids[0] === added.id, 'row added by a re-run')
    expect(log.queryRuns).toBe(2)
    expect(log.queryChecks).toBe(0)
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

  it("with a monitor: a teammate's edit of a shown row is placed locally (no re-run); an unseen new row is caught by the count check", async () => {
    const { emu, workspace, owner, member } = await demo()
    const { client: watcher, log } = testClient(emu, owner, { monitor: TEST_MONITOR })
    const { client: teammate } = testClient(emu, member)
    const cv = await watcher.getCollectionView(workspace.tasksBlockId)
    const results: QueryResult[] = []
    const query = cv.collection!.query({ filter: where('status', 'enum_is', 'Done'), sort: 'name' }, { debounceMs: 10 })
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    const first = results[0]!
    // Every row of the result is followed, so a teammate's edit arrives as that record.
    await waitFor(() => first.ids.every((id) => watcher.monitor!.subscriptionKeys().includes(`versions/${id}:block`)), 'rows followed')
    await waitFor(() => watcher.monitor!.stats.responses >= 1, 'registered')
    const runs = log.queryRuns

    // A shown row renamed to sort first: moved locally, then one count check agrees.
    const theirs = await teammate.getCollection(workspace.tasksCollectionId)
    const rows = await theirs.getRows()
    const shown = rows.find((row) => row.id === first.ids.at(-1))!
    shown.setProp('name', 'AAAA renamed by a teammate')
    await teammate.flush()
    await waitFor(() => results.at(-1)!.ids[0] === shown.id, 'moved first')
    await waitFor(() => log.queryChecks >= 1, 'count check')
    await sleep(100)
    expect(log.queryRuns).toBe(runs)

    // A shown row stops matching: it leaves, again without a re-run.
    shown.setProp('status', 'In progress')
    await teammate.flush()
    await waitFor(() => !results.at(-1)!.ids.includes(shown.id), 'left')
    await sleep(100)
    expect(log.queryRuns).toBe(runs)

    // A row nobody here has seen: only the count can tell. The check disagrees, one re-run follows.
    const added = theirs.addRow({ name: 'BBB new from Grace', status: 'Done' })
    await teammate.flush()
    await waitFor(() => results.at(-1)!.ids.includes(added.id), 'new row')
    expect(log.queryRuns).toBe(runs + 1)
    expect(results.at(-1)!.ids).toEqual((await query.execute()).ids)
    subscription.unsubscribe()
  })

  it('with watchRows: false, a teammate edit is not followed row by row: the notification re-runs the query', async () => {
    const { emu, workspace, owner, member } = await demo()
    const { client: watcher, log } = testClient(emu, owner, { monitor: TEST_MONITOR })
    const { client: teammate } = testClient(emu, member)
    const cv = await watcher.getCollectionView(workspace.tasksBlockId)
    const results: QueryResult[] = []
    const subscription = cv.query({ sort: 'name' }, { debounceMs: 10, watchRows: false }).results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    await waitFor(() => watcher.monitor!.subscriptionKeys().includes(`collection/${workspace.tasksCollectionId}`), 'collection subscribed')
    await waitFor(() => watcher.monitor!.stats.responses >= 1, 'registered')
    expect(watcher.monitor!.subscriptionKeys().some((key) => key === `versions/${results[0]!.ids[0]}:block`)).toBe(false)
    const row = (await (await teammate.getCollection(workspace.tasksCollectionId)).getRows()).find((r) => r.id === results[0]!.ids[0])!
    // Even a commit that lands before `collection/<id>` is registered is seen: the registration
    // announces "may have changed" once, and that re-runs the query too.
    row.setProp('estimate', 4242)
    await teammate.flush()
    await waitFor(() => results.at(-1)!.values[0]!['estimate'] === 4242, 'edit through a re-run')
    expect(log.queryRuns).toBeGreaterThanOrEqual(2)
    expect(log.queryChecks).toBe(0)
    subscription.unsubscribe()
  })

  it('a server that refuses the count check gets one full run, then no more checks; rows are still decided locally', async () => {
    const { emu, workspace, owner } = await demo()
    const refuseChecks: typeof fetch = async (input, init) => {
      const request = new Request(input, init)
      if (request.url.endsWith('/queryCollection')) {
        const body = (await request.clone().json()) as { loader: { reducers: Record<string, { type: string }> } }
        if (!Object.values(body.loader.reducers).some((reducer) => reducer.type === 'results')) {
          return Response.json({ errorId: 'x', name: 'ValidationError', message: 'Invalid input.' }, { status: 400 })
        }
      }
      return fetch(request)
    }
    const { client, log } = testClient(emu, owner, { fetch: refuseChecks })
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const errors: unknown[] = []
    const results: QueryResult[] = []
    const query = cv.query({ sort: 'name' }, { debounceMs: 10, onError: (error) => errors.push(error) })
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    const [first, second] = results[0]!.rows
    first!.setProp('name', 'zzz last')
    await waitFor(() => results.at(-1)!.ids.at(-1) === first!.id, 'placed locally')
    await waitFor(() => log.queryRuns === 2, 'a full run after the refused check')
    expect(errors).toHaveLength(1)
    expect((errors[0] as Error).name).toBe('ValidationError')
    const checks = log.queryChecks
    second!.setProp('name', 'zzzz after that')
    await waitFor(() => results.at(-1)!.ids.at(-1) === second!.id, 'placed locally again')
    await client.flush()
    await sleep(100)
    expect(log.queryChecks).toBe(checks)
    expect(log.queryRuns).toBe(2)
    expect(results.at(-1)!.ids).toEqual((await query.execute()).ids)
    subscription.unsubscribe()
  })

  it('aggregates follow local changes at once and agree with the server', async () => {
    const { emu, workspace, owner } = await demo()
    const { client, log } = testClient(emu, owner)
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const query = cv.query({ aggregations: [{ property: 'estimate', aggregator: 'sum', id: 'total' }, { property: 'estimate', aggregator: 'max', id: 'top' }] }, { debounceMs: 10 })
    const results: QueryResult[] = []
    const subscription = query.results$.subscribe(collect(results))
    await waitFor(() => results.length === 1, 'first result')
    const before = results[0]!.aggregate('total') as number
    const row = results[0]!.rows[0]!
    const old = (row.prop('estimate') as number | undefined) ?? 0
    row.setProp('estimate', old + 1000)
    await Promise.resolve()
    expect(results.at(-1)!.aggregate('total')).toBe(before + 1000)
    expect(results.at(-1)!.aggregate('top')).toBe(old + 1000)
    await client.flush()
    await waitFor(() => log.queryChecks === 1, 'count check')
    const fresh = await query.execute()
    expect(fresh.aggregates).toEqual(results.at(-1)!.aggregates)
    expect(log.queryRuns).toBe(2) // the first run and the fresh execute()
    subscription.unsubscribe()
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

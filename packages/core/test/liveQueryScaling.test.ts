import { afterEach, describe, expect, it, vi } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { LocalQueryEvaluator } from '../src/databases/live/localQueryEvaluator.js'
import type { QueryResult } from '../src/databases/query/queryResult.js'
import { TEST_MONITOR, waitFor } from './monitorSupport.js'
import { bigDatabase, type BigDatabase } from './support/databaseFixture.js'
import { testClient } from './support/testClient.js'

/**
 * A live query's work per change is counted, not timed: the comparisons and row evaluations one
 * teammate's edit costs, and which of the result's lists it copies, at 100 and at 10,000 rows.
 * Work that grew with the result (a scan, a sort, a copy of every list) would show here as
 * thousands of calls, or as lists that are no longer the previous result's.
 */

interface Cost {
  /** `LocalQueryEvaluator.compare` calls. */
  compares: number
  /** `LocalQueryEvaluator.matches` calls (rows evaluated against the filter). */
  evaluated: number
  /** Aggregates recounted over the result. */
  recounts: number
}

async function watchedDatabase(rows: number, prefix: string) {
  const emu = await testEmulator()
  const owner = emu.createUser({ email: 'owner@example.com' })
  const mate = emu.createUser({ email: 'mate@example.com', spaceId: owner.spaceId, role: 'editor' })
  const db = bigDatabase(emu, owner.spaceId, rows, prefix)
  const { client: watcher, log } = testClient(emu, owner, { monitor: TEST_MONITOR })
  const { client: teammate } = testClient(emu, mate)
  return { emu, db, watcher, log, teammate }
}

afterEach(() => {
  vi.restoreAllMocks()
})

/** Follows a sorted, counted live query of `db`, and a teammate's copy of one of its rows. */
async function follow(rows: number, prefix: string) {
  const { db, watcher, log, teammate } = await watchedDatabase(rows, prefix)
  const cv = await watcher.getCollectionView(db.blockId)
  const results: QueryResult[] = []
  const query = cv.query({ sort: 'estimatedValue', aggregations: [{ property: 'done', aggregator: 'checked', id: 'done' }] }, { debounceMs: 5 })
  const subscription = query.results$.subscribe((result) => results.push(result))
  await waitFor(() => results.length === 1, 'first result', 60_000)
  const target = db.rowIds[Math.floor(rows / 3)]!
  await waitFor(() => watcher.monitor!.subscriptionKeys().includes(`versions/${target}:block`), 'row followed', 60_000)
  await waitFor(() => watcher.monitor!.stats.responses >= 1, 'registered', 60_000)
  const theirs = (await (await teammate.getCollection(db.collectionId)).getRows()).find((row) => row.id === target)!
  return { db, results, log, teammate, theirs, subscription }
}

/** Counts the evaluator's work while `change` reaches the live query (an emission that `shows`). */
async function costOf(results: QueryResult[], change: () => Promise<void>, shows: (result: QueryResult) => boolean): Promise<Cost> {
  const compare = vi.spyOn(LocalQueryEvaluator.prototype, 'compare')
  const matches = vi.spyOn(LocalQueryEvaluator.prototype, 'matches')
  const aggregates = vi.spyOn(LocalQueryEvaluator.prototype, 'aggregates')
  const count = results.length
  await change()
  await waitFor(() => results.length > count && shows(results.at(-1)!), 'the change shown', 60_000)
  const cost = { compares: compare.mock.calls.length, evaluated: matches.mock.calls.length, recounts: aggregates.mock.calls.length }
  compare.mockRestore()
  matches.mockRestore()
  aggregates.mockRestore()
  return cost
}

async function teammateEdits(rows: number, prefix: string): Promise<{ inPlace: Cost; moved: Cost; db: BigDatabase }> {
  const { db, results, log, teammate, theirs, subscription } = await follow(rows, prefix)
  const runs = log.queryRuns
  const before = results.at(-1)!
  const at = before.ids.indexOf(theirs.id)

  // The title changes: the row stays where it sorts; nothing the aggregate reads moved.
  const inPlace = await costOf(
    results,
    async () => {
      theirs.setProp('name', 'Renamed by a teammate')
      await teammate.flush()
    },
    (result) => result.values[at]?.['name'] === 'Renamed by a teammate',
  )
  const renamed = results.at(-1)!
  // Only `values` is a new list, and only the changed row has a new entry in it.
  expect(renamed.ids).toBe(before.ids)
  expect(renamed.rows).toBe(before.rows)
  expect(renamed.values).not.toBe(before.values)
  expect(renamed.values.filter((values, index) => values !== before.values[index])).toHaveLength(1)
  expect(renamed.aggregates).toBe(before.aggregates)

  // The sort key changes: the row crosses the whole result to the front.
  const moved = await costOf(
    results,
    async () => {
      theirs.setProp('estimatedValue', -1)
      await teammate.flush()
    },
    (result) => result.ids[0] === theirs.id,
  )
  expect(results.at(-1)!.ids).toHaveLength(rows)
  expect(log.queryRuns).toBe(runs)
  subscription.unsubscribe()
  return { inPlace, moved, db }
}

describe('live queries: the work of one change does not grow with the result', () => {
  it("a teammate's edit at 100 and at 10,000 rows: O(log n) comparisons, one row evaluated, no recount unless it moved what is counted; no re-run", async () => {
    const small = await teammateEdits(100, '40000000')
    const big = await teammateEdits(10_000, '50000000')
    for (const { inPlace, moved } of [small, big]) {
      // One changed row, evaluated once against the filter.
      expect(inPlace.evaluated).toBe(1)
      expect(moved.evaluated).toBe(1)
      // In place: its neighbours and a binary search for its position; moved: a search more.
      // A title change moves no aggregate; a row that moves is recounted once.
      expect(inPlace.recounts).toBe(0)
      expect(moved.recounts).toBe(1)
    }
    // log2(10,000) ≈ 14: a scan of the result would be thousands of comparisons.
    expect(big.inPlace.compares).toBeLessThanOrEqual(2 * 14 + 4)
    expect(big.moved.compares).toBeLessThanOrEqual(2 * 14 + 4)
    // 100 times the rows, about 7 more comparisons (log2 100 ≈ 7), never 100 times as many.
    expect(big.inPlace.compares - small.inPlace.compares).toBeLessThanOrEqual(2 * 8)
    expect(big.moved.compares - small.moved.compares).toBeLessThanOrEqual(2 * 8)
  }, 180_000)
})

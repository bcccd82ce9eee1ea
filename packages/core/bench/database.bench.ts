/**
 * Database benchmarks (`npm run bench`), against the emulator on loopback:
 * (a) reading every row of a 10,000-row database: requests and time, for the default strategy
 *     (a first page of `pageSize` rows, then one request for the server's `sizeHint`), one big
 *     request, and small first pages; the reducer API has no cursor, so no strategy can resume;
 * (b) a live query's update cost when ONE row changes, in a 10,000-row result against a 100-row
 *     result (target: proportional to the change, not to the result size):
 *     (b1) a local write to a row of the result: write → emission (no request; the row is
 *          re-evaluated and placed on the client), for a row that stays in place and for one that
 *          moves (a sorted query);
 *     (b2) after a re-run that moved nothing: a shape check and a re-read of the changed row,
 *          against rebuilding the result and against decoding every row (a naive re-query);
 *     (b3) a teammate's write with a monitor: their commit → emission (the row's record is fetched
 *          and placed on the client), then the count check the collection/<id> notification
 *          costs (its time and size), against what a full re-run costs. Both sizes are watched at
 *          once and written alternately (ABBA), BENCH_TEAMMATE_RUNS times each, so the machine's
 *          load falls on both alike: the ratio of medians, the median of paired ratios, CPU time.
 * BENCH_DATABASE_PARTS (read,local,teammate) picks parts.
 */
import { performance } from 'node:perf_hooks'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { rowProperties } from '../src/databases/properties/rowProperties.js'
import { recordFor } from '../src/model/recordFor.js'
import type { QueryResult } from '../src/databases/query/queryResult.js'
import type { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { patchResult, resultFromStore, sameShape } from '../src/databases/query/queryResult.js'
import { NotionClient } from '../src/client.js'
import { bigDatabase, type BigDatabase } from '../test/support/databaseFixture.js'

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5)
const fmt = (value: number, digits = 1) => value.toFixed(digits)
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

interface Setup {
  emu: Emulator
  owner: { id: string; tokenV2: string; spaceId: string }
  mate: { id: string; tokenV2: string }
  big: BigDatabase
  small: BigDatabase
}

async function setup(): Promise<Setup> {
  const emu = await startEmulator({ port: 0, db: ':memory:' })
  const owner = emu.createUser({ email: 'bench@example.com' })
  const mate = emu.createUser({ email: 'mate@example.com', spaceId: owner.spaceId, role: 'editor' })
  const big = bigDatabase(emu, owner.spaceId, 10_000, '20000000')
  const small = bigDatabase(emu, owner.spaceId, 100, '30000000')
  return { emu, owner, mate, big, small }
}

function countingClient(emu: Emulator, tokenV2: string, monitor = false): { client: NotionClient; requests: () => number } {
  let requests = 0
  const client = new NotionClient({
    tokenV2,
    baseUrl: emu.apiUrl,
    ...(monitor ? { monitor: { reconnectMinMs: 50, reconnectMaxMs: 400, pollIntervalMs: 3_600_000, unsubscribeGraceMs: 0 } } : {}),
    logger: (event) => {
      if (event.type === 'request' && event.endpoint === 'queryCollection') requests++
    },
  })
  return { client, requests: () => requests }
}

async function readAll({ emu, owner, big }: Setup): Promise<void> {
  console.log(`(a) every row of a 10,000-row database (collection.getRows / query().execute()), median of ${RUNS}, fresh client each run:`)
  for (const [label, pageSize] of [['default (pageSize 1000, then sizeHint)', 1000], ['pageSize 100, then sizeHint', 100], ['one request (pageSize 10000)', 10_000]] as const) {
    const times: number[] = []
    let requests = 0
    let rows = 0
    for (let run = 0; run < RUNS; run++) {
      const { client, requests: sent } = countingClient(emu, owner.tokenV2)
      const cv = await client.getCollectionView(big.blockId)
      const before = sent()
      const started = performance.now()
      const result = await cv.query({}, { pageSize }).execute()
      times.push(performance.now() - started)
      requests = sent() - before
      rows = result.ids.length
      await client.close()
    }
    console.log(`    ${label}: ${requests} request(s), ${fmt(median(times))} ms, ${rows} rows (${fmt(rows / (median(times) / 1000), 0)} rows/s)`)
  }
  console.log('    (notion-py: 100 rows, its default limit; limit=-1 sends a second request of uncertain effect)')
}

async function waitForEmission(results: QueryResult[], count: number): Promise<void> {
  // A live query applies the changes of a tick in a microtask: look after it before yielding to
  // the event loop (where the in-process emulator's work would be counted too).
  await Promise.resolve()
  while (results.length < count) await new Promise((resolve) => setImmediate(resolve))
}

interface ResponseMeter {
  bytes: number
  ms: number
}

/** A client whose queryCollection requests are counted by kind (run or count check) and metered. */
function meteredClient(emu: Emulator, tokenV2: string, monitor = false) {
  /** Requests sent by kind, and those not answered yet. */
  const counts = { runs: 0, checks: 0, inFlight: 0 }
  let last: ResponseMeter = { bytes: 0, ms: 0 }
  const client = new NotionClient({
    tokenV2,
    baseUrl: emu.apiUrl,
    ...(monitor ? { monitor: { reconnectMinMs: 50, reconnectMaxMs: 400, pollIntervalMs: 3_600_000, unsubscribeGraceMs: 0 } } : {}),
    fetch: async (input, init) => {
      const request = new Request(input, init)
      if (!request.url.endsWith('/queryCollection')) return fetch(request)
      const body = (await request.clone().json()) as { loader: { reducers: Record<string, { type: string }> } }
      const isRun = Object.values(body.loader.reducers).some((reducer) => reducer.type === 'results')
      if (isRun) counts.runs++
      else counts.checks++
      const started = performance.now()
      counts.inFlight++
      try {
        const response = await fetch(request)
        const text = await response.text()
        last = { bytes: text.length, ms: performance.now() - started }
        return new Response(text, { status: response.status, headers: response.headers })
      } finally {
        counts.inFlight--
      }
    },
  })
  return { client, counts, last: () => last }
}

async function liveUpdate({ emu, owner, big, small }: Setup): Promise<void> {
  const local: Record<string, number> = {}
  const moved: Record<string, number> = {}
  const rebuild: Record<string, { incremental: number; rebuilt: number; full: number }> = {}
  const storeOnly: Record<string, number> = {}
  for (const [label, db] of [['100', small], ['10,000', big]] as const) {
    // (b1) local write to a row of the result: in place (default order), then moving (sorted).
    const { client } = countingClient(emu, owner.tokenV2)
    const cv = await client.getCollectionView(db.blockId)
    const results: QueryResult[] = []
    const sub = cv.query({}, { debounceMs: 50 }).results$.subscribe((result) => results.push(result))
    await waitForEmission(results, 1)
    const first = results[0]!
    const target = first.rows[Math.floor(first.rows.length / 2)]!
    const localMs: number[] = []
    for (let run = 0; run < RUNS * 4; run++) {
      const count = results.length
      const started = performance.now()
      target.setProp('estimatedValue', 1_000_000 + run)
      await waitForEmission(results, count + 1)
      localMs.push(performance.now() - started)
    }
    local[label] = median(localMs)
    await client.flush()
    sub.unsubscribe()
    const sorted: QueryResult[] = []
    const sortedSub = cv.query({ sort: 'estimatedValue' }, { debounceMs: 50 }).results$.subscribe((result) => sorted.push(result))
    await waitForEmission(sorted, 1)
    const movedMs: number[] = []
    for (let run = 0; run < RUNS * 4; run++) {
      const count = sorted.length
      // Alternately to the front and to the back: the row crosses the whole result each time.
      const value = run % 2 === 0 ? -1_000_000 - run : 5_000_000 + run
      const started = performance.now()
      target.setProp('estimatedValue', value)
      await waitForEmission(sorted, count + 1)
      movedMs.push(performance.now() - started)
      const at = sorted.at(-1)!.ids.indexOf(target.id)
      if (at !== (run % 2 === 0 ? 0 : sorted.at(-1)!.ids.length - 1)) throw new Error(`bench: the row is at ${at}, not where it sorts`)
    }
    moved[label] = median(movedMs)
    await client.flush()
    sortedSub.unsubscribe()
    // The same write with no live query: what the store itself costs (optimistic layer, snapshot).
    const storeMs: number[] = []
    for (let run = 0; run < RUNS * 4; run++) {
      const started = performance.now()
      target.setProp('estimatedValue', 1_500_000 + run)
      storeMs.push(performance.now() - started)
    }
    storeOnly[label] = median(storeMs)
    await client.flush()

    // (b2) after a re-run that returned the same ids, one row's record changed: the live query
    // checks the shape (ids, order, reducers) and re-reads that row; against rebuilding the result
    // with reference reuse, and against decoding every row (a naive re-query).
    const collection = cv.collection!
    const raw = { ids: [...first.ids], total: first.total, hasMore: false, aggregates: {}, groups: undefined, requests: 1 }
    let previous = resultFromStore(client, raw, collection.schema)
    const indexOf = new Map(raw.ids.map((id, index) => [id, index]))
    const incremental: number[] = []
    const rebuilt: number[] = []
    const full: number[] = []
    for (let run = 0; run < RUNS * 4; run++) {
      target.setProp('estimatedValue', 2_000_000 + run)
      let started = performance.now()
      const patched = sameShape(previous, raw) ? patchResult(client, previous, collection.schema, [target.id], indexOf) : undefined
      incremental.push(performance.now() - started)
      started = performance.now()
      const next = resultFromStore(client, raw, collection.schema, previous)
      rebuilt.push(performance.now() - started)
      previous = patched ?? next
      started = performance.now()
      for (const id of raw.ids) {
        recordFor(client, 'block', id)
        rowProperties(collection.schema, client.store.get('block', id)!.value!, {})
      }
      full.push(performance.now() - started)
    }
    rebuild[label] = { incremental: median(incremental), rebuilt: median(rebuilt), full: median(full) }
    await client.flush()
    await client.close()
  }
  const localRatio = local['10,000']! / local['100']!
  const movedRatio = moved['10,000']! / moved['100']!
  const incrementalRatio = rebuild['10,000']!.incremental / rebuild['100']!.incremental
  console.log(`(b) live query, ONE row changes (median of ${RUNS * 4}):`)
  const liveOnly = (label: string) => local[label]! - storeOnly[label]!
  const liveRatio = liveOnly('10,000') / liveOnly('100')
  console.log(
    `    (b1) local write → emission, row stays in place: 100 rows ${fmt(local['100']!, 3)} ms, 10,000 rows ${fmt(local['10,000']!, 3)} ms (ratio ${fmt(localRatio, 2)}); ` +
      `of which the store's own write (no live query) ${fmt(storeOnly['100']!, 3)} / ${fmt(storeOnly['10,000']!, 3)} ms; ` +
      `the live query's part ${fmt(liveOnly('100'), 3)} / ${fmt(liveOnly('10,000'), 3)} ms, ratio ${fmt(liveRatio, 2)} (result ×100; target ≪ 100: ${verdict(liveRatio < 20)})`,
  )
  console.log(
    `         row moves across a sorted result: 100 rows ${fmt(moved['100']!, 3)} ms, 10,000 rows ${fmt(moved['10,000']!, 3)} ms (ratio ${fmt(movedRatio, 2)}; a binary search and one copy of the result's arrays: ${verdict(movedRatio < 20)})`,
  )
  console.log(
    `    (b2) after a re-run that moved nothing: shape check + re-read of the changed row ${fmt(rebuild['100']!.incremental, 3)} / ${fmt(rebuild['10,000']!.incremental, 3)} ms ` +
      `(ratio ${fmt(incrementalRatio, 2)}: a pointer compare per id, no decoding); rebuilding with reference reuse ${fmt(rebuild['100']!.rebuilt, 3)} / ${fmt(rebuild['10,000']!.rebuilt, 3)} ms; ` +
      `decoding every row (naive) ${fmt(rebuild['100']!.full, 3)} / ${fmt(rebuild['10,000']!.full, 2)} ms (${fmt(rebuild['10,000']!.full / rebuild['10,000']!.incremental, 0)}× the incremental cost at 10,000)`,
  )
}

const TEAMMATE_RUNS = Number(process.env['BENCH_TEAMMATE_RUNS'] ?? 80)

/** When the watcher's store took the refetched row, and when (after how much CPU time) the live query emitted. */
interface Marks {
  storedAt: number
  emittedAt: number
  emittedCpu: NodeJS.CpuUsage
}

/** Per write, in ms: write → emission, and its parts; CPU time of the whole process (both clients and the emulator). */
interface Samples {
  total: number[]
  commit: number[]
  delivery: number[]
  client: number[]
  cpu: number[]
  checks: ResponseMeter[]
}

/** One size's side of (b3): a watching client with a live query, and a teammate editing one of its rows. */
interface TeammateSide {
  label: string
  watcher: NotionClient
  teammate: NotionClient
  counts: { runs: number; checks: number; inFlight: number }
  last: () => ResponseMeter
  fullRun: ResponseMeter
  row: CollectionRowBlock
  marks: Marks
  emitted: QueryResult[]
  samples: Samples
  close: () => Promise<void>
}

async function teammateSide({ emu, owner, mate }: Setup, label: string, db: BigDatabase): Promise<TeammateSide> {
  const { client: watcher, counts, last } = meteredClient(emu, owner.tokenV2, true)
  const { client: teammate } = countingClient(emu, mate.tokenV2)
  const watched = await watcher.getCollectionView(db.blockId)
  const theirs = (await teammate.getCollection(watched.collectionId!)).query()
  const emitted: QueryResult[] = []
  const marks: Marks = { storedAt: 0, emittedAt: 0, emittedCpu: process.cpuUsage() }
  const sub = watched.query({}, { debounceMs: 5 }).results$.subscribe((result) => {
    marks.emittedAt = performance.now()
    marks.emittedCpu = process.cpuUsage()
    emitted.push(result)
  })
  await waitForEmission(emitted, 1)
  const fullRun = last()
  const rowId = emitted[0]!.ids[Math.floor(emitted[0]!.ids.length / 3)]!
  const stored = watcher.store.changes$.subscribe((changes) => {
    if (changes.some((change) => change.id === rowId && change.origin === 'remote')) marks.storedAt = performance.now()
  })
  const key = `collection/${watched.collectionId}`
  const rowKey = `versions/${rowId}:block`
  while (!watcher.monitor!.subscriptionKeys().includes(key) || !watcher.monitor!.subscriptionKeys().includes(rowKey) || watcher.monitor!.stats.responses < 1) {
    await new Promise((r) => setTimeout(r, 10))
  }
  // Registrations of every row go out in batches; let them all be answered.
  await new Promise((r) => setTimeout(r, 500))
  const row = (await theirs.execute()).rows.find((r) => r.id === rowId)!
  const close = async () => {
    stored.unsubscribe()
    sub.unsubscribe()
    await watcher.close()
    await teammate.close()
  }
  const samples: Samples = { total: [], commit: [], delivery: [], client: [], cpu: [], checks: [] }
  return { label, watcher, teammate, counts, last, fullRun, row, marks, emitted, samples, close }
}

/** One teammate write on `side`: commit → emission, split at the commit's answer and at the watcher's store. */
async function teammateWrite(side: TeammateSide, value: number, record: boolean): Promise<void> {
  const count = side.emitted.length
  const checks = side.counts.checks
  const cpu = process.cpuUsage()
  const started = performance.now()
  side.row.setProp('estimatedValue', value)
  await side.teammate.flush()
  const committed = performance.now()
  const deadline = performance.now() + 10_000
  while (!(side.emitted.length > count && side.emitted.at(-1)!.values.some((values) => values['estimatedValue'] === value))) {
    if (performance.now() > deadline) throw new Error(`bench: the ${side.label}-row live query never showed ${value}`)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  if (record) {
    const { marks, samples } = side
    samples.total.push(marks.emittedAt - started)
    samples.commit.push(committed - started)
    samples.delivery.push(marks.storedAt - committed)
    samples.client.push(marks.emittedAt - marks.storedAt)
    samples.cpu.push((marks.emittedCpu.user - cpu.user + marks.emittedCpu.system - cpu.system) / 1000)
  }
  // The notification's count check follows (after the debounce); wait for its answer before the
  // next write (the emulator counting 10,000 rows would otherwise run during that write).
  const checkDeadline = performance.now() + 5_000
  while ((side.counts.checks === checks || side.counts.inFlight > 0) && performance.now() < checkDeadline) await new Promise((resolve) => setTimeout(resolve, 1))
  await side.watcher.monitor!.whenIdle()
  await new Promise((resolve) => setTimeout(resolve, 20))
  if (record && side.counts.checks > checks) side.samples.checks.push(side.last())
}

/**
 * (b3) A teammate's write reaching a live query of 100 rows and one of 10,000 rows, each watched
 * by its own client with a monitor, written alternately (ABBA) so the machine's load falls on both
 * alike; medians of `BENCH_TEAMMATE_RUNS` writes each.
 */
async function teammateUpdate(context: Setup): Promise<void> {
  const small = await teammateSide(context, '100', context.small)
  const big = await teammateSide(context, '10,000', context.big)
  const before = { small: { ...small.counts }, big: { ...big.counts } }
  let value = 3_000_000
  for (let run = -2; run < TEAMMATE_RUNS; run++) {
    // Two warm-up writes each; then ABBA order.
    for (const side of run % 2 === 0 ? [small, big] : [big, small]) await teammateWrite(side, value++, run >= 0)
  }
  const perChange = (side: TeammateSide, was: { runs: number; checks: number }) =>
    `${fmt((side.counts.runs - was.runs) / (TEAMMATE_RUNS + 2), 2)} re-runs and ${fmt((side.counts.checks - was.checks) / (TEAMMATE_RUNS + 2), 2)} count checks`
  const ratio = median(big.samples.total) / median(small.samples.total)
  // Writes i of both sides ran next to each other: their ratio cancels the machine's slow drifts.
  const paired = median(big.samples.total.map((ms, i) => ms / small.samples.total[i]!))
  const cpuRatio = median(big.samples.cpu) / median(small.samples.cpu)
  const quartiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    return `${fmt(sorted[Math.floor(sorted.length / 4)]!)}–${fmt(sorted[Math.floor((sorted.length * 3) / 4)]!)}`
  }
  console.log(`(b3) a teammate's write → emission (monitor: versions/<row> → that record fetched and placed), alternating, median of ${TEAMMATE_RUNS} each:`)
  for (const side of [small, big]) {
    console.log(
      `    ${side.label} rows: ${fmt(median(side.samples.total))} ms (quartiles ${quartiles(side.samples.total)}), CPU ${fmt(median(side.samples.cpu))} ms; their commit answered after ${fmt(median(side.samples.commit))} ms, ` +
        `the watcher's store has the row after ${fmt(median(side.samples.delivery))} ms more, store → emission ${fmt(median(side.samples.client), 3)} ms; per change ${perChange(side, side === small ? before.small : before.big)}`,
    )
  }
  const clientRatio = median(big.samples.client) / median(small.samples.client)
  console.log(
    `    ratio 10,000 / 100: ${fmt(ratio, 2)} (target ≤ 1.2: ${verdict(ratio <= 1.2)}); paired writes ${fmt(paired, 2)}; CPU time ${fmt(cpuRatio, 2)}; ` +
      `the live query's own part (store → emission) ${fmt(clientRatio, 2)}`,
  )
  console.log(
    `    then the collection/<id> count check, after the emission: ${fmt(median(small.samples.checks.map((m) => m.ms)))} / ${fmt(median(big.samples.checks.map((m) => m.ms)))} ms, ` +
      `${median(small.samples.checks.map((m) => m.bytes))} / ${median(big.samples.checks.map((m) => m.bytes))} bytes; a full re-run (what a change cost before): ` +
      `${fmt(small.fullRun.ms)} / ${fmt(big.fullRun.ms)} ms, ${small.fullRun.bytes} / ${big.fullRun.bytes} bytes ` +
      "(the check's server time still grows with the database: the server counts every row; its size does not)",
  )
  await small.close()
  await big.close()
}

console.log('notion-rx database benchmarks')
const parts = new Set((process.env['BENCH_DATABASE_PARTS'] ?? 'read,local,teammate').split(','))
const context = await setup()
try {
  if (parts.has('read')) await readAll(context)
  if (parts.has('local')) await liveUpdate(context)
  if (parts.has('teammate')) await teammateUpdate(context)
} finally {
  await context.emu.close()
}

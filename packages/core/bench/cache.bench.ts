/**
 * Cache benchmarks (`npm run bench`): a 2,000-block page and a 10,000-row database, each read
 * (1) cold: a fresh cache file, the whole page (and every row) from the server;
 * (2) warm, nothing changed: a new client on the same file; (3) warm after a teammate changed 1%.
 * Per case: HTTP requests and bytes (sent / received) until the client is in sync, the time to
 * the first complete emission (getBlock resolved: the whole page, or every row, in the store) and
 * the time until in sync. Goals: warm-unchanged ≤ 0.2× cold time and ≤ 0.05× cold bytes received.
 * Then the database's view queried (cold: the server's answer; warm: the cached result, shown at
 * once and refreshed in the background, whose requests and bytes count until in sync), and
 * 1,000 setters in one tick, with and without a cache (goal ≤ 1.2×).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { NotionClient } from '../src/client.js'
import { recordFor } from '../src/model/recordFor.js'
import type { TextBlock } from '../src/records/textBlocks.js'
import { buildBigPage } from '../test/support/bigPage.js'
import { bigDatabase } from '../test/support/databaseFixture.js'
import { MeteredFetch } from '../test/support/meteredFetch.js'

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5)
const dir = mkdtempSync(join(tmpdir(), 'notion-rx-cache-bench-'))
let files = 0

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
const fmt = (value: number, digits = 1) => value.toFixed(digits)
const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')

interface Figures {
  requests: number
  sent: number
  received: number
  firstMs: number
  syncedMs: number
}

type Open = (client: NotionClient) => Promise<void>

/** One start of a client on `path`: the time to the first complete emission, then to in sync. */
async function start(emu: Emulator, token: string, path: string, open: Open): Promise<Figures> {
  const metered = new MeteredFetch()
  const started = performance.now()
  const client = new NotionClient({ tokenV2: token, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
  await open(client)
  const firstMs = performance.now() - started
  await client.whenSynced()
  const syncedMs = performance.now() - started
  await client.close()
  const { sent, received } = metered.bytes()
  return { requests: metered.calls.length, sent, received, firstMs, syncedMs }
}

function summary(runs: Figures[]): Figures {
  return {
    requests: median(runs.map((run) => run.requests)),
    sent: median(runs.map((run) => run.sent)),
    received: median(runs.map((run) => run.received)),
    firstMs: median(runs.map((run) => run.firstMs)),
    syncedMs: median(runs.map((run) => run.syncedMs)),
  }
}

function line(label: string, figures: Figures): string {
  return `    ${label.padEnd(22)} ${String(figures.requests).padStart(3)} requests, sent ${kb(figures.sent).padStart(9)}, received ${kb(figures.received).padStart(9)}, first complete emission ${fmt(figures.firstMs).padStart(7)} ms, in sync ${fmt(figures.syncedMs).padStart(7)} ms`
}

/**
 * `goals`: whether the warm-start goals apply (the page and the database start); the
 * query of a view reports its ratios only (see docs/cache.md: its refresh is a whole query, and
 * its first emission builds every row's values).
 */
async function scenario(title: string, emu: Emulator, token: string, open: Open, change: (round: number) => Promise<void>, goals = true): Promise<void> {
  const cold: Figures[] = []
  const warm: Figures[] = []
  const changed: Figures[] = []
  for (let run = 0; run < RUNS; run++) {
    const path = join(dir, `bench-${++files}.sqlite`)
    cold.push(await start(emu, token, path, open))
    // Every warm run starts from the file the cold run left (a copy: runs do not feed each other).
    const warmPath = join(dir, `bench-${++files}.sqlite`)
    copyFileSync(path, warmPath)
    warm.push(await start(emu, token, warmPath, open))
    await change(run)
    changed.push(await start(emu, token, path, open))
  }
  const c = summary(cold)
  const w = summary(warm)
  const d = summary(changed)
  console.log(`${title} (median of ${RUNS}):`)
  console.log(line('cold', c))
  console.log(line('warm, nothing changed', w))
  console.log(line('warm, 1% changed', d))
  const timeRatio = w.firstMs / c.firstMs
  const byteRatio = w.received / c.received
  const goal = (limit: number, ratio: number) => (goals ? ` (goal ≤ ${limit}: ${verdict(ratio <= limit)})` : '')
  console.log(
    `    warm-unchanged / cold: time to first complete emission ${fmt(timeRatio, 3)}×${goal(0.2, timeRatio)}, ` +
      `bytes received ${fmt(byteRatio, 3)}×${goal(0.05, byteRatio)}, bytes both ways ${fmt((w.sent + w.received) / (c.sent + c.received), 3)}×, ` +
      `time to in sync ${fmt(w.syncedMs / c.syncedMs, 3)}×`,
  )
}

async function setters(emu: Emulator, token: string, pageId: string, blockIds: readonly string[]): Promise<void> {
  const measure = async (cache: string | undefined): Promise<number> => {
    const client = new NotionClient({ tokenV2: token, baseUrl: emu.apiUrl, ...(cache ? { cache } : {}) })
    await client.getBlock(pageId)
    await client.whenSynced()
    // Let the warm start's background requests (loadUserContent) end: only the setters are measured.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const texts = blockIds.filter((id) => client.store.get('block', id)?.value?.['type'] !== 'collection_view').slice(0, 1000)
    const started = performance.now()
    for (const [index, id] of texts.entries()) (recordFor(client, 'block', id) as TextBlock).title = `Set ${index} ${started}`
    await client.flush()
    // The cache writes the committed records on the next tick: counted.
    await new Promise((resolve) => setImmediate(resolve))
    const elapsed = performance.now() - started
    await client.close()
    return elapsed
  }
  const without: number[] = []
  const withCache: number[] = []
  const path = join(dir, `bench-${++files}.sqlite`)
  for (let run = 0; run < Math.max(RUNS, 7); run++) {
    // Alternating which goes first, so a slow moment of the machine does not favour one side.
    if (run % 2 === 0) {
      without.push(await measure(undefined))
      withCache.push(await measure(path))
    } else {
      withCache.push(await measure(path))
      without.push(await measure(undefined))
    }
  }
  const ratio = median(withCache) / median(without)
  console.log(
    `(d) 1,000 setters in one tick, until committed (and written to the cache): without cache ${fmt(median(without))} ms, ` +
      `with cache ${fmt(median(withCache))} ms: ${fmt(ratio, 2)}× (goal ≤ 1.2: ${verdict(ratio <= 1.2)})`,
  )
}

const emu = await startEmulator({ port: 0, db: ':memory:' })
try {
  const owner = emu.createUser({ email: 'cache-bench@example.com' })
  const teammate = new NotionClient({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl })
  const page = buildBigPage(emu, owner)
  await teammate.getBlock(page.pageId)
  const texts = page.blockIds.filter((id) => teammate.store.get('block', id)?.value?.['type'] !== 'collection_view')
  await scenario('(a) a 2,000-block page, getBlock', emu, owner.tokenV2, async (client) => void (await client.getBlock(page.pageId)), async (round) => {
    // 1%: 20 of the 2,000 blocks.
    for (let i = 0; i < 20; i++) (recordFor(teammate, 'block', texts[(round * 20 + i * 97) % texts.length]!) as TextBlock).title = `Teammate ${round}.${i}`
    await teammate.flush()
  })

  const db = bigDatabase(emu, owner.spaceId, 10_000, '30000000')
  const view = await teammate.getCollectionView(db.blockId)
  const rows = (await view.query({}).execute()).rows
  await scenario(
    '(b) a 10,000-row database: getBlock of its page, then every row (cold: query().execute(); warm: the cached rows)',
    emu,
    owner.tokenV2,
    async (client) => {
      await client.getBlock(db.pageId)
      // Cold, the rows come from a query; warm, getBlock put the cached rows in the store already.
      if (client.store.get('block', db.rowIds.at(-1)!) === undefined) await (await client.getCollectionView(db.blockId)).query({}).execute()
    },
    async (round) => {
      // 1%: 100 of the 10,000 rows.
      for (let i = 0; i < 100; i++) rows[(round * 100 + i * 89) % rows.length]!.setProp('num', round * 1000 + i)
      await teammate.flush()
    },
  )
  await scenario(
    '(c) the same database\'s view queried: getCollectionView, then query().execute() (warm: the cached result, stale, refreshed in the background)',
    emu,
    owner.tokenV2,
    async (client) => {
      const result = await (await client.getCollectionView(db.blockId)).query({}).execute()
      if (result.ids.length < 10_000 || result.values.length !== result.ids.length) throw new Error(`the query showed ${result.ids.length} rows`)
    },
    async (round) => {
      for (let i = 0; i < 100; i++) rows[(round * 100 + i * 83 + 7) % rows.length]!.setProp('num', round * 2000 + i)
      await teammate.flush()
    },
    false,
  )
  await setters(emu, owner.tokenV2, page.pageId, page.blockIds)
  await teammate.close()
} finally {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
}

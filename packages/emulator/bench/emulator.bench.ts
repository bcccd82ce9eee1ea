/**
 * Emulator benchmarks (`npm run bench`). Every figure is printed next to a baseline measured in
 * the same run on the same machine, so the ratios mean something wherever it runs:
 * - loadCachedPageChunkV2 of a 100-block chunk: latency, and requests/s under load against a
 *   plain node:http server answering the same bytes (aim: ratio ≥ 0.8), both for a repeated
 *   request (answered from the response cache) and for requests that all differ (every answer
 *   computed: the chunkNumber counts up, which changes the key but not the answer);
 * - commits of 1-, 10- and 100-operation transactions, and of 8 writers at once: time per commit
 *   against a raw node:http + SQLite server that applies the same operations without checks and
 *   writes the same records (the floor the emulator's bookkeeping sits on), early and late in the
 *   run (the page grows to 5,000 child ids).
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { startEmulator, type Emulator } from '../src/index.js'

const LOAD_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3)
const CONCURRENCY = 16
/** Rounds of (plain, emulator, emulator with distinct requests) load; the median ratio is reported. */
const LOAD_ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3)
/** `chunks` or `commits` runs only that benchmark. */
const ONLY = process.env['BENCH_EMULATOR_ONLY']

interface Auth {
  tokenV2: string
}

async function call(url: string, body: unknown, auth: Auth): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `token_v2=${auth.tokenV2}` },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`)
  return text
}

interface Load {
  /** Requests answered per second. */
  perSecond: number
  /** This process's CPU time per answered request, in ms: the server's cost, whatever else runs on the machine. */
  cpuMs: number
}

/**
 * Requests/s a server in this process sustains with CONCURRENCY requests in flight for
 * LOAD_SECONDS, and the CPU it spent per request. The load comes from a child process, so the
 * client's own work (fetch is not free) runs on the other core instead of competing with the
 * server being measured.
 */
async function throughput(url: string, body: unknown, auth: Auth, distinct = false): Promise<Load> {
  const script = `
    const [url, body, cookie, seconds, concurrency, distinct] = process.argv.slice(1)
    const end = performance.now() + Number(seconds) * 1000
    const template = JSON.parse(body)
    let done = 0
    const worker = async () => {
      while (performance.now() < end) {
        const sent = distinct === 'distinct' ? JSON.stringify({ ...template, chunkNumber: done }) : body
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: sent })
        await response.arrayBuffer()
        done++
      }
    }
    const start = performance.now()
    await Promise.all(Array.from({ length: Number(concurrency) }, worker))
    console.log(done, (performance.now() - start) / 1000)
  `
  const args = ['--input-type=module', '-e', script, url, JSON.stringify(body), `token_v2=${auth.tokenV2}`, String(LOAD_SECONDS), String(CONCURRENCY), distinct ? 'distinct' : 'same']
  const cpu = process.cpuUsage()
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: (LOAD_SECONDS + 30) * 1000 })
  const used = process.cpuUsage(cpu)
  const [done, seconds] = stdout.trim().split(' ').map(Number) as [number, number]
  return { perSecond: done / seconds, cpuMs: (used.user + used.system) / 1000 / done }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

function seedPage(emu: Emulator, spaceId: string, blocks: number): string {
  const pageId = randomUUID()
  const children = Array.from({ length: blocks }, () => randomUUID())
  const base = { alive: true, space_id: spaceId, version: 1, created_time: 1_700_000_000_000, last_edited_time: 1_700_000_000_000 }
  emu.context.records.transaction(() => {
    emu.context.records.put('block', pageId, {
      ...base, id: pageId, type: 'page', parent_id: spaceId, parent_table: 'space',
      properties: { title: [['Benchmark page']] }, content: children,
    })
    children.forEach((id, i) =>
      emu.context.records.put('block', id, {
        ...base, id, type: 'text', parent_id: pageId, parent_table: 'block',
        properties: { title: [[`Paragraph ${i} with `], ['some bold text', [['b']]], [' and a link', [['a', 'https://example.com']]]] },
      }),
    )
  })
  return pageId
}

async function plainServer(bytes: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(bytes) })
      response.end(bytes)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/loadCachedPageChunkV2`, server }
}

async function benchPageChunk(emu: Emulator, auth: Auth & { spaceId: string }): Promise<void> {
  const pageId = seedPage(emu, auth.spaceId, 99) // the page plus 99 children: a 100-block chunk
  const body = { page: { id: pageId }, limit: 100, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false }
  const url = `${emu.apiUrl}/loadCachedPageChunkV2`
  const sample = await call(url, body, auth)
  const blocks = Object.keys(JSON.parse(sample).recordMap.block ?? {}).length

  const latencies: number[] = []
  for (let i = 0; i < 200; i++) {
    const start = performance.now()
    await call(url, body, auth)
    latencies.push(performance.now() - start)
  }
  latencies.sort((a, b) => a - b)

  const plain = await plainServer(sample)
  const rounds: { baseline: Load; repeated: Load; distinct: Load }[] = []
  await throughput(url, body, auth) // warm-up
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    const baseline = await throughput(plain.url, body, auth)
    const repeated = await throughput(url, body, auth)
    const distinct = await throughput(url, body, auth, true)
    rounds.push({ baseline, repeated, distinct })
  }
  plain.server.close()
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const line = (label: string, pick: 'repeated' | 'distinct') => {
    const ratios = rounds.map((round) => round[pick].perSecond / round.baseline.perSecond)
    const cpuRatios = rounds.map((round) => round.baseline.cpuMs / round[pick].cpuMs)
    console.log(`  ${label}: emulator ${median(rounds.map((round) => round[pick].perSecond)).toFixed(0)} req/s vs plain node:http with the same bytes` +
      ` ${median(rounds.map((round) => round.baseline.perSecond)).toFixed(0)} req/s: ratio ${median([...ratios]).toFixed(2)}` +
      ` (rounds ${ratios.map((ratio) => ratio.toFixed(2)).join(' / ')}; aim >= 0.8);` +
      ` server CPU per request ${median(rounds.map((round) => round[pick].cpuMs)).toFixed(3)} ms vs ${median(rounds.map((round) => round.baseline.cpuMs)).toFixed(3)} ms:` +
      ` ratio ${median([...cpuRatios]).toFixed(2)} (rounds ${cpuRatios.map((ratio) => ratio.toFixed(2)).join(' / ')})`)
  }
  console.log(`loadCachedPageChunkV2, ${blocks} blocks in the chunk, ${(sample.length / 1024).toFixed(1)} KiB` +
    ` (${CONCURRENCY} in flight from another process, ${LOAD_SECONDS} s each, ${LOAD_ROUNDS} rounds, medians):`)
  console.log(`  latency p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms (sequential, 200 calls)`)
  line('the same request', 'repeated')
  line('every request different (no cache hits)', 'distinct')
}

/** Operations per transaction: 1 (a title update), or half new blocks and half listAfter. */
const COMMIT_SIZES = [1, 10, 100] as const
const SHAPE_LABELS: Record<number, string> = {
  1: '1-operation (a title update)',
  10: '10-operation (5 new blocks + 5 listAfter)',
  100: '100-operation (50 new blocks + 50 listAfter)',
}

/** A writer on its own page, building its transactions. */
function pageWriter(spaceId: string, size: number) {
  const pageId = randomUUID()
  const editedId = randomUUID()
  const block = (id: string, title: string) => ({
    id, type: 'text', alive: true, version: 1, parent_id: pageId, parent_table: 'block', space_id: spaceId, properties: { title: [[title]] },
  })
  const page = { id: pageId, type: 'page', alive: true, version: 1, parent_id: spaceId, parent_table: 'space', space_id: spaceId, content: [editedId] }
  const transaction = (operations: unknown[]) => ({ requestId: randomUUID(), transactions: [{ id: randomUUID(), spaceId, operations }] })
  return {
    /** The page and its first block, as both servers start with them. */
    records: [page, block(editedId, 'Edited line')],
    next(): unknown {
      if (size === 1) {
        return transaction([{ pointer: { table: 'block', id: editedId, spaceId }, path: ['properties', 'title'], command: 'set', args: [[`Edited ${randomUUID()}`]] }])
      }
      return transaction(Array.from({ length: size / 2 }, () => {
        const id = randomUUID()
        return [
          { pointer: { table: 'block', id, spaceId }, path: [], command: 'set', args: block(id, 'Benchmark line') },
          { pointer: { table: 'block', id: pageId, spaceId }, path: ['content'], command: 'listAfter', args: { id } },
        ]
      }).flat())
    },
  }
}

type BenchOperation = { pointer: { id: string }; path: string[]; command: string; args: unknown }

/**
 * The floor an HTTP service storing these records sits on: node:http, JSON.parse of the body, the
 * operations applied to records in memory with no checks (a whole-record set, a title set, an
 * append), and every touched record written as JSON into SQLite in one transaction per request.
 * What the emulator adds on top (permissions, validation, versions, audit fields, live
 * notifications, request ids) is what the ratio measures.
 */
async function rawCommitServer(): Promise<{ url: string; seed: (records: object[]) => void; close: () => void }> {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE records (tbl TEXT, id TEXT, value TEXT, PRIMARY KEY (tbl, id)) WITHOUT ROWID')
  const put = db.prepare('INSERT OR REPLACE INTO records VALUES (?, ?, ?)')
  const records = new Map<string, Record<string, unknown>>()
  const write = db.transaction((touched: Iterable<string>) => {
    for (const id of touched) put.run('block', id, JSON.stringify(records.get(id)))
  })
  const apply = (op: BenchOperation) => {
    const id = op.pointer.id
    if (op.command === 'set' && op.path.length === 0) records.set(id, op.args as Record<string, unknown>)
    else if (op.command === 'set') records.set(id, { ...records.get(id), properties: { title: op.args } })
    else if (op.command === 'listAfter') {
      const page = records.get(id)!
      records.set(id, { ...page, content: [...(page['content'] as string[]), (op.args as { id: string }).id] })
    }
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { transactions: { operations: BenchOperation[] }[] }
      const touched = new Set<string>()
      for (const transaction of body.transactions) {
        for (const op of transaction.operations) {
          apply(op)
          touched.add(op.pointer.id)
        }
      }
      write(touched)
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/saveTransactionsFanout`,
    seed: (seeded) => {
      for (const record of seeded) records.set((record as { id: string }).id, record as Record<string, unknown>)
      write(seeded.map((record) => (record as { id: string }).id))
    },
    close: () => {
      server.close()
      db.close()
    },
  }
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length

/** Times `count` transactions of each writer, the writers at once; ms per commit, in order. */
async function commitTimes(url: string, writers: { next(): unknown }[], count: number, auth: Auth): Promise<number[]> {
  const times: number[] = []
  await Promise.all(
    writers.map(async (writer) => {
      for (let i = 0; i < count; i++) {
        const body = writer.next()
        const start = performance.now()
        await call(url, body, auth)
        times.push(performance.now() - start)
      }
    }),
  )
  return times
}

/**
 * Commits of each size (and 8 writers at once at 100 operations): the emulator's time per commit
 * against the raw server's for the same transactions, over the whole run and in its last tenth
 * (the page has grown to 5,000 ids by the end at 100 operations: the ratio should stay flat).
 * The two servers alternate in rounds so load on the machine falls on both alike.
 */
async function benchCommits(emu: Emulator, auth: Auth & { spaceId: string }): Promise<void> {
  console.log('commits (saveTransactionsFanout) against a raw node:http + SQLite server doing the same writes (aim >= 0.3):')
  const raw = await rawCommitServer()
  const emulatorUrl = `${emu.apiUrl}/saveTransactionsFanout`
  const seedBoth = (writer: ReturnType<typeof pageWriter>) => {
    raw.seed(writer.records)
    emu.context.records.transaction(() => {
      for (const record of writer.records) emu.context.records.put('block', (record as { id: string }).id, record as Record<string, unknown>)
    })
    return writer
  }
  // Warm both up.
  await commitTimes(emulatorUrl, [seedBoth(pageWriter(auth.spaceId, 10))], 20, auth)
  await commitTimes(raw.url, [seedBoth(pageWriter(auth.spaceId, 10))], 20, auth)
  const cases = [...COMMIT_SIZES.map((size) => ({ size, writers: 1, label: SHAPE_LABELS[size]! })), { size: 100, writers: 8, label: '8 writers at once, 100-operation' }]
  for (const { size, writers, label } of cases) {
    const rounds = 10
    const perRound = writers === 1 ? 10 : 3
    const emulatorWriters = Array.from({ length: writers }, () => seedBoth(pageWriter(auth.spaceId, size)))
    const rawWriters = Array.from({ length: writers }, () => seedBoth(pageWriter(auth.spaceId, size)))
    const emulated: number[][] = []
    const baseline: number[][] = []
    for (let round = 0; round < rounds; round++) {
      emulated.push(await commitTimes(emulatorUrl, emulatorWriters, perRound, auth))
      baseline.push(await commitTimes(raw.url, rawWriters, perRound, auth))
    }
    const all = (rows: number[][]) => rows.flat()
    const ratio = (from: number, to: number) => mean(all(baseline.slice(from, to))) / mean(all(emulated.slice(from, to)))
    const emulatorMs = (from: number, to: number) => mean(all(emulated.slice(from, to))).toFixed(2)
    console.log(`  ${label}, ${rounds * perRound * writers} commits: emulator ${emulatorMs(0, rounds)} ms, raw ${mean(all(baseline)).toFixed(2)} ms each;` +
      ` ratio ${ratio(0, rounds).toFixed(2)} (first tenth ${ratio(0, 1).toFixed(2)}, last tenth ${ratio(rounds - 1, rounds).toFixed(2)};` +
      ` emulator ${emulatorMs(0, 1)} → ${emulatorMs(rounds - 1, rounds)} ms as the page grows)`)
  }
  raw.close()
}

const emu = await startEmulator({ port: 0, db: ':memory:' })
try {
  const user = emu.createUser({ email: 'bench@example.com' })
  if (ONLY !== 'commits') await benchPageChunk(emu, user)
  if (ONLY !== 'chunks') await benchCommits(emu, user)
} finally {
  await emu.close()
}

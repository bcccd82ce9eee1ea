/**
 * Emulator benchmarks (`npm run bench`). Every figure is printed next to a baseline measured in
 * the same run on the same machine, so the ratios mean something wherever it runs:
 * - loadCachedPageChunkV2 of a 100-block chunk: latency, and requests/s under load against a
 *   plain node:http server answering the same bytes (aim: ratio ≥ 0.5);
 * - commits of 100-operation transactions: transactions/s against writing the same 100 records
 *   straight into SQLite in one transaction (the floor the emulator's bookkeeping sits on).
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

/**
 * Requests/s a server sustains with CONCURRENCY requests in flight for LOAD_SECONDS. The load
 * comes from a child process, so the client's own work (fetch is not free) runs on the other
 * core instead of competing with the server being measured.
 */
async function throughput(url: string, body: unknown, auth: Auth): Promise<number> {
  const script = `
    const [url, body, cookie, seconds, concurrency] = process.argv.slice(1)
    const end = performance.now() + Number(seconds) * 1000
    let done = 0
    const worker = async () => {
      while (performance.now() < end) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body })
        await response.arrayBuffer()
        done++
      }
    }
    const start = performance.now()
    await Promise.all(Array.from({ length: Number(concurrency) }, worker))
    console.log(done / ((performance.now() - start) / 1000))
  `
  const args = ['--input-type=module', '-e', script, url, JSON.stringify(body), `token_v2=${auth.tokenV2}`, String(LOAD_SECONDS), String(CONCURRENCY)]
  const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: (LOAD_SECONDS + 30) * 1000 })
  return Number(stdout.trim())
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
  const baseline = await throughput(plain.url, body, auth)
  const emulated = await throughput(url, body, auth)
  plain.server.close()
  console.log(`loadCachedPageChunkV2, ${blocks} blocks in the chunk, ${(sample.length / 1024).toFixed(1)} KiB:`)
  console.log(`  latency p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms (sequential, 200 calls)`)
  console.log(`  emulator ${emulated.toFixed(0)} req/s vs plain node:http with the same bytes ${baseline.toFixed(0)} req/s` +
    ` (${CONCURRENCY} in flight from another process, ${LOAD_SECONDS} s each): ratio ${(emulated / baseline).toFixed(2)} (aim >= 0.5)`)
}

async function benchCommits(emu: Emulator, auth: Auth & { spaceId: string; id: string }): Promise<void> {
  const pageId = seedPage(emu, auth.spaceId, 0)
  const url = `${emu.apiUrl}/saveTransactionsFanout`
  const transaction = () => {
    const operations = Array.from({ length: 50 }, () => {
      const id = randomUUID()
      return [
        { pointer: { table: 'block', id, spaceId: auth.spaceId }, path: [], command: 'set',
          args: { id, type: 'text', alive: true, version: 1, parent_id: pageId, parent_table: 'block', space_id: auth.spaceId,
            properties: { title: [['Benchmark line']] } } },
        { pointer: { table: 'block', id: pageId, spaceId: auth.spaceId }, path: ['content'], command: 'listAfter', args: { id } },
      ]
    }).flat()
    return { requestId: randomUUID(), transactions: [{ id: randomUUID(), spaceId: auth.spaceId, operations }] }
  }
  await call(url, transaction(), auth) // warm up

  const count = 100
  let start = performance.now()
  for (let i = 0; i < count; i++) await call(url, transaction(), auth)
  const emulated = count / ((performance.now() - start) / 1000)

  // Baseline: the same 100 record writes per transaction straight into SQLite, no HTTP, no checks.
  const db = new Database(':memory:')
  db.exec('CREATE TABLE records (tbl TEXT, id TEXT, value TEXT, PRIMARY KEY (tbl, id)) WITHOUT ROWID')
  const put = db.prepare('INSERT OR REPLACE INTO records VALUES (?, ?, ?)')
  const write = db.transaction((values: { id: string }[]) => { for (const value of values) put.run('block', value.id, JSON.stringify(value)) })
  start = performance.now()
  for (let i = 0; i < count; i++) {
    write(Array.from({ length: 100 }, () => ({ id: randomUUID(), type: 'text', properties: { title: [['Benchmark line']] } })))
  }
  const raw = count / ((performance.now() - start) / 1000)
  db.close()
  console.log('commits of 100-operation transactions (saveTransactionsFanout, 50 new blocks + 50 listAfter):')
  console.log(`  emulator ${emulated.toFixed(0)} transactions/s vs raw SQLite writes of the same records ${raw.toFixed(0)}/s: ratio ${(emulated / raw).toFixed(2)}`)
}

const emu = await startEmulator({ port: 0, db: ':memory:' })
try {
  const user = emu.createUser({ email: 'bench@example.com' })
  await benchPageChunk(emu, user)
  await benchCommits(emu, user)
} finally {
  await emu.close()
}

/**
 * Pipe benchmark (`npm run bench`), each figure next to a baseline measured in the same run:
 * - latency from a teammate's commit (the emulator's commit event, same process and clock) to the
 *   event at a webhook receiver (node:http on loopback) and in a Redis stream (a real redis-server,
 *   read with XREAD BLOCK), at WRITES_PER_SECOND for LATENCY_SECONDS, next to `client.changes()`
 *   of a plain live client (the baseline: what the pipe adds is the difference). A version
 *   coalesced into a newer one counts as delivered when the newer one arrives.
 * - throughput: events/s delivered to Redis and to a webhook (batches) while every row of a
 *   ROWS-row database is rewritten, from the first commit to the last row's event;
 * - memory: heap held by ROWS pending changes behind a stuck sink, beyond the records.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { NotionClient } from '@notion-rx/core'
import type { Operation } from '@notion-rx/protocol'
import { Redis } from 'ioredis'
import { bigDatabase } from '../../core/test/support/databaseFixture.js'
import { startEmulator } from '@notion-rx/emulator'
import { parseRedisTarget, pipe, redisSink, webhookSink, type PipeEvent, type PipeHandle } from '../src/index.js'
import { RedisServer } from '../test/support/redisServer.js'

const WRITES_PER_SECOND = Number(process.env['BENCH_WRITES_PER_SECOND'] ?? 50)
const LATENCY_SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 8)
const ROWS = Number(process.env['BENCH_PIPE_ROWS'] ?? 10_000)
const WRITE_BATCH = 500

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')
const mb = (bytes: number) => fmt(bytes / 1024 / 1024, 1)
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
async function waitUntil(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`)
    await sleep(5)
  }
}
function gc(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

const redisServer = await RedisServer.start()
const emu = await startEmulator({ port: 0, db: ':memory:' })
const ada = emu.createUser({ email: 'ada@example.com' })
const bob = emu.createUser({ email: 'bob@example.com', spaceId: ada.spaceId, role: 'editor' })
const spaceId = ada.spaceId
const pageId = (emu.context.records.get('space', spaceId)!.value['pages'] as string[])[0]!
const writer = new NotionClient({ tokenV2: ada.tokenV2, baseUrl: emu.apiUrl })
const clients: NotionClient[] = [writer]
const liveClient = () => {
  const client = new NotionClient({ tokenV2: bob.tokenV2, baseUrl: emu.apiUrl, monitor: true })
  clients.push(client)
  return client
}

/** A webhook receiver: `onEvent` for every event of every request (single or batch). */
async function receiver(onEvent: (event: PipeEvent) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PipeEvent | PipeEvent[]
      for (const event of Array.isArray(body) ? body : [body]) onEvent(event)
      res.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Reads a stream as it grows (XREAD BLOCK), calling `onEvent` on arrival. */
function streamReader(stream: string, onEvent: (event: PipeEvent) => void): { close(): void } {
  const redis = new Redis({ port: redisServer.port, host: '127.0.0.1' })
  let closed = false
  void (async () => {
    let last = '0-0'
    while (!closed) {
      const reply = (await redis.call('XREAD', 'COUNT', 1000, 'BLOCK', 200, 'STREAMS', stream, last).catch(() => null)) as unknown
      const entries = (Array.isArray(reply) ? (typeof reply[0] === 'string' ? reply[1] : (reply[0] as unknown[] | undefined)?.[1]) : undefined) as [string, string[]][] | undefined
      for (const [id, fields] of entries ?? []) {
        last = id
        onEvent(JSON.parse(fields[fields.indexOf('event') + 1]!) as PipeEvent)
      }
    }
  })()
  return {
    close() {
      closed = true
      redis.disconnect()
    },
  }
}

// ---- Latency at WRITES_PER_SECOND ----
const page = await writer.getBlock(pageId)
const target = page.children.addNew('text', { title: 'bench' })
await writer.flush()
const blockId = target.id

const committedAt = new Map<number, number>()
emu.context.events.subscribe((event) => {
  for (const record of event.records) if (record.id === blockId && record.table === 'block') committedAt.set(record.version, performance.now())
})
type Arrival = { version: number; at: number }
const arrivals = { changes: [] as Arrival[], webhook: [] as Arrival[], redis: [] as Arrival[] }
const arrive = (list: Arrival[], version: number) => {
  if (list.length === 0 || version > list.at(-1)!.version) list.push({ version, at: performance.now() })
}

// Baseline: a plain live client iterating client.changes() of the block.
const observer = liveClient()
await observer.loadPage(pageId)
const abort = new AbortController()
void (async () => {
  for await (const change of observer.changes({ table: 'block', id: blockId }, { signal: abort.signal })) {
    const version = change.after?.['version']
    if (typeof version === 'number') arrive(arrivals.changes, version)
  }
})()
const hook = await receiver((event) => {
  if (event.data.id === blockId) arrive(arrivals.webhook, event.data.version)
})
const webhookPipe = pipe({ client: liveClient(), sources: [pageId], sink: webhookSink({ url: hook.url }) })
const latencyStream = 'bench-latency'
const redisPipe = pipe({ client: liveClient(), sources: [pageId], sink: redisSink({ target: parseRedisTarget(`${redisServer.url}/${latencyStream}`) }) })
const reader = streamReader(latencyStream, (event) => {
  if (event.data.id === blockId) arrive(arrivals.redis, event.data.version)
})
await Promise.all([webhookPipe.ready, redisPipe.ready])
await waitUntil(() => observer.monitor!.state === 'live', 'the observer live')
await sleep(300)

const firstVersion = emu.context.records.get('block', blockId)!.version + 1
const total = Math.round(WRITES_PER_SECOND * LATENCY_SECONDS)
const started = performance.now()
const writes: Promise<void>[] = []
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / WRITES_PER_SECOND
  const wait = due - performance.now()
  if (wait > 0) await sleep(wait)
  writes.push(writer.transactions.enqueue([{ pointer: { table: 'block', id: blockId, spaceId }, path: ['properties', 'title'], command: 'set', args: [[`w${i}`]] }]))
}
await Promise.all(writes)
const lastVersion = emu.context.records.get('block', blockId)!.version
for (const [name, list] of Object.entries(arrivals)) await waitUntil(() => (list.at(-1)?.version ?? 0) >= lastVersion, `${name} up to date`)

function latencies(seen: readonly Arrival[]): number[] {
  const result: number[] = []
  for (let version = firstVersion; version <= lastVersion; version++) {
    const committed = committedAt.get(version)
    const arrival = seen.find((entry) => entry.version >= version)
    if (committed !== undefined && arrival) result.push(arrival.at - committed)
  }
  return result.sort((x, y) => x - y)
}
const latency = { changes: latencies(arrivals.changes), webhook: latencies(arrivals.webhook), redis: latencies(arrivals.redis) }
abort.abort()
reader.close()
await Promise.all([webhookPipe.close(), redisPipe.close()])

// ---- Throughput: a ROWS-row database rewritten ----
const db = bigDatabase(emu, spaceId, ROWS, '30000000')
async function rewrite(round: number): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < db.rowIds.length; i += WRITE_BATCH) {
    const ops: Operation[] = db.rowIds.slice(i, i + WRITE_BATCH).map((id) => ({ pointer: { table: 'block', id, spaceId }, path: ['properties', 'num'], command: 'set', args: [[String(round * 100_000 + i)]] }))
    await writer.transactions.enqueue(ops)
  }
  return start
}
async function throughput(name: string, makeSink: (onEvent: (event: PipeEvent) => void) => Promise<{ handle: PipeHandle; close(): Promise<void> | void }>, round: number) {
  const versions = new Map<string, number>()
  let done = 0
  const rowSet = new Set(db.rowIds)
  const target = () => emu.context.records.get('block', db.rowIds[0]!)!.version
  const { handle, close } = await makeSink((event) => {
    if (!rowSet.has(event.data.id)) return
    const before = versions.get(event.data.id) ?? 0
    versions.set(event.data.id, event.data.version)
    if (event.data.version >= finalVersion && before < finalVersion) done++
  })
  const loadStart = performance.now()
  await handle.ready
  const loadMs = performance.now() - loadStart
  let finalVersion = target() + 1
  const start = await rewrite(round)
  finalVersion = target()
  const writeMs = performance.now() - start
  await waitUntil(() => done >= ROWS, `${name}: every row delivered`, 300_000)
  const seconds = (performance.now() - start) / 1000
  await handle.drained()
  await handle.close()
  const stats = handle.stats
  await close()
  return { name, seconds, writeMs, loadMs, delivered: stats.delivered, eventsPerSecond: ROWS / seconds, catchUps: stats.catchUps }
}
const redisRun = await throughput('redis stream', async (onEvent) => {
  const stream = 'bench-rows'
  const rowsReader = streamReader(stream, onEvent)
  const handle = pipe({ client: liveClient(), sources: [db.pageId], batchSize: 500, sink: redisSink({ target: parseRedisTarget(`${redisServer.url}/${stream}`), maxLen: ROWS * 2 }) })
  return { handle, close: () => rowsReader.close() }
}, 1)
const webhookRun = await throughput('webhook (batches)', async (onEvent) => {
  const rowsHook = await receiver(onEvent)
  const handle = pipe({ client: liveClient(), sources: [db.pageId], batchSize: 500, sink: webhookSink({ url: rowsHook.url, batch: true }) })
  return { handle, close: () => rowsHook.close() }
}, 2)

// ---- Memory: ROWS pending changes behind a stuck sink ----
let unblock: () => void = () => {}
const stuck = new Promise<void>((resolve) => (unblock = resolve))
const memoryClient = liveClient()
const memoryPipe = pipe({ client: memoryClient, sources: [db.pageId], batchSize: 1, sink: () => stuck })
await memoryPipe.ready
await sleep(200)
gc()
const heapBefore = process.memoryUsage().heapUsed
const recordsBytes = db.rowIds.reduce((sum, id) => sum + JSON.stringify(memoryClient.store.get('block', id)?.value ?? null).length, 0)
await rewrite(3)
const last = emu.context.records.get('block', db.rowIds.at(-1)!)!.version
await waitUntil(() => memoryClient.store.getConfirmed('block', db.rowIds.at(-1)!)?.version === last, 'the stuck pipe client to hold the rewrite', 300_000)
await waitUntil(() => memoryPipe.stats.pending >= ROWS - 1, 'every row pending')
gc()
const heapPending = process.memoryUsage().heapUsed
const pending = memoryPipe.stats.pending
unblock()
await memoryPipe.close()

await Promise.all(clients.map((client) => client.close()))
await hook.close()
await emu.close()
await redisServer.close()

console.log(`\nPipe latency: ${total} writes at ${WRITES_PER_SECOND}/s, teammate commit -> delivery (versions ${firstVersion}..${lastVersion})`)
console.table({
  'client.changes() (baseline)': { p50_ms: fmt(percentile(latency.changes, 50)), p99_ms: fmt(percentile(latency.changes, 99)), max_ms: fmt(latency.changes.at(-1) ?? NaN) },
  'pipe -> webhook receiver': { p50_ms: fmt(percentile(latency.webhook, 50)), p99_ms: fmt(percentile(latency.webhook, 99)), max_ms: fmt(latency.webhook.at(-1) ?? NaN) },
  'pipe -> redis stream': { p50_ms: fmt(percentile(latency.redis, 50)), p99_ms: fmt(percentile(latency.redis, 99)), max_ms: fmt(latency.redis.at(-1) ?? NaN) },
})
console.log(
  `pipe overhead over client.changes(): webhook p50 +${fmt(percentile(latency.webhook, 50) - percentile(latency.changes, 50))} ms, p99 ${fmt(percentile(latency.webhook, 99) / percentile(latency.changes, 99))}x; ` +
    `redis p50 +${fmt(percentile(latency.redis, 50) - percentile(latency.changes, 50))} ms, p99 ${fmt(percentile(latency.redis, 99) / percentile(latency.changes, 99))}x`,
)
console.log(`\nPipe throughput: every row of a ${ROWS}-row database rewritten (${ROWS / WRITE_BATCH} transactions of ${WRITE_BATCH})`)
console.table(
  Object.fromEntries(
    [redisRun, webhookRun].map((run) => [run.name, { events_per_s: fmt(run.eventsPerSecond, 0), seconds: fmt(run.seconds, 2), rewrite_ms: fmt(run.writeMs, 0), start_ms: fmt(run.loadMs, 0), events: run.delivered, catch_ups: run.catchUps }]),
  ),
)
console.log(
  `\nPipe memory: ${pending} pending changes behind a stuck sink hold ${mb(heapPending - heapBefore)} MB of heap more than the caught-up pipe ` +
    `(${fmt((heapPending - heapBefore) / Math.max(1, pending), 0)} B per pending record, including the new versions the store now holds); ` +
    `the rows themselves are ${mb(recordsBytes)} MB as JSON${typeof (globalThis as { gc?: unknown }).gc === 'function' ? '' : ' (run with --expose-gc for exact figures)'}`,
)

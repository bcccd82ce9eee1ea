/**
 * Live-update benchmark (`npm run bench`), each figure next to a baseline measured in the same run:
 * - latency from A's commit (the emulator's commit event) to B's store holding that version, at
 *   WRITES_PER_SECOND over loopback for LATENCY_SECONDS: B live on the message store (websocket)
 *   vs C polling versions every second (the monitor's fallback, pointed at no message store);
 * - traffic per idle subscribed record per minute: 100 observed records, nothing written, for
 *   IDLE_SECONDS (heartbeats every 10 s, more often than Notion's 25 s, so they show up), scaled to
 *   a minute; message-store frames/bytes (engine.io packets) vs the poller's requests/bytes
 *   (HTTP bodies). Neither counts HTTP/websocket framing or headers, which favours the poller.
 * A version superseded before B fetched it counts as delivered when a newer one arrived.
 */
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { Operation } from '@notion-rx/protocol'
import { startEmulator } from '@notion-rx/emulator'
import { NotionClient } from '../src/client.js'

const WRITES_PER_SECOND = Number(process.env['BENCH_WRITES_PER_SECOND'] ?? 50)
const LATENCY_SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 10)
const IDLE_SECONDS = Number(process.env['BENCH_IDLE_SECONDS'] ?? 20)
const IDLE_RECORDS = 100
const POLL_MS = 1_000

interface HttpCounter {
  requests: number
  bytes: number
}

/** A fetch that counts request and response bodies (the poller's traffic). */
function countingFetch(counter: HttpCounter): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init)
    counter.requests++
    counter.bytes += Buffer.byteLength(await request.clone().text())
    const response = await fetch(request)
    counter.bytes += Buffer.byteLength(await response.clone().text())
    return response
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`)
    await sleep(10)
  }
}

const emu = await startEmulator({ port: 0, db: ':memory:', messageStore: { pingIntervalMs: 10_000 } })
const ada = emu.createUser({ email: 'ada@example.com' })
const bob = emu.createUser({ email: 'bob@example.com', spaceId: ada.spaceId, role: 'editor' })
const pageId = (emu.context.records.get('space', ada.spaceId)!.value['pages'] as string[])[0]!

const writer = new NotionClient({ tokenV2: ada.tokenV2, baseUrl: emu.apiUrl })
const live = new NotionClient({ tokenV2: bob.tokenV2, baseUrl: emu.apiUrl, monitor: { transport: 'websocket' } })
const pollCounter: HttpCounter = { requests: 0, bytes: 0 }
const poller = new NotionClient({
  tokenV2: bob.tokenV2,
  baseUrl: emu.apiUrl,
  fetch: countingFetch(pollCounter),
  // No message store there: the monitor falls back to polling versions, which is the baseline.
  monitor: { messageStoreUrl: `${emu.url}/no-message-store/`, pollIntervalMs: POLL_MS, reconnectMinMs: 60_000, reconnectMaxMs: 60_000 },
})

// 100 blocks on the page, for the idle measurement.
const blockIds = Array.from({ length: IDLE_RECORDS - 1 }, () => randomUUID())
await writer.loadPage(pageId)
const createOps: Operation[] = blockIds.flatMap((id): Operation[] => [
  { pointer: { table: 'block', id, spaceId: ada.spaceId }, path: [], command: 'set', args: { id, type: 'text', alive: true, parent_id: pageId, parent_table: 'block', space_id: ada.spaceId, properties: { title: [['idle']] } } },
  { pointer: { table: 'block', id: pageId, spaceId: ada.spaceId }, path: ['content'], command: 'listAfter', args: { id } },
])
await writer.transactions.enqueue(createOps)
await Promise.all([live.loadPage(pageId), poller.loadPage(pageId)])
const observed = [pageId, ...blockIds]
for (const client of [live, poller]) for (const id of observed) client.store.select('block', id).subscribe()
await waitUntil(() => live.monitor!.state === 'live' && live.monitor!.stats.responses >= 1, 'B live')
await waitUntil(() => poller.monitor!.state === 'polling', 'C polling')

// Latency: commit times by version, from the emulator's commit events (same process, same clock).
const committedAt = new Map<number, number>()
emu.context.events.subscribe((event) => {
  for (const record of event.records) if (record.id === pageId && record.table === 'block') committedAt.set(record.version, performance.now())
})
function arrivals(client: NotionClient): { version: number; at: number }[] {
  const seen: { version: number; at: number }[] = []
  client.store.select('block', pageId).subscribe((record) => {
    if (record && (seen.length === 0 || record.version > seen.at(-1)!.version)) seen.push({ version: record.version, at: performance.now() })
  })
  return seen
}
const liveArrivals = arrivals(live)
const pollArrivals = arrivals(poller)
const firstVersion = emu.context.records.get('block', pageId)!.version + 1

const total = Math.round(WRITES_PER_SECOND * LATENCY_SECONDS)
const started = performance.now()
const writes: Promise<void>[] = []
for (let i = 0; i < total; i++) {
  const due = started + (i * 1000) / WRITES_PER_SECOND
  const wait = due - performance.now()
  if (wait > 0) await sleep(wait)
  writes.push(writer.transactions.enqueue([{ pointer: { table: 'block', id: pageId, spaceId: ada.spaceId }, path: ['properties', 'title'], command: 'set', args: [[`w${i}`]] }]))
}
await Promise.all(writes)
const lastVersion = emu.context.records.get('block', pageId)!.version
const writeSeconds = (performance.now() - started) / 1000
await waitUntil(() => (liveArrivals.at(-1)?.version ?? 0) >= lastVersion, 'B up to date')
await waitUntil(() => (pollArrivals.at(-1)?.version ?? 0) >= lastVersion, 'C up to date', POLL_MS * 10)

function latencies(seen: readonly { version: number; at: number }[]): number[] {
  const result: number[] = []
  for (let version = firstVersion; version <= lastVersion; version++) {
    const committed = committedAt.get(version)
    const arrival = seen.find((entry) => entry.version >= version)
    if (committed !== undefined && arrival) result.push(arrival.at - committed)
  }
  return result.sort((x, y) => x - y)
}
const liveLatency = latencies(liveArrivals)
const pollLatency = latencies(pollArrivals)
const liveStats = live.monitor!.stats

// Idle traffic.
const idleLive = live.monitor!.stats
const idlePoll = { ...pollCounter }
await sleep(IDLE_SECONDS * 1000)
const afterLive = live.monitor!.stats
const perRecordMinute = (count: number) => (count / IDLE_RECORDS) * (60 / IDLE_SECONDS)
const liveFrames = perRecordMinute(afterLive.framesIn + afterLive.framesOut - idleLive.framesIn - idleLive.framesOut)
const liveBytes = perRecordMinute(afterLive.bytesIn + afterLive.bytesOut - idleLive.bytesIn - idleLive.bytesOut)
const pollRequests = perRecordMinute(pollCounter.requests - idlePoll.requests)
const pollBytes = perRecordMinute(pollCounter.bytes - idlePoll.bytes)

await Promise.all([writer.close(), live.close(), poller.close()])
await emu.close()

console.log(`\nLive updates: ${total} writes in ${fmt(writeSeconds)} s (${fmt(total / writeSeconds)} writes/s), versions ${firstVersion}..${lastVersion}`)
console.table({
  'message store (websocket)': { p50_ms: fmt(percentile(liveLatency, 50)), p99_ms: fmt(percentile(liveLatency, 99)), max_ms: fmt(liveLatency.at(-1) ?? NaN), versions: liveLatency.length, fetches: liveStats.refetches },
  [`version polling (${POLL_MS} ms)`]: { p50_ms: fmt(percentile(pollLatency, 50)), p99_ms: fmt(percentile(pollLatency, 99)), max_ms: fmt(pollLatency.at(-1) ?? NaN), versions: pollLatency.length, fetches: poller.monitor!.stats.refetches },
})
console.log(`latency ratio polling/live: p50 ${fmt(percentile(pollLatency, 50) / percentile(liveLatency, 50))}x, p99 ${fmt(percentile(pollLatency, 99) / percentile(liveLatency, 99))}x`)
console.log(`\nIdle traffic per subscribed record per minute (${IDLE_RECORDS} records, ${IDLE_SECONDS} s, scaled):`)
console.table({
  'message store': { messages: fmt(liveFrames, 3), bytes: fmt(liveBytes, 1) },
  [`version polling (${POLL_MS} ms)`]: { messages: fmt(pollRequests, 3), bytes: fmt(pollBytes, 1) },
})
console.log(`idle traffic ratio polling/live: messages ${fmt(pollRequests / liveFrames)}x, bytes ${fmt(pollBytes / liveBytes)}x`)

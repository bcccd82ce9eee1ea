/**
 * Page loads against notion-client over a modelled network (`npm run bench`): a proxy in front of
 * the emulator adds the round trip to every request (half each way) and counts requests, since
 * Notion's servers are 50–200 ms away from most users and round trips, not bytes, are what a page
 * load costs there. notion-client loads blocks only (`fetchCollections: false, signFileUrls:
 * false`): like for like. Shapes: wide (top-level toggles of 100 blocks) and deep (10 levels).
 * Each case alternates the two clients, RUNS times after a warm-up; medians. notion-rx's time is
 * from `new NotionClient` to the page loaded, its bootstrap (loadUserContent, sent beside the
 * first chunk) included; its requests are the page's, with the bootstrap counted apart.
 *
 * The emulator and the proxy run in a child process: the network and the server are not on the
 * client's CPU, as they are not with Notion. (In one process, every request also cost the client's
 * thread the proxy's forwarding and the server's answer.) `BENCH_RTT_MS` lists the round trips
 * (default `50,0`: the modelled network, then loopback); `BENCH_PAGE_SIZES=50000` adds the largest
 * shape; `pageLoadProfile.ts` profiles the client side of the same loads.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@notion-rx/emulator'
import { NotionAPI } from 'notion-client'
import { NotionClient } from '../src/index.js'
import { seedPage, type PageShape } from './seedPage.js'

const ROUND_TRIPS_MS = (process.env['BENCH_RTT_MS'] ?? '50,0').split(',').map(Number)
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5)
const SIZES = (process.env['BENCH_PAGE_SIZES'] ?? '200,2000,10000').split(',').map(Number)

/** Parent → child: seed a page, set the round trip, or hand over (and reset) the request counts. */
type Ask = { seed: { shape: PageShape; size: number } } | { roundTripMs: number } | { counts: true }
/** Child → parent, one answer per ask (the first message: where to send requests). */
type Told = { url: string; tokenV2: string } | { pageId: string } | { counts: Record<string, number> } | { ok: true }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** The child: the emulator, and in front of it the proxy that delays and counts every request. */
async function serveNetwork(): Promise<void> {
  const emu = await startEmulator({ port: 0, db: ':memory:' })
  const user = emu.createUser({ email: 'bench@example.com' })
  const requests = new Map<string, number>()
  let roundTripMs = 0
  const proxy = createServer(async (request, response) => {
    const bytes = await body(request)
    const endpoint = (request.url ?? '').split('/').at(-1) ?? ''
    requests.set(endpoint, (requests.get(endpoint) ?? 0) + 1)
    if (roundTripMs > 0) await sleep(roundTripMs / 2)
    const headers: Record<string, string> = {}
    for (const name of ['content-type', 'cookie', 'authorization', 'x-notion-active-user-header', 'notion-version']) {
      const value = request.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const answer = await fetch(`${emu.apiUrl}${(request.url ?? '').replace(/^\/api\/v3/, '')}`, { method: request.method ?? 'POST', headers, ...(bytes.length > 0 ? { body: bytes } : {}) })
    const text = Buffer.from(await answer.arrayBuffer())
    if (roundTripMs > 0) await sleep(roundTripMs / 2)
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'content-length': text.length })
    response.end(text)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const tell = (message: Told) => process.send?.(message)
  process.on('message', (ask: Ask) => {
    if ('seed' in ask) tell({ pageId: seedPage(emu, user.spaceId, ask.seed.shape, ask.seed.size) })
    else if ('roundTripMs' in ask) {
      roundTripMs = ask.roundTripMs
      tell({ ok: true })
    } else {
      tell({ counts: Object.fromEntries(requests) })
      requests.clear()
    }
  })
  process.on('disconnect', () => {
    proxy.close()
    void emu.close().then(() => process.exit(0))
  })
  tell({ url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/v3`, tokenV2: user.tokenV2 })
}

/** The parent's side of the child: one ask, its one answer. */
function networkIn(child: ChildProcess) {
  const next = <T extends Told>() => new Promise<T>((resolve) => child.once('message', (message) => resolve(message as T)))
  return {
    next,
    ask: <T extends Told>(message: Ask) => {
      const answer = next<T>()
      child.send(message)
      return answer
    },
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0)

async function benchCase(network: ReturnType<typeof networkIn>, url: string, tokenV2: string, pageId: string, label: string): Promise<void> {
  const ours: number[] = []
  const theirs: number[] = []
  let ourRequests = 0
  let theirRequests = 0
  for (let run = 0; run <= RUNS; run++) {
    await network.ask({ counts: true })
    let start = performance.now()
    const client = new NotionClient({ tokenV2, baseUrl: url, monitor: false })
    await client.getBlock(pageId)
    const ourMs = performance.now() - start
    await client.close()
    const ourCounts = (await network.ask<{ counts: Record<string, number> }>({ counts: true })).counts
    start = performance.now()
    await new NotionAPI({ apiBaseUrl: url, authToken: tokenV2 }).getPage(pageId, { fetchCollections: false, signFileUrls: false })
    const theirMs = performance.now() - start
    const theirCounts = (await network.ask<{ counts: Record<string, number> }>({ counts: true })).counts
    if (run === 0) continue // warm-up
    ours.push(ourMs)
    theirs.push(theirMs)
    ourRequests = total(ourCounts) - (ourCounts['loadUserContent'] ?? 0)
    theirRequests = total(theirCounts)
  }
  const ratio = median(ours) / median(theirs)
  console.log(
    `  ${label}: notion-rx ${median(ours).toFixed(1)} ms, ${ourRequests} requests (+1 bootstrap beside them);` +
      ` notion-client ${median(theirs).toFixed(1)} ms, ${theirRequests} requests; time ratio ${ratio.toFixed(2)} (aim <= 1.0)`,
  )
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx'] })
  const network = networkIn(child)
  try {
    const { url, tokenV2 } = await network.next<{ url: string; tokenV2: string }>()
    const pages = new Map<string, string>()
    for (const shape of ['wide', 'deep'] as const) {
      for (const size of SIZES) pages.set(`${shape} ${size}`, (await network.ask<{ pageId: string }>({ seed: { shape, size } })).pageId)
    }
    for (const roundTripMs of ROUND_TRIPS_MS) {
      await network.ask({ roundTripMs })
      const where = roundTripMs > 0 ? `at ${roundTripMs} ms round trip` : 'on loopback'
      console.log(`page loads ${where} (emulator and proxy in a child process), median of ${RUNS} (notion-client 8 getPage, blocks only):`)
      for (const [label, pageId] of pages) await benchCase(network, url, tokenV2, pageId, label.replace(/(\d+)$/, (size) => `${size.padStart(6)} blocks`).padEnd(18))
    }
  } finally {
    child.disconnect()
  }
}

if (process.argv[2] === 'serve') await serveNetwork()
else await main()

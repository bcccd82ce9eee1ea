/**
 * Page loads against notion-client over a modelled network (`npm run bench`): a proxy in front of
 * the emulator adds ROUND_TRIP_MS to every request (half each way) and counts requests, since
 * Notion's servers are 50–200 ms away from most users and round trips, not bytes, are what a page
 * load costs there. notion-client loads blocks only (`fetchCollections: false, signFileUrls:
 * false`): like for like. Shapes: wide (top-level toggles of 100 blocks) and deep (10 levels).
 * Each case alternates the two clients, RUNS times after a warm-up; medians. notion-rx's time is
 * from `new NotionClient` to the page loaded, its bootstrap (loadUserContent, sent beside the
 * first chunk) included; its requests are the page's, with the bootstrap counted apart.
 * `BENCH_PAGE_SIZES=50000` adds the largest shape; `pageLoadProfile.ts` profiles the client side
 * of the same loads (where the time goes when the ratio moves).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { NotionAPI } from 'notion-client'
import { NotionClient } from '../src/index.js'
import { seedPage, type PageShape } from './seedPage.js'

const ROUND_TRIP_MS = Number(process.env['BENCH_RTT_MS'] ?? 50)
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5)
const SIZES = (process.env['BENCH_PAGE_SIZES'] ?? '200,2000,10000').split(',').map(Number)

interface DelayProxy {
  url: string
  requests: Map<string, number>
  close(): void
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Forwards to the emulator, half the round trip before and half after, counting requests by endpoint. */
async function delayProxy(target: string): Promise<DelayProxy> {
  const requests = new Map<string, number>()
  const server: Server = createServer(async (request, response) => {
    const bytes = await body(request)
    const endpoint = (request.url ?? '').split('/').at(-1) ?? ''
    requests.set(endpoint, (requests.get(endpoint) ?? 0) + 1)
    await sleep(ROUND_TRIP_MS / 2)
    const headers: Record<string, string> = {}
    for (const name of ['content-type', 'cookie', 'authorization', 'x-notion-active-user-header', 'notion-version']) {
      const value = request.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const answer = await fetch(`${target}${(request.url ?? '').replace(/^\/api\/v3/, '')}`, { method: request.method ?? 'POST', headers, ...(bytes.length > 0 ? { body: bytes } : {}) })
    const text = Buffer.from(await answer.arrayBuffer())
    await sleep(ROUND_TRIP_MS / 2)
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'content-length': text.length })
    response.end(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`, requests, close: () => server.close() }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
const total = (requests: Map<string, number>) => [...requests.values()].reduce((sum, count) => sum + count, 0)

async function benchCase(emu: Emulator, proxy: DelayProxy, tokenV2: string, spaceId: string, shape: PageShape, size: number): Promise<void> {
  const pageId = seedPage(emu, spaceId, shape, size)
  const ours: number[] = []
  const theirs: number[] = []
  let ourRequests = 0
  let theirRequests = 0
  for (let run = 0; run <= RUNS; run++) {
    proxy.requests.clear()
    let start = performance.now()
    const client = new NotionClient({ tokenV2, baseUrl: proxy.url, monitor: false })
    await client.getBlock(pageId)
    const ourMs = performance.now() - start
    const bootstrap = proxy.requests.get('loadUserContent') ?? 0
    const sent = total(proxy.requests) - bootstrap
    await client.close()

    proxy.requests.clear()
    start = performance.now()
    await new NotionAPI({ apiBaseUrl: proxy.url, authToken: tokenV2 }).getPage(pageId, { fetchCollections: false, signFileUrls: false })
    const theirMs = performance.now() - start
    if (run === 0) continue // warm-up
    ours.push(ourMs)
    theirs.push(theirMs)
    ourRequests = sent
    theirRequests = total(proxy.requests)
  }
  const ratio = median(ours) / median(theirs)
  console.log(
    `  ${shape.padEnd(4)} ${String(size).padStart(6)} blocks: notion-rx ${median(ours).toFixed(0)} ms, ${ourRequests} requests (+1 bootstrap beside them);` +
      ` notion-client ${median(theirs).toFixed(0)} ms, ${theirRequests} requests; time ratio ${ratio.toFixed(2)} (aim <= 1.0)`,
  )
}

const emu = await startEmulator({ port: 0, db: ':memory:' })
const proxy = await delayProxy(emu.apiUrl)
try {
  const user = emu.createUser({ email: 'bench@example.com' })
  console.log(`page loads at ${ROUND_TRIP_MS} ms round trip, median of ${RUNS} (notion-client 8 getPage, blocks only):`)
  for (const shape of ['wide', 'deep'] as const) for (const size of SIZES) await benchCase(emu, proxy, user.tokenV2, user.spaceId, shape, size)
} finally {
  proxy.close()
  await emu.close()
}

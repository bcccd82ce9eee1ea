/**
 * Page loads against notion-client over a modelled network (`npm run bench`): a proxy in front of
 * the emulator adds the round trip to every request (half each way) and counts requests, since
 * Notion's servers are 50–200 ms away from most users and round trips, not bytes, are what a page
 * load costs there. notion-client loads blocks only (`fetchCollections: false, signFileUrls:
 * false`): like for like. Shapes: wide (top-level toggles of 100 blocks) and deep (10 levels).
 * Each case alternates the two clients (ABBA), RUNS times after two warm-up rounds; medians. notion-rx's time is
 * from `new NotionClient` to the page loaded, its bootstrap (loadUserContent, sent beside the
 * first chunk) included; its requests are the page's, with the bootstrap counted apart.
 *
 * The client, the network (the proxy) and the server (the emulator) each have a process of their
 * own, as they have a machine of their own with Notion: in one process, every request also cost
 * the client's thread the proxy's forwarding and the server's answer, and the proxy's work delayed
 * the server's. `BENCH_RTT_MS` lists the round trips
 * (default `50,0`: the modelled network, then loopback); `BENCH_PAGE_SIZES=50000` adds the largest
 * shape; `pageLoadProfile.ts` profiles the client side of the same loads.
 *
 * Beside the time, each load's CPU time in the client's process and in the server's: on loopback
 * the two share the machine's cores, so the time also moves with how much work each client's
 * requests give the server (the web app's endpoints answer in the larger nested envelope).
 */
import { fork, type ChildProcess } from 'node:child_process'
import { Agent, createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@notion-rx/emulator'
import { NotionAPI } from 'notion-client'
import { NotionClient } from '../src/index.js'
import { seedPage, type PageShape } from './seedPage.js'

const ROUND_TRIPS_MS = (process.env['BENCH_RTT_MS'] ?? '50,0').split(',').map(Number)
const RUNS = Number(process.env['BENCH_RUNS'] ?? 15)
const WARM_UP_RUNS = 2
const LOOPBACK_RUN_FACTOR = 5
/** Pages of up to 2,000 blocks load on loopback in 3–25 ms, where one scheduling hiccup is a tenth: five times the rounds again. */
const SMALL_PAGE_BLOCKS = 2_000
const SMALL_PAGE_RUN_FACTOR = 5
const SIZES = (process.env['BENCH_PAGE_SIZES'] ?? '200,2000,10000').split(',').map(Number)

/**
 * Parent → a child: seed a page or tell the CPU time spent so far (the server), set the round
 * trip or hand over and reset the request counts (the network).
 */
type Ask = { seed: { shape: PageShape; size: number } } | { roundTripMs: number } | { counts: true } | { cpu: true }
/** A child → parent, one answer per ask (the first message: where it listens). */
type Told = { url: string } | { pageId: string; tokenV2: string } | Traffic | { ok: true } | { cpuMs: number }
/** Requests per endpoint since the last ask, and the bytes of the answers to each. */
interface Traffic {
  counts: Record<string, number>
  bytes: Record<string, number>
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const tell = (message: Told) => process.send?.(message)

/**
 * The server's process: the emulator, seeding the pages the parent asks for. Each page is the one
 * page of its own user's workspace: the bootstrap (`loadUserContent`) answers with the top-level
 * pages of the user's spaces, so in a workspace shared by every case, a 200-block page's bootstrap
 * carried the 50,000-block pages' child lists (about 200 KB) and each case timed the others.
 */
async function serveEmulator(): Promise<void> {
  // Every seeded page stays parsed in memory: with the default (50,000 records), the 50,000-block
  // pages are read from SQLite on every load, and how much is read depends on the order of the
  // ids asked for, which differs between the clients.
  const emu = await startEmulator({ port: 0, db: ':memory:', recordCacheSize: 300_000 })
  process.on('message', (ask: Ask) => {
    if ('seed' in ask) {
      const { shape, size } = ask.seed
      const owner = emu.createUser({ email: `bench-${shape}-${size}@example.com` })
      tell({ pageId: seedPage(emu, owner.spaceId, shape, size), tokenV2: owner.tokenV2 })
    }
    else if ('cpu' in ask) tell({ cpuMs: cpuMs(process.cpuUsage()) })
  })
  process.on('disconnect', () => void emu.close().then(() => process.exit(0)))
  tell({ url: emu.apiUrl })
}

/** The network's process: a proxy in front of the emulator that delays and counts every request. */
async function serveNetwork(target: string): Promise<void> {
  const requests = new Map<string, number>()
  const answered = new Map<string, number>()
  let roundTripMs = 0
  const upstream = new Agent({ keepAlive: true })
  const proxy = createServer(async (request, response) => {
    const bytes = await body(request)
    const endpoint = (request.url ?? '').split('/').at(-1) ?? ''
    requests.set(endpoint, (requests.get(endpoint) ?? 0) + 1)
    if (roundTripMs > 0) await sleep(roundTripMs / 2)
    const headers: Record<string, string> = { 'content-length': String(bytes.length) }
    for (const name of ['content-type', 'cookie', 'authorization', 'x-notion-active-user-header', 'notion-version']) {
      const value = request.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const url = `${target}${(request.url ?? '').replace(/^\/api\/v3/, '')}`
    const answer = await new Promise<{ status: number; type: string; bytes: Buffer }>((resolve, reject) => {
      const forward = httpRequest(url, { method: request.method ?? 'POST', headers, agent: upstream }, (reply) => {
        body(reply).then((text) => resolve({ status: reply.statusCode ?? 502, type: reply.headers['content-type'] ?? 'application/json', bytes: text }), reject)
      })
      forward.on('error', reject)
      forward.end(bytes)
    })
    answered.set(endpoint, (answered.get(endpoint) ?? 0) + answer.bytes.length)
    if (roundTripMs > 0) await sleep(roundTripMs / 2)
    response.writeHead(answer.status, { 'content-type': answer.type, 'content-length': answer.bytes.length })
    response.end(answer.bytes)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  process.on('message', (ask: Ask) => {
    if ('roundTripMs' in ask) {
      roundTripMs = ask.roundTripMs
      tell({ ok: true })
    } else if ('counts' in ask) {
      tell({ counts: Object.fromEntries(requests), bytes: Object.fromEntries(answered) })
      requests.clear()
      answered.clear()
    }
  })
  process.on('disconnect', () => {
    proxy.close()
    upstream.destroy()
    process.exit(0)
  })
  tell({ url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api/v3` })
}

/** The parent's side of a child: one ask, its one answer. */
type Child = ReturnType<typeof childIn>
function childIn(child: ChildProcess) {
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

interface LoadCost {
  ms: number
  /** CPU time of the client's process (garbage collection threads included) and of the server's. */
  clientCpuMs: number
  serverCpuMs: number
  traffic: Traffic
}

/** One load by one client: its time, the CPU it cost each side, and the requests the network counted (and reset). */
async function timeLoad(network: Child, server: Child, load: () => Promise<void>): Promise<LoadCost> {
  await network.ask({ counts: true })
  const serverBefore = (await server.ask<{ cpuMs: number }>({ cpu: true })).cpuMs
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  await load()
  const ms = performance.now() - start
  const clientCpuMs = cpuMs(process.cpuUsage(cpuBefore))
  const serverCpuMs = (await server.ask<{ cpuMs: number }>({ cpu: true })).cpuMs - serverBefore
  return { ms, clientCpuMs, serverCpuMs, traffic: await network.ask<Traffic>({ counts: true }) }
}

async function benchCase(network: Child, server: Child, url: string, tokenV2: string, pageId: string, label: string, runs: number): Promise<void> {
  let loaded: NotionClient | undefined
  const loadOurs = async () => {
    loaded = new NotionClient({ tokenV2, baseUrl: url, monitor: false })
    await loaded.getBlock(pageId)
  }
  // Closed once the clock has stopped.
  const close = async () => {
    await loaded?.close()
    loaded = undefined
  }
  const loadTheirs = async () => void (await new NotionAPI({ apiBaseUrl: url, authToken: tokenV2 }).getPage(pageId, { fetchCollections: false, signFileUrls: false }))
  const ours: LoadCost[] = []
  const theirs: LoadCost[] = []
  let ourRequests = 0
  let theirRequests = 0
  let bootstrapBytes = 0
  for (let run = -WARM_UP_RUNS; run < runs; run++) {
    // ABBA: each client goes first in half the rounds, so neither always follows the other's garbage.
    const oursFirst = run % 2 === 0
    const first = await timeLoad(network, server, oursFirst ? loadOurs : loadTheirs)
    await close()
    const second = await timeLoad(network, server, oursFirst ? loadTheirs : loadOurs)
    await close()
    if (run < 0) continue
    const [mine, baseline] = oursFirst ? [first, second] : [second, first]
    ours.push(mine)
    theirs.push(baseline)
    ourRequests = total(mine.traffic.counts) - (mine.traffic.counts['loadUserContent'] ?? 0)
    theirRequests = total(baseline.traffic.counts)
    bootstrapBytes = mine.traffic.bytes['loadUserContent'] ?? 0
  }
  const of = (costs: LoadCost[], key: 'ms' | 'clientCpuMs' | 'serverCpuMs') => median(costs.map((cost) => cost[key]))
  const ratio = (key: 'ms' | 'clientCpuMs' | 'serverCpuMs') => (of(ours, key) / of(theirs, key)).toFixed(2)
  console.log(
    `  ${label}: notion-rx ${of(ours, 'ms').toFixed(1)} ms, ${ourRequests} requests (+1 bootstrap beside them, ${(bootstrapBytes / 1024).toFixed(1)} KB);` +
      ` notion-client ${of(theirs, 'ms').toFixed(1)} ms, ${theirRequests} requests; time ratio ${ratio('ms')} (aim <= 1.0)` +
      `; CPU per load, client ${of(ours, 'clientCpuMs').toFixed(1)} vs ${of(theirs, 'clientCpuMs').toFixed(1)} ms (${ratio('clientCpuMs')}),` +
      ` server ${of(ours, 'serverCpuMs').toFixed(1)} vs ${of(theirs, 'serverCpuMs').toFixed(1)} ms (${ratio('serverCpuMs')})`,
  )
}

async function main(): Promise<void> {
  const start = (...role: string[]) => fork(fileURLToPath(import.meta.url), role, { execArgv: ['--import', 'tsx'] })
  const serverProcess = start('emulator')
  const server = childIn(serverProcess)
  let networkProcess: ChildProcess | undefined
  try {
    const { url: apiUrl } = await server.next<{ url: string }>()
    networkProcess = start('network', apiUrl)
    const network = childIn(networkProcess)
    const { url } = await network.next<{ url: string }>()
    const pages: { shape: PageShape; size: number; pageId: string; tokenV2: string }[] = []
    for (const shape of ['wide', 'deep'] as const) {
      for (const size of SIZES) pages.push({ shape, size, ...(await server.ask<{ pageId: string; tokenV2: string }>({ seed: { shape, size } })) })
    }
    for (const roundTripMs of ROUND_TRIPS_MS) {
      await network.ask({ roundTripMs })
      const where = roundTripMs > 0 ? `at ${roundTripMs} ms round trip` : 'on loopback'
      // A loopback load takes milliseconds, where a scheduling hiccup is a tenth of it: more rounds.
      const runsFor = (size: number) => (roundTripMs > 0 ? RUNS : RUNS * LOOPBACK_RUN_FACTOR * (size <= SMALL_PAGE_BLOCKS ? SMALL_PAGE_RUN_FACTOR : 1))
      const rounds = [...new Set(SIZES.map(runsFor))].join(' or ')
      console.log(`page loads ${where} (client, proxy and emulator in processes of their own), median of ${rounds} (notion-client 8 getPage, blocks only):`)
      for (const { shape, size, pageId, tokenV2 } of pages) {
        await benchCase(network, server, url, tokenV2, pageId, `${shape.padEnd(5)} ${String(size).padStart(6)} blocks`, runsFor(size))
      }
    }
  } finally {
    networkProcess?.disconnect()
    serverProcess.disconnect()
  }
}

if (process.argv[2] === 'emulator') await serveEmulator()
else if (process.argv[2] === 'network') await serveNetwork(process.argv[3]!)
else await main()

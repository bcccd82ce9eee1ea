/**
 * A CPU profile of notion-rx's page loads on loopback, client side only: the emulator runs in a
 * child process, so the profile holds the client's work (HTTP, parsing, storing, walking) and
 * nothing of the server's. Loads each shape a few times to warm up, then LOADS times under the
 * profiler, and prints the functions with the most self time (garbage collection included).
 *
 *   npx tsx packages/core/bench/pageLoadProfile.ts            # wide and deep, 10,000 blocks
 *   BENCH_PROFILE_SHAPES=wide BENCH_PAGE_SIZE=50000 npx tsx packages/core/bench/pageLoadProfile.ts
 *
 * `BENCH_PROFILE_CLIENT=notion-client` profiles the baseline's loads instead.
 * `BENCH_PROFILE_OUT=dir` also writes each shape's `.cpuprofile` there (for Chrome's DevTools).
 */
import { fork } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { Session, type Profiler } from 'node:inspector/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '@notion-rx/emulator'
import { NotionAPI } from 'notion-client'
import { NotionClient } from '../src/index.js'
import { seedPage, type PageShape } from './seedPage.js'

const SIZE = Number(process.env['BENCH_PAGE_SIZE'] ?? 10_000)
const LOADS = Number(process.env['BENCH_LOADS'] ?? 10)
const SHAPES = (process.env['BENCH_PROFILE_SHAPES'] ?? 'wide,deep').split(',') as PageShape[]
const OUT = process.env['BENCH_PROFILE_OUT']
const TOP = 25
/** `BENCH_PROFILE_CLIENT=notion-client` profiles the benchmark's baseline instead, for comparison. */
const BASELINE = process.env['BENCH_PROFILE_CLIENT'] === 'notion-client'

interface Served {
  apiUrl: string
  tokenV2: string
  pages: Partial<Record<PageShape, string>>
}

/** The child: an emulator holding one page of each shape, its address sent to the parent. */
async function serve(): Promise<void> {
  const emu = await startEmulator({ port: 0, db: ':memory:' })
  const user = emu.createUser({ email: 'bench@example.com' })
  const pages: Served['pages'] = {}
  for (const shape of SHAPES) pages[shape] = seedPage(emu, user.spaceId, shape, SIZE)
  process.send?.({ apiUrl: emu.apiUrl, tokenV2: user.tokenV2, pages } satisfies Served)
  process.on('disconnect', () => void emu.close().then(() => process.exit(0)))
}

async function load(served: Served, pageId: string): Promise<number> {
  const started = performance.now()
  if (BASELINE) {
    await new NotionAPI({ apiBaseUrl: served.apiUrl, authToken: served.tokenV2 }).getPage(pageId, { fetchCollections: false, signFileUrls: false })
    return performance.now() - started
  }
  const client = new NotionClient({ tokenV2: served.tokenV2, baseUrl: served.apiUrl, monitor: false })
  await client.getBlock(pageId)
  const ms = performance.now() - started
  await client.close()
  return ms
}

/** Self time per function (name, file and line), the largest first, as a share of the samples. */
function topSelfTime(profile: Profiler.Profile): { name: string; ms: number; share: number }[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map<string, number>()
  const deltas = profile.timeDeltas ?? []
  const samples = profile.samples ?? []
  let totalUs = 0
  samples.forEach((nodeId, index) => {
    const node = byNode.get(nodeId)
    const delta = deltas[index + 1] ?? 0
    if (!node) return
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.replace(/^.*\/(node_modules|packages)\//, '$1/')
    // tsx's transpiled modules report line 0 for everything: the file alone then.
    const name = `${functionName || '(anonymous)'}${file ? ` ${file}${lineNumber > 0 ? `:${lineNumber + 1}` : ''}` : ''}`
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta)
    totalUs += delta
  })
  return [...selfUs]
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }))
    .sort((a, b) => b.ms - a.ms)
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx'] })
  const served = await new Promise<Served>((resolve) => child.once('message', (message) => resolve(message as Served)))
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  try {
    for (const shape of SHAPES) {
      const pageId = served.pages[shape]!
      for (let i = 0; i < 3; i++) await load(served, pageId)
      await session.post('Profiler.start')
      const times: number[] = []
      for (let i = 0; i < LOADS; i++) times.push(await load(served, pageId))
      const { profile } = await session.post('Profiler.stop')
      if (OUT) writeFileSync(join(OUT, `pageLoad-${shape}-${SIZE}.cpuprofile`), JSON.stringify(profile))
      const sorted = [...times].sort((a, b) => a - b)
      console.log(`${BASELINE ? 'notion-client' : 'notion-rx'}: ${shape} ${SIZE} blocks, loopback: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms per load over ${LOADS} loads; top self time:`)
      for (const { name, ms, share } of topSelfTime(profile).slice(0, TOP)) {
        console.log(`  ${(share * 100).toFixed(1).padStart(5)}%  ${(ms / LOADS).toFixed(1).padStart(6)} ms/load  ${name}`)
      }
    }
  } finally {
    session.disconnect()
    child.disconnect()
  }
}

if (process.argv[2] === 'serve') await serve()
else await main()

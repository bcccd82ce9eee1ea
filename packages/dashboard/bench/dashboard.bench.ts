/**
 * The dashboard in Chromium (Debian's chromium, driven by playwright-core):
 * (a) a teammate's commit → the DOM of an open tab showing it, p50/p99 at 10 writes/s, next to the
 *     SDK's own commit → live-query emission for the same writes (the same client, the same run);
 *     Where the time goes: the same markers timed as the SDK emits them, as their event reaches the
 *     tab's EventSource (the server's layout, patch and socket, the browser's event loop) and as
 *     the DOM shows them (Preact's render). `BENCH_LOAD=<n>` runs n busy threads meanwhile.
 * (b) first render of a 10,000-row table view (virtualised: rows in the DOM counted) against a
 *     100-row one, and the tab's JS heap.
 * Run: `npm run bench` (this file: tsx --conditions=source packages/dashboard/bench/dashboard.bench.ts).
 */
import { execFileSync } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NotionClient, type CollectionRowBlock } from '@notion-rx/core'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { chromium, type Page } from 'playwright-core'
import { startDashboard } from '../src/index.js'
import { seedBigTable } from '../test/seedBigTable.js'

const CHROMIUM = process.env['NOTION_RX_CHROMIUM'] ?? '/usr/bin/chromium'
/** `BENCH_PART=latency` or `render` runs one half. */
const WRITES = Number(process.env['BENCH_WRITES'] ?? 100)
const RATE_PER_S = 10
const now = () => performance.timeOrigin + performance.now()

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`

/** `n` threads spinning, to measure on a busy machine. */
function busyThreads(n: number): Worker[] {
  return Array.from({ length: n }, () => new Worker('for (;;) {}', { eval: true }))
}

function phaseLine(label: string, sent: Map<string, number>, at: Map<string, number> | Record<string, number>): string {
  const get = (marker: string) => (at instanceof Map ? at.get(marker) : at[marker])
  const times = [...sent].flatMap(([marker, t]) => (get(marker) !== undefined ? [get(marker)! - t] : []))
  return `    ${label.padEnd(32)} p50 ${fmt(percentile(times, 50)).padStart(8)}  p99 ${fmt(percentile(times, 99)).padStart(8)}  (${times.length}/${sent.size} seen)`
}

async function latency(page: Page, emu: Emulator): Promise<void> {
  const demo = emu.demo!
  const owner = new NotionClient({ tokenV2: demo.ownerToken, baseUrl: emu.apiUrl, monitor: true })
  const teammate = new NotionClient({ tokenV2: demo.memberToken, baseUrl: emu.apiUrl })
  const dashboard = await startDashboard({ client: owner, url: demo.tasksBlockId })
  // The tab notes when each marker's event reaches its EventSource, before the app's handler runs.
  await page.addInitScript(`{
    const arrived = {}
    window.arrived = arrived
    const Native = window.EventSource
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args)
        this.addEventListener('message', (message) => {
          const at = performance.timeOrigin + performance.now()
          for (const match of String(message.data).matchAll(/bench-\\d+/g)) if (!(match[0] in arrived)) arrived[match[0]] = at
        })
      }
    }
  }`)
  const load = busyThreads(Number(process.env['BENCH_LOAD'] ?? 0))
  try {
    await page.goto(dashboard.url)
    await page.locator('[data-status="live"]').waitFor({ timeout: 30_000 })
    await page.locator('.tr').nth(7).waitFor({ timeout: 30_000 })
    // The tab notes when each marker first shows in the DOM (after Preact committed it, before paint).
    // (A string: this runs in the tab, whose DOM types this Node file does not have.)
    await page.evaluate(`{
      const seen = {}
      window.seen = seen
      new MutationObserver(() => {
        for (const cell of document.querySelectorAll('.td[data-property="title"]')) {
          const text = cell.textContent ?? ''
          if (text.startsWith('bench-') && !(text in seen)) seen[text] = performance.timeOrigin + performance.now()
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    }`)
    // The SDK's own live query on the same client: commit → emission.
    const emitted = new Map<string, number>()
    const view = await owner.getCollectionView(demo.tasksViewIds.table)
    const live = view.defaultQuery().results$.subscribe((result) => {
      for (const values of result.values) {
        const title = String(values['name'] ?? '')
        if (title.startsWith('bench-') && !emitted.has(title)) emitted.set(title, now())
      }
    })
    const rows = (await (await teammate.getCollectionView(demo.tasksViewIds.table)).defaultQuery().execute()).rows as CollectionRowBlock[]
    const sent = new Map<string, number>()
    const started = now()
    for (let i = 0; i < WRITES; i++) {
      const wait = started + (i * 1000) / RATE_PER_S - now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      const marker = `bench-${i}`
      sent.set(marker, now())
      void rows[i % rows.length]!.setProp('title', marker)
    }
    await teammate.flush()
    const deadline = now() + 10_000
    let seen: Record<string, number> = {}
    while (now() < deadline) {
      seen = await page.evaluate<Record<string, number>>('window.seen')
      if (Object.keys(seen).length >= WRITES && emitted.size >= WRITES) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    live.unsubscribe()
    const arrived = await page.evaluate<Record<string, number>>('window.arrived')
    const dom = [...sent].flatMap(([marker, at]) => (seen[marker] ? [seen[marker] - at] : []))
    const sdk = [...sent].flatMap(([marker, at]) => (emitted.has(marker) ? [emitted.get(marker)! - at] : []))
    console.log(`(a) a teammate's commit → shown, ${WRITES} writes at ${RATE_PER_S}/s on the demo table (loopback${load.length > 0 ? `, ${load.length} busy threads` : ''}):`)
    console.log(phaseLine('SDK live query emission', sent, emitted))
    console.log(phaseLine('event at the tab\'s EventSource', sent, arrived))
    console.log(phaseLine('dashboard tab\'s DOM', sent, seen))
    // Per write, the dashboard's own share: SDK emission → the tab's EventSource (the server's layout,
    // patch and socket, the browser's event loop), then → the DOM (the app's patching and Preact's render).
    const delta = (from: Map<string, number> | Record<string, number>, to: Map<string, number> | Record<string, number>) => {
      const get = (at: typeof from, marker: string) => (at instanceof Map ? at.get(marker) : at[marker])
      return [...sent.keys()].flatMap((marker) => (get(from, marker) !== undefined && get(to, marker) !== undefined ? [get(to, marker)! - get(from, marker)!] : []))
    }
    for (const [label, values] of [['  SDK emission → EventSource', delta(emitted, arrived)], ['  EventSource → DOM', delta(arrived, seen)], ['  SDK emission → DOM', delta(emitted, seen)]] as const) {
      console.log(`    ${label.padEnd(32)} p50 ${fmt(percentile([...values], 50)).padStart(8)}  p99 ${fmt(percentile([...values], 99)).padStart(8)}  (per write)`)
    }
    console.log(`    the dashboard adds p50 ${fmt(percentile(dom, 50) - percentile(sdk, 50))} over the SDK; goal p99 ≤ 100 ms: ${percentile(dom, 99) <= 100 ? 'ok' : 'MISSED'}`)
  } finally {
    await Promise.all(load.map((worker) => worker.terminate()))
    await dashboard.close()
    await owner.close()
    await teammate.close()
  }
}

async function firstRender(page: Page, emu: Emulator): Promise<void> {
  const user = emu.createUser({ email: 'bench@example.com' })
  const big = seedBigTable(emu, user.spaceId, 10_000, '7').blockId
  const small = seedBigTable(emu, user.spaceId, 100, '8').blockId
  const client = new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, monitor: true })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    const { metrics } = await cdp.send('Performance.getMetrics')
    return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? NaN) / 1024 / 1024
  }
  // The tab counts the characters its event stream brought (the snapshot and the rows it asked for).
  await page.addInitScript(`{
    window.streamChars = 0
    const Native = window.EventSource
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args)
        this.addEventListener('message', (message) => { window.streamChars += String(message.data).length })
      }
    }
  }`)
  console.log('(b) first render of a table view (a fresh server each time: the live query, the snapshot, the tab):')
  try {
    for (const [label, blockId, rows] of [['100 rows', small, 100], ['10,000 rows', big, 10_000]] as const) {
      const dashboard = await startDashboard({ client, url: blockId })
      try {
        await page.goto('about:blank')
        const started = now()
        await page.goto(dashboard.url)
        await page.locator(`.database-count[data-total="${rows}"]`).waitFor({ timeout: 60_000 })
        await page.locator('.tr').first().waitFor({ timeout: 60_000 })
        const rendered = now() - started
        const inDom = await page.locator('.tr').count()
        const footer = await page.locator('.tf[data-property="num"]').textContent()
        const chars = await page.evaluate<number>('window.streamChars')
        const heap = await heapMb()
        // Scrolled to the end: the last rows' cells (asked for, when the snapshot did not carry them).
        const scrolled = now()
        await page.locator('.table-body').evaluate((body: { scrollTop: number; scrollHeight: number }) => {
          body.scrollTop = body.scrollHeight
        })
        await page.locator('.td[data-property="title"]', { hasText: `Row ${rows - 1}` }).waitFor({ timeout: 60_000 })
        const toEnd = now() - scrolled
        console.log(`    ${label.padEnd(11)} ${fmt(rendered).padStart(9)} to first rows; ${inDom} rows in the DOM; footer "${footer}"; ${(chars / 1e6).toFixed(2)} MB of events; tab JS heap ${heap.toFixed(1)} MB; scrolled to the end in ${fmt(toEnd)}`)
      } finally {
        await dashboard.close()
      }
    }
  } finally {
    await client.close()
  }
}

if (!existsSync(CHROMIUM)) {
  console.error(`dashboard bench: no Chromium at ${CHROMIUM} (apt-get install -y chromium); skipped`)
  process.exit(process.env['NOTION_RX_SKIP_BROWSER'] === '1' ? 0 : 1)
}
execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/buildApp.mjs', import.meta.url))], { stdio: 'inherit' })
const profile = mkdtempSync(join(tmpdir(), 'notion-rx-bench-chromium-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 900 },
})
const emu = await startEmulator({ seed: 'demo', port: 0, db: ':memory:' })
try {
  console.log('dashboard bench (Chromium, loopback emulator):')
  const page = await context.newPage()
  const part = process.env['BENCH_PART']
  if (part !== 'render') await latency(page, emu)
  if (part !== 'latency') await firstRender(page, emu)
} finally {
  await context.close()
  await emu.close()
  rmSync(profile, { recursive: true, force: true })
}

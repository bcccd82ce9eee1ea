import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { NotionClient } from '@notion-rx/core'
import { startDashboard, type Dashboard } from '@notion-rx/dashboard'
import { startEmulator } from '@notion-rx/emulator'
import { pageUrlFor } from './cli/pageUrlFor.js'
import { describeChange } from './describeChange.js'
import { demoPlan } from './demoPlan.js'
import { PageWatcher } from './pageWatcher.js'
import { Teammate } from './teammate.js'

export interface DemoOptions {
  /** Where lines go. @default console.log */
  print?: (line: string) => void
  /** Stop by itself after this many ms (tests, CI); otherwise runs until `signal` aborts. */
  durationMs?: number
  signal?: AbortSignal
  /** How often the teammate edits, in ms. @default [1000, 2000] */
  editEveryMs?: [number, number]
  /** The emulator's port; 0 picks a free one. @default 0 */
  port?: number
  /** Also serve the demo page as a live dashboard (its address is printed). @default true */
  dashboard?: boolean
}

/**
 * The live demo behind `npm start`: an emulator on a fresh SQLite file with the demo workspace,
 * a watcher (Ada, through the SDK with live updates) printing every change to the handbook page and
 * its Tasks database as it happens, and a teammate (Grace, a second client) editing every second or two.
 * The same page is served as a live dashboard (`@notion-rx/dashboard`), whose address is printed.
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line))
  const folder = mkdtempSync(join(tmpdir(), 'notion-rx-demo-'))
  let emulator: Awaited<ReturnType<typeof startEmulator>>
  try {
    emulator = await startEmulator({ db: join(folder, 'demo.sqlite'), seed: 'demo', port: options.port ?? 0 })
  } catch (error) {
    // A port in use, say: nothing else was started, but the folder must go.
    rmSync(folder, { recursive: true, force: true })
    throw error
  }
  const demo = emulator.demo!
  const watcherClient = new NotionClient({ tokenV2: demo.ownerToken, baseUrl: emulator.apiUrl, monitor: true })
  const teammateClient = new NotionClient({ tokenV2: demo.memberToken, baseUrl: emulator.apiUrl })
  const teammate = new Teammate(teammateClient, demoPlan(emulator))
  const watcher = new PageWatcher(watcherClient, demo.homePageId)
  let dashboard: Dashboard | undefined
  try {
    await watcherClient.ready
    await teammateClient.ready
    if (options.signal?.aborted) return
    const homeUrl = pageUrlFor(emulator.apiUrl, demo.homePageId)
    print(`notion-rx live demo: the emulator is at ${emulator.apiUrl}`)
    print(`Watching "Acme Handbook" (${homeUrl}) as ${demo.ownerEmail}; ${demo.memberEmail} edits it every second or two.`)
    if (options.dashboard ?? true) {
      dashboard = await startDashboard({ client: watcherClient, url: demo.homePageId })
      print(`Dashboard (live, editable) in your browser: ${dashboard.url}`)
    }
    print('To watch a real workspace instead: NOTION_TOKEN_V2=<your token_v2 cookie> npx notion-rx watch <page-url>')
    print('Press Ctrl-C to stop.\n')
    const connection = watcherClient.connection$.subscribe((state) => print(`[connection: ${state}]`))
    await watcher.start((change) => {
      if (change.origin === 'local') return
      const line = describeChange(watcherClient.store.snapshot, change)
      if (line) print(line)
    })
    print(`[watching ${watcher.size} records]`)
    const [minMs, maxMs] = options.editEveryMs ?? [1000, 2000]
    teammate.start({ minMs, maxMs, onError: (error) => print(`[teammate: ${(error as Error).message}]`) })
    await new Promise<void>((resolve) => {
      const timer = options.durationMs === undefined ? undefined : setTimeout(resolve, options.durationMs)
      if (options.signal?.aborted) resolve()
      options.signal?.addEventListener('abort', () => {
        if (timer) clearTimeout(timer)
        resolve()
      }, { once: true })
    })
    connection.unsubscribe()
  } finally {
    teammate.stop()
    watcher.stop()
    await dashboard?.close()
    await teammateClient.close()
    await watcherClient.close()
    await emulator.close()
    rmSync(folder, { recursive: true, force: true })
  }
}

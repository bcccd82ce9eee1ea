import { NotionClient } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'
import { changeJson } from './changeJson.js'
import { describeChange } from './describeChange.js'
import { PageWatcher } from './pageWatcher.js'

export interface WatchOptions {
  pageUrl: string
  tokenV2: string | undefined
  apiUrl: string | undefined
  /** Where changes go, one line each. @default console.log */
  print?: (line: string) => void
  /** Where status lines go ([connection: live], [watching ...]). @default `print` for text, stderr for json */
  status?: (line: string) => void
  /** `text`: one readable line per change; `json`: NDJSON, one `ChangeJson` object per line. @default 'text' */
  format?: 'text' | 'json'
  /** Stops watching; the returned promise resolves then. */
  signal?: AbortSignal
}

/** `notion-rx watch <page-url>`: prints every change to a page, its blocks and its databases as it happens. */
export async function watchCommand(options: WatchOptions): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line))
  const json = options.format === 'json'
  const status = options.status ?? (json ? (line: string) => process.stderr.write(`${line}\n`) : print)
  const { id } = parseId(options.pageUrl)
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
    monitor: true,
  })
  const watcher = new PageWatcher(client, id)
  try {
    await client.ready
    // A page that cannot be read fails here, rather than watching nothing.
    await client.getBlock(id)
    if (options.signal?.aborted) return
    const connection = client.connection$.subscribe((state) => status(`[connection: ${state}]`))
    await watcher.start((change) => {
      if (json) {
        const line = changeJson(client.store.snapshot, change)
        if (line) print(JSON.stringify(line))
        return
      }
      const line = describeChange(client.store.snapshot, change)
      if (line) print(`${change.origin === 'local' ? '(you) ' : ''}${line}`)
    })
    status(`[watching ${watcher.size} records of ${id}; Ctrl-C to stop]`)
    await new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve()
      options.signal?.addEventListener('abort', () => resolve(), { once: true })
    })
    connection.unsubscribe()
  } finally {
    watcher.stop()
    await client.close()
  }
}

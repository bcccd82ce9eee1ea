import { NotionClient } from '@notion-rx/core'
import { parseId } from '@notion-rx/protocol'
import { describeChange } from './describeChange.js'
import { PageWatcher } from './pageWatcher.js'

export interface WatchOptions {
  pageUrl: string
  tokenV2: string | undefined
  apiUrl: string | undefined
  print?: (line: string) => void
  signal?: AbortSignal
}

/** `notion-rx watch <page-url>`: prints every change to a page, its blocks and its databases as it happens. */
export async function watchCommand(options: WatchOptions): Promise<void> {
  const print = options.print ?? ((line: string) => console.log(line))
  const { id } = parseId(options.pageUrl)
  const client = new NotionClient({
    ...(options.tokenV2 ? { tokenV2: options.tokenV2 } : {}),
    ...(options.apiUrl ? { baseUrl: options.apiUrl } : {}),
    monitor: true,
  })
  const watcher = new PageWatcher(client, id)
  try {
    await client.ready
    const connection = client.connection$.subscribe((state) => print(`[connection: ${state}]`))
    await watcher.start((change) => {
      const line = describeChange(client.store.snapshot, change)
      if (line) print(`${change.origin === 'local' ? '(you) ' : ''}${line}`)
    })
    print(`[watching ${watcher.size} records of ${id}; Ctrl-C to stop]`)
    await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }))
    connection.unsubscribe()
  } finally {
    watcher.stop()
    await client.close()
  }
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'
import { NotionClient, type NotionClientOptions } from '../../src/client.js'

export interface CacheTestClients {
  /** The test file's own temporary folder, removed after its last test. */
  readonly dir: string
  /** A fresh cache file path in `dir`. */
  newCacheFile(): string
  /** A client closed after the test that made it. */
  client(options: NotionClientOptions): NotionClient
  /** Closes the clients made so far (before a test closes its own emulator). */
  closeClients(): Promise<void>
}

/** Cache files and clients for one test file, cleaned up by vitest hooks registered here. */
export function cacheTestClients(prefix: string): CacheTestClients {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const clients: NotionClient[] = []
  let fileCount = 0
  const closeClients = async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()))
  }
  afterEach(closeClients)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return {
    dir,
    closeClients,
    newCacheFile: () => join(dir, `cache-${++fileCount}.sqlite`),
    client(options) {
      const created = new NotionClient(options)
      clients.push(created)
      return created
    },
  }
}

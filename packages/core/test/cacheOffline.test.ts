import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import type { CacheState } from '../src/cache/cacheState.js'
import { RecordCache } from '../src/cache/recordCache.js'
import { NotionClient, type NotionClientOptions } from '../src/client.js'
import { recordFor } from '../src/model/recordFor.js'
import type { TextBlock } from '../src/records/textBlocks.js'
import { buildBigPage } from './support/bigPage.js'
import { MeteredFetch } from './support/meteredFetch.js'

const dir = mkdtempSync(join(tmpdir(), 'notion-rx-offline-test-'))
const clients: NotionClient[] = []
const emulators: Emulator[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  await Promise.all(emulators.splice(0).map((emu) => emu.close()))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function client(options: NotionClientOptions): NotionClient {
  const created = new NotionClient(options)
  clients.push(created)
  return created
}

async function emulator(options: { port?: number; db: string }): Promise<Emulator> {
  const emu = await startEmulator({ port: options.port ?? 0, db: options.db })
  emulators.push(emu)
  return emu
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function queuedWrites(path: string, userId: string): number {
  const file = RecordCache.open(path)
  try {
    return file.queuedWrites(userId).length
  } finally {
    file.close()
  }
}

const count = (list: unknown, id: string) => (Array.isArray(list) ? list.filter((item) => item === id).length : 0)

describe('offline with a cache', () => {
  it('serves reads from the file while the server is down, keeps writes in it, and replays them once when it is back', async () => {
    const db = join(dir, 'server.sqlite')
    const cachePath = join(dir, 'offline.sqlite')
    let emu = await emulator({ db })
    const port = emu.port
    const user = emu.createUser({ email: 'offline@example.com' })
    const small = buildBigPage(emu, user, { topLevel: 10, databaseAt: 2 })
    const textId = small.blockIds.find((id) => emu.context.records.get('block', id)?.value['type'] === 'text')!
    const options: NotionClientOptions = {
      tokenV2: user.tokenV2,
      baseUrl: emu.apiUrl,
      cache: { path: cachePath, offlineRetryMs: 50 },
      retry: { maxAttempts: 1 },
    }
    const first = client(options)
    await first.getBlock(small.pageId)
    await first.close()
    await emu.close()
    emulators.length = 0

    // The server is down: a new client reads the page from the file, marked stale/offline.
    const second = client(options)
    const states: CacheState[] = []
    second.cacheState$.subscribe((state) => states.push(state))
    const page = await second.getBlock(small.pageId)
    expect(page.children.length).toBe(10)
    await second.whenSynced()
    expect(states.at(-1)).toBe('offline')
    expect(second.stale).toBe(true)
    const added = page.children.addNew('text', { title: 'Written offline' })
    ;(recordFor(second, 'block', textId) as TextBlock).title = 'Offline title'
    await waitFor(() => queuedWrites(cachePath, user.id) === 1, 'the write to be queued in the file')
    await second.close() // offline: does not wait; the write stays in the file

    // Another start, still offline: the queued write is shown again, and one more is queued.
    const third = client(options)
    const again = await third.getBlock(small.pageId)
    expect(again.children.ids).toContain(added.id)
    expect(JSON.stringify(third.store.get('block', textId)?.value?.['properties'])).toContain('Offline title')
    const more = again.children.addNew('text', { title: 'Second offline write' })
    const flushed = third.flush()
    await waitFor(() => queuedWrites(cachePath, user.id) === 2, 'both writes to be queued in the file')

    // The server is back on the same file and port: both writes land, in order, once.
    emu = await emulator({ port, db })
    await flushed
    await waitFor(() => !third.stale, 'the client to be fresh again')
    const content = emu.context.records.get('block', small.pageId)?.value['content']
    expect(count(content, added.id)).toBe(1)
    expect(count(content, more.id)).toBe(1)
    expect((content as string[]).indexOf(added.id)).toBeLessThan((content as string[]).indexOf(more.id))
    expect(JSON.stringify(emu.context.records.get('block', textId)?.value['properties'])).toContain('Offline title')
    expect(queuedWrites(cachePath, user.id)).toBe(0)
    await third.close()

    // Nothing is sent again by the next start.
    const metered = new MeteredFetch()
    const fourth = client({ ...options, fetch: metered.fetch })
    await fourth.getBlock(small.pageId)
    await fourth.whenSynced()
    await fourth.flush()
    expect(metered.endpoints()).not.toContain('submitTransaction')
    expect(count(fourth.store.get('block', small.pageId)?.value?.['content'], added.id)).toBe(1)
  }, 120_000)

  it('sends a write whose answer was lost again with the same request id, and the server applies it once', async () => {
    const emu = await emulator({ db: ':memory:' })
    const user = emu.createUser({ email: 'lost@example.com' })
    const small = buildBigPage(emu, user, { topLevel: 5, databaseAt: 1 })
    let loseNextWriteAnswer = false
    const requestIds: string[] = []
    const fetchLosingAnswers = async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      const isWrite = request.url.endsWith('/submitTransaction')
      if (isWrite) requestIds.push(((await request.clone().json()) as { requestId: string }).requestId)
      const response = await globalThis.fetch(request)
      if (isWrite && loseNextWriteAnswer) {
        loseNextWriteAnswer = false
        await response.arrayBuffer()
        throw new TypeError('fetch failed: the connection was reset after the server answered')
      }
      return response
    }
    const c = client({
      tokenV2: user.tokenV2,
      baseUrl: emu.apiUrl,
      fetch: fetchLosingAnswers,
      retry: { maxAttempts: 1 },
      cache: { path: join(dir, 'lost.sqlite'), offlineRetryMs: 50 },
    })
    const page = await c.getBlock(small.pageId)
    loseNextWriteAnswer = true
    const added = page.children.addNew('text', { title: 'Once' })
    await c.flush()
    expect(requestIds.length).toBe(2)
    expect(requestIds[0]).toBe(requestIds[1])
    expect(count(emu.context.records.get('block', small.pageId)?.value['content'], added.id)).toBe(1)
  }, 60_000)
})

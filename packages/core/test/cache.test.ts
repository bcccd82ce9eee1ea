import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { NotionClient } from '../src/client.js'
import { CacheCorruptError } from '../src/cache/cacheCorruptError.js'
import { RecordCache } from '../src/cache/recordCache.js'
import * as advanced from '../src/advanced.js'
import * as core from '../src/index.js'
import type { RecordChange } from '../src/store/recordChange.js'
import { recordFor } from '../src/model/recordFor.js'
import type { TextBlock } from '../src/records/textBlocks.js'
import { buildBigPage, type BigPage } from './support/bigPage.js'
import { cacheTestClients } from './support/cacheTestClients.js'
import { MeteredFetch } from './support/meteredFetch.js'

const { newCacheFile, client, closeClients } = cacheTestClients('notion-rx-cache-test-')

const titleOf = (c: NotionClient, id: string) => JSON.stringify(c.store.get('block', id)?.value?.['properties'])

describe('the record cache over the emulator', () => {
  let emu: Emulator
  let user: { id: string; tokenV2: string; spaceId: string }
  let big: BigPage

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, db: ':memory:' })
    user = emu.createUser({ email: 'cache@example.com' })
    big = buildBigPage(emu, user)
  }, 60_000)
  afterAll(() => emu.close())

  it('pins the cache exports', () => {
    expect([advanced.RecordCache, advanced.KeyValueStore, core.CacheCorruptError, core.CacheUnavailableError, advanced.defaultCachePath, advanced.resolveCacheOptions].map((value) => typeof value)).toEqual(Array(6).fill('function'))
  })

  it('checks the whole file at open only when a writer did not close it, and reports damage met on a read as a CacheCorruptError', async () => {
    const path = newCacheFile()
    const cold = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    await cold.getBlock(big.pageId)
    await cold.close()
    const clean = RecordCache.open(path)
    expect(clean.checkedAtOpen).toBe(false)
    clean.close()

    // Damage after the clean close: the root page of the records table overwritten.
    const db = new Database(path)
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'records'").pluck().get() as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    db.close()
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize)
    closeSync(fd)

    // The open reads the header only, so the damage is met on the first read of a record...
    const unchecked = RecordCache.open(path)
    expect(unchecked.checkedAtOpen).toBe(false)
    expect(() => unchecked.get(user.id, 'block', big.pageId)).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_CORRUPT/) }))
    unchecked.close()
    // ...which the client reports as the typed error, and the page comes from the server.
    const warm = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const errors: unknown[] = []
    warm.errors$.subscribe((error) => errors.push(error))
    const changes: RecordChange[] = []
    warm.changes$.subscribe((change) => changes.push(change))
    const page = await warm.getBlock(big.pageId)
    expect(page.children.length).toBe(250)
    expect(changes.some((change) => change.origin === 'cache')).toBe(false)
    expect(errors).toHaveLength(1)
    expect(CacheCorruptError.isCacheCorruptError(errors[0])).toBe(true)
    expect((errors[0] as CacheCorruptError).reason).toBe('corrupt')
    expect((errors[0] as CacheCorruptError).path).toBe(path)
    await warm.close()

    // A writer that did not close (another host's row: never taken for dead) makes the next open check the whole file.
    const mark = new Database(path)
    mark.prepare('INSERT INTO writers (id, host, pid, opened_at) VALUES (?, ?, ?, ?)').run('left-behind', 'another-host', 1, Date.now())
    mark.close()
    expect(() => new NotionClient({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })).toThrow(CacheCorruptError)
    const rebuilt = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: { path, onCorrupt: 'rebuild' } })
    expect(rebuilt.cache!.count()).toBe(0)
  }, 60_000)

  it('creates the file with mode 0600 and serves a warm start from it, asking only for the 3 blocks a teammate changed', async () => {
    const path = newCacheFile()
    const cold = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    await cold.getBlock(big.pageId)
    await cold.close()
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600)

    const teammate = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl })
    await teammate.getBlock(big.pageId)
    const texts = big.blockIds.filter((id) => teammate.store.get('block', id)?.value?.['type'] === 'text')
    const changed = [texts[0]!, texts[40]!, texts.at(-1)!]
    changed.forEach((id, i) => ((recordFor(teammate, 'block', id) as TextBlock).title = `Teammate ${i}`))
    await teammate.flush()

    const metered = new MeteredFetch()
    const warm = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
    const changes: RecordChange[] = []
    warm.changes$.subscribe((change) => changes.push(change))
    const page = await warm.getBlock(big.pageId)
    // At once, from the file: the whole page, before any answer about it.
    expect(changes.length).toBeGreaterThan(2000)
    expect(changes.every((change) => change.origin === 'cache')).toBe(true)
    expect(page.children.length).toBe(250)
    expect(warm.stale).toBe(true)
    await warm.whenSynced()
    expect(warm.stale).toBe(false)
    expect(metered.endpoints()).not.toContain('loadCachedPageChunkV2')
    expect(metered.endpoints()).not.toContain('loadPageChunk')
    expect(metered.recordsFrom(/^syncRecordValues/, 'block').sort()).toEqual([...changed].sort())
    changed.forEach((id, i) => expect(titleOf(warm, id)).toContain(`Teammate ${i}`))
    // Of the page, only those 3 changed again (loadUserContent, in the background, brings the space's other pages).
    const onPage = new Set([big.pageId, ...big.blockIds])
    const refreshed = changes.filter((change) => change.origin === 'refresh' && onPage.has(change.id)).map((change) => change.id)
    expect(refreshed.sort()).toEqual([...changed].sort())
  }, 60_000)

  it('drops a block deleted meanwhile and loads a block added meanwhile', async () => {
    const path = newCacheFile()
    const first = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const small = buildBigPage(emu, user, { topLevel: 20, databaseAt: 3 })
    await first.getBlock(small.pageId)
    await first.close()

    const teammate = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl })
    const theirs = await teammate.getBlock(small.pageId)
    const doomed = theirs.children.at(1)!
    const doomedId = doomed.id
    doomed.remove()
    const added = theirs.children.addNew('text', { title: 'Added meanwhile' })
    await teammate.flush()

    const metered = new MeteredFetch()
    const warm = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
    const page = await warm.getBlock(small.pageId)
    expect([...page.children.ids]).toContain(doomedId)
    await warm.whenSynced()
    const ids = [...page.children.ids]
    expect(ids).not.toContain(doomedId)
    expect(ids).toContain(added.id)
    expect(titleOf(warm, added.id)).toContain('Added meanwhile')
    // The new block came whole; nothing else but the moved records.
    expect(metered.recordsFrom(/^syncRecordValues/, 'block').sort()).toEqual([added.id, doomedId, small.pageId].sort())
  }, 60_000)

  it('never serves one account the records cached for another', async () => {
    const path = newCacheFile()
    const owner = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const small = buildBigPage(emu, user, { topLevel: 10, databaseAt: 2 })
    await owner.getBlock(small.pageId)
    await owner.close()

    const stranger = emu.createUser({ email: 'stranger@example.com' })
    const other = client({ tokenV2: stranger.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const origins = new Set<string>()
    other.changes$.subscribe((change) => origins.add(change.origin))
    await expect(other.getBlock(small.pageId)).rejects.toThrow(core.RecordNotFoundError)
    expect(origins.has('cache')).toBe(false)
    for (const id of [small.pageId, ...small.blockIds]) expect(other.store.get('block', id)?.value).toBeUndefined()
    await other.close()

    // Both partitions live in the one file.
    const file = RecordCache.open(path)
    try {
      expect(file.get(user.id, 'block', small.pageId)?.value).toBeDefined()
      expect(file.get(stranger.id, 'block', small.pageId)?.value).toBeUndefined()
    } finally {
      file.close()
    }
  }, 60_000)

  it('partitions by the active account when a token switches accounts', async () => {
    const path = newCacheFile()
    const ada = emu.createUser({ email: 'ada-cache@example.com' })
    const grace = emu.createUser({ email: 'grace-cache@example.com', tokenV2: ada.tokenV2 })
    const gracePageId = (emu.context.records.get('space', grace.spaceId)!.value['pages'] as string[])[0]!
    const c = client({ tokenV2: ada.tokenV2, baseUrl: emu.apiUrl, cache: path })
    await c.setUserById(grace.id)
    await c.getBlock(gracePageId)
    await c.setUserById(ada.id)
    await c.close()

    const file = RecordCache.open(path)
    try {
      expect(file.get(grace.id, 'block', gracePageId)?.value).toBeDefined()
      expect(file.get(ada.id, 'block', gracePageId)?.value).toBeUndefined()
    } finally {
      file.close()
    }
    // The token's own account (Ada) starts warm, and is not shown Grace's page from the file.
    const again = client({ tokenV2: ada.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const origins = new Set<string>()
    again.changes$.subscribe((change) => change.id === gracePageId && origins.add(change.origin))
    await expect(again.getBlock(gracePageId)).rejects.toThrow(core.RecordNotFoundError)
    expect(origins.has('cache')).toBe(false)
    expect(again.currentUser?.id).toBe(ada.id)
  }, 60_000)

  it('keeps key/value namespaces apart and clears records on clearCache()', async () => {
    const path = newCacheFile()
    const c = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const small = buildBigPage(emu, user, { topLevel: 5, databaseAt: 1 })
    await c.getBlock(small.pageId)
    const a = await c.keyValues<{ version: number }>('pipe:a')
    const b = await c.keyValues<string>('pipe:b')
    a.set('row', { version: 3 })
    b.set('row', 'other')
    expect(a.get('row')).toEqual({ version: 3 })
    expect(b.keys()).toEqual(['row'])
    expect(() => a.set('bad', undefined as never)).toThrow(/delete/)
    a.batch((kv) => {
      kv.set('cp:block:1', { version: 1 })
      kv.set('cp:block:2', { version: 2 })
    })
    expect(a.entries('cp:')).toEqual([['cp:block:1', { version: 1 }], ['cp:block:2', { version: 2 }]])
    // A batch that throws commits nothing.
    expect(() => a.batch((kv) => {
      kv.set('cp:block:3', { version: 3 })
      throw new Error('stop')
    })).toThrow('stop')
    expect(a.get('cp:block:3')).toBeUndefined()
    await new Promise((resolve) => setImmediate(resolve))
    expect(c.cache!.count()).toBeGreaterThan(5)
    c.clearCache()
    expect(c.cache!.count()).toBe(0)
    expect(a.get('row')).toEqual({ version: 3 })
    await expect(client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl }).keyValues('x')).rejects.toThrow(/needs a cache/)
  }, 60_000)

  it('partitions the key/value area by account: a key written for one account is never read by another', async () => {
    const path = newCacheFile()
    const ada = emu.createUser({ email: 'ada-kv@example.com' })
    const grace = emu.createUser({ email: 'grace-kv@example.com', tokenV2: ada.tokenV2 })
    const stranger = emu.createUser({ email: 'stranger-kv@example.com' })
    const c = client({ tokenV2: ada.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const shared = await c.keyValues<string>('pipe:orders')
    shared.set('cursor', 'ada')
    // The same store object follows the active account.
    await c.setUserById(grace.id)
    expect(shared.get('cursor')).toBeUndefined()
    expect(shared.keys()).toEqual([])
    shared.set('cursor', 'grace')
    await c.setUserById(ada.id)
    expect(shared.get('cursor')).toBe('ada')
    await c.close()

    const other = client({ tokenV2: stranger.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const theirs = await other.keyValues<string>('pipe:orders')
    expect(theirs.get('cursor')).toBeUndefined()
    expect(theirs.entries()).toEqual([])
    theirs.clear()
    await other.close()

    const file = RecordCache.open(path)
    try {
      expect(file.kv(ada.id, 'pipe:orders').get('cursor')).toBe('ada')
      expect(file.kv(grace.id, 'pipe:orders').get('cursor')).toBe('grace')
      expect(file.kv(stranger.id, 'pipe:orders').get('cursor')).toBeUndefined()
      expect(() => file.kv('', 'pipe:orders')).toThrow(/account/)
    } finally {
      file.close()
    }
  }, 60_000)

  it('reports a failed cache write on errors$ and cacheState$, and goes on working', async () => {
    const path = newCacheFile()
    const c = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: { path, busyTimeoutMs: 0 } })
    const small = buildBigPage(emu, user, { topLevel: 5, databaseAt: 1 })
    const page = await c.getBlock(small.pageId)
    await c.whenSynced()
    await new Promise((resolve) => setImmediate(resolve))
    const errors: unknown[] = []
    const states: string[] = []
    c.errors$.subscribe((error) => errors.push(error))
    c.cacheState$.subscribe((state) => states.push(state))

    // Another process holds the write lock past busyTimeoutMs: the file refuses writes.
    const holder = new Database(path)
    holder.exec('BEGIN IMMEDIATE')
    try {
      ;(recordFor(c, 'block', small.blockIds[0]!) as TextBlock).title = 'written while locked'
      await c.flush()
      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 20_000 })
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }
    const error = errors[0]
    expect(core.CacheWriteError.isCacheWriteError(error)).toBe(true)
    expect(error).toMatchObject({ name: 'CacheWriteError', code: 'cache_write_failed', path })
    expect((error as Error).message).toContain('SQLITE_BUSY')
    expect((error as Error).message).not.toContain(user.tokenV2)
    expect(['records', 'queue', 'settle']).toContain((error as core.CacheWriteError).operation)
    expect(states).toContain('unwritable')
    expect(c.stale).toBe(false)
    // The client worked on: the write reached the server.
    expect(JSON.stringify(emu.context.records.get('block', small.blockIds[0]!)?.value['properties'])).toContain('written while locked')

    // The lock is gone: the next write goes through, the state is fresh again, and the missed record is in the file.
    ;(recordFor(c, 'block', small.blockIds[1]!) as TextBlock).title = 'written after'
    await c.flush()
    await vi.waitFor(() => expect(states.at(-1)).toBe('fresh'), { timeout: 20_000 })
    await c.close()
    const file = RecordCache.open(path)
    try {
      expect(JSON.stringify(file.get(user.id, 'block', small.blockIds[0]!)?.value?.['properties'])).toContain('written while locked')
      expect(JSON.stringify(file.get(user.id, 'block', small.blockIds[1]!)?.value?.['properties'])).toContain('written after')
    } finally {
      file.close()
    }
    expect(page.id).toBe(small.pageId)
  }, 60_000)
})

describe('an older cache file', () => {
  it('moves a layout-1 file to the current layout: records kept, the unpartitioned key/value rows dropped, a query results table added', () => {
    const path = newCacheFile()
    const old = new Database(path)
    old.exec(`
      CREATE TABLE records (user_id TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, role TEXT NOT NULL, version INTEGER NOT NULL,
        value TEXT, space_id TEXT, parent_id TEXT, used_at INTEGER NOT NULL, PRIMARY KEY (user_id, tbl, id)) WITHOUT ROWID;
      CREATE TABLE kv (namespace TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID;
      INSERT INTO records VALUES ('u', 'block', 'b1', 'editor', 4, '{"id":"b1","version":4}', NULL, NULL, 1);
      INSERT INTO kv VALUES ('pipe:a', 'cursor', '"whose?"', 1);
      PRAGMA application_id = ${0x4e525843};
      PRAGMA user_version = 1;
    `)
    old.close()
    const file = RecordCache.open(path)
    try {
      expect(file.get('u', 'block', 'b1')?.version).toBe(4)
      expect(file.kv('u', 'pipe:a').keys()).toEqual([])
      file.kv('u', 'pipe:a').set('cursor', 'mine')
      expect(file.kv('u', 'pipe:a').get('cursor')).toBe('mine')
    } finally {
      file.close()
    }
    const check = new Database(path, { readonly: true })
    try {
      expect(check.pragma('user_version', { simple: true })).toBe(5)
      expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('queries', 'writers', 'page_trees')").pluck().get()).toBe(3)
      expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all()).toEqual(['page_trees_on_delete', 'page_trees_on_insert', 'page_trees_on_move'])
    } finally {
      check.close()
    }
  })
})

describe('a bounded cache', () => {
  it('evicts the least recently used records past maxRecords, never a kept (observed) one', () => {
    const file = RecordCache.open({ path: newCacheFile(), maxRecords: 100 })
    try {
      const record = (i: number) => ({ table: 'block', id: `b${i}`, role: 'editor' as const, version: 1, value: { id: `b${i}`, parent_id: 'p' } })
      file.write('u', [record(0)])
      file.write('u', [record(1)])
      file.write('u', [record(2)])
      // Read again (a warm start): b2 is now more recently used than b3..b60.
      for (let i = 3; i < 60; i++) file.write('u', [record(i)])
      file.touch('u', [{ table: 'block', id: 'b2' }])
      for (let i = 60; i < 150; i++) file.write('u', [record(i)], (_table, id) => id === 'b0')
      expect(file.get('u', 'block', 'b2')).toBeDefined()
      expect(file.get('u', 'block', 'b3')).toBeUndefined()
      expect(file.count()).toBeLessThanOrEqual(100)
      expect(file.get('u', 'block', 'b0')).toBeDefined()
      expect(file.get('u', 'block', 'b1')).toBeUndefined()
      expect(file.get('u', 'block', 'b149')?.version).toBe(1)
      // A newer version wins, an older one never overwrites it.
      file.write('u', [{ ...record(149), version: 5 }])
      file.write('u', [{ ...record(149), version: 3 }])
      expect(file.get('u', 'block', 'b149')?.version).toBe(5)
    } finally {
      file.close()
    }
  })

  it('is shared by two clients on one file: the second starts warm from what the first wrote', async () => {
    const emu = await startEmulator({ port: 0, db: ':memory:' })
    try {
      const user = emu.createUser({ email: 'shared@example.com' })
      const page = buildBigPage(emu, user, { topLevel: 20, databaseAt: 4 })
      const path = newCacheFile()
      const a = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
      await a.getBlock(page.pageId)
      await new Promise((resolve) => setImmediate(resolve))
      const metered = new MeteredFetch()
      const b = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
      const origins: string[] = []
      b.changes$.subscribe((change) => origins.push(change.origin))
      await b.getBlock(page.pageId)
      expect(origins[0]).toBe('cache')
      await b.whenSynced()
      expect(metered.endpoints()).not.toContain('loadCachedPageChunkV2')
      expect(b.store.get('block', page.blockIds.at(-1)!)?.value).toEqual(a.store.get('block', page.blockIds.at(-1)!)?.value)
    } finally {
      await closeClients()
      await emu.close()
    }
  }, 60_000)
})

describe('a file that is not a cache', () => {
  it('gives a CacheCorruptError for garbage and for another program\'s database, and rebuilds when asked', () => {
    const garbage = newCacheFile()
    writeFileSync(garbage, 'this is not a database at all, just text that is long enough to look like a header'.repeat(100))
    const error = (() => {
      try {
        new NotionClient({ cache: garbage })
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(CacheCorruptError.isCacheCorruptError(error)).toBe(true)
    expect((error as CacheCorruptError).reason).toBe('not_sqlite')
    expect((error as Error).message).toContain("onCorrupt: 'rebuild'")

    const foreign = newCacheFile()
    const db = new Database(foreign)
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)')
    db.close()
    expect(() => new NotionClient({ cache: foreign })).toThrow(CacheCorruptError)
    expect(() => RecordCache.open(foreign)).toThrow(/foreign/)
    // Left alone: the other program's data is still there.
    const check = new Database(foreign)
    expect(check.prepare('SELECT total FROM invoices').get()).toEqual({ total: 9.5 })
    check.close()

    const rebuilt = new NotionClient({ cache: { path: garbage, onCorrupt: 'rebuild' } })
    expect(rebuilt.cache!.count()).toBe(0)
    void rebuilt.close()
  })

  it('refuses bad options with a clear error', () => {
    expect(() => new NotionClient({ cache: ':memory:' })).toThrow(/must name a file/)
    expect(() => new NotionClient({ cache: { path: newCacheFile(), maxRecords: 0 } })).toThrow(/maxRecords/)
  })
})

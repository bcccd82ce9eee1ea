import { firstValueFrom, filter } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { RecordCache } from '../src/cache/recordCache.js'
import type { QueryResult } from '../src/databases/query/queryResult.js'
import { where } from '../src/databases/query/queryFilter.js'
import { bigDatabase, type BigDatabase } from './support/databaseFixture.js'
import { cacheTestClients } from './support/cacheTestClients.js'
import { MeteredFetch } from './support/meteredFetch.js'

const { newCacheFile, client } = cacheTestClients('notion-rx-cache-queries-')

const queries = (metered: MeteredFetch) => metered.endpoints().filter((endpoint) => endpoint === 'queryCollection').length

describe('cached query results', () => {
  let emu: Emulator
  let owner: { id: string; tokenV2: string; spaceId: string }
  let db: BigDatabase
  let databases = 0

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, db: ':memory:' })
    owner = emu.createUser({ email: 'queries@example.com' })
  }, 60_000)
  afterAll(() => emu.close())

  /** A fresh 30-row database and a cache file that holds its view's query (run cold). */
  async function coldFile(): Promise<{ path: string; ids: readonly string[] }> {
    // The fixture derives the database's ids from the prefix's first 7 characters.
    db = bigDatabase(emu, owner.spaceId, 30, `${4_100_000 + ++databases}0`)
    const path = newCacheFile()
    const cold = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const result = await (await cold.getCollectionView(db.blockId)).query({}).execute()
    expect(result.stale).toBeUndefined()
    await cold.close()
    return { path, ids: result.ids }
  }

  it('shows the cached result of results$ before any queryCollection request, then the fresh one with a row a teammate added', async () => {
    const { path, ids } = await coldFile()
    const teammate = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl })
    const added = (await teammate.getCollectionView(db.blockId)).collection!.addRow({ title: 'Added meanwhile' })
    await teammate.flush()

    const metered = new MeteredFetch()
    const warm = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
    const view = await warm.getCollectionView(db.blockId)
    const emitted: QueryResult[] = []
    let requestsAtFirst = -1
    const subscription = view.query({}).results$.subscribe((result) => {
      if (emitted.length === 0) requestsAtFirst = queries(metered)
      emitted.push(result)
    })
    try {
      // At once, from the file: no queryCollection was sent before it, and its rows read the store.
      expect(emitted).toHaveLength(1)
      expect(requestsAtFirst).toBe(0)
      expect(emitted[0]!.stale).toBe(true)
      expect(emitted[0]!.ids).toEqual(ids)
      expect(emitted[0]!.requests).toBe(0)
      expect(emitted[0]!.values[0]?.['name']).toBe('Row 0')
      const fresh = await firstValueFrom(view.query({}).results$.pipe(filter((result) => result.stale !== true)))
      expect(fresh.ids).toContain(added.id)
      expect(fresh.ids).toHaveLength(ids.length + 1)
      expect(queries(metered)).toBeGreaterThan(0)
    } finally {
      subscription.unsubscribe()
    }
    await warm.whenSynced()
    await warm.close()

    // The file now holds the fresh result: the next start shows the added row at once.
    const next = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const result = await (await next.getCollectionView(db.blockId)).query({}).execute()
    expect(result.stale).toBe(true)
    expect(result.ids).toContain(added.id)
  }, 60_000)

  it('resolves execute() with the cached result at once and refreshes it in the background', async () => {
    const { path, ids } = await coldFile()
    const metered = new MeteredFetch()
    const warm = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
    const view = await warm.getCollectionView(db.blockId)
    const cached = await view.query({}).execute()
    expect(cached.stale).toBe(true)
    expect(cached.ids).toEqual(ids)
    expect(cached.rows.map((row) => row.id)).toEqual(ids)
    expect(queries(metered)).toBe(0)
    await warm.whenSynced()
    expect(queries(metered)).toBe(1)
    // Once this client has asked the server, execute() asks it again (the file served a warm start only).
    const again = await view.query({}).execute()
    expect(again.stale).toBeUndefined()
    expect(queries(metered)).toBe(2)
    // `cached: false` waits for the server even on a warm start.
    const other = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const waited = await (await other.getCollectionView(db.blockId)).query({}).execute({ cached: false })
    expect(waited.stale).toBeUndefined()
  }, 60_000)

  it('does not reuse an entry for a changed filter, limit or schema', async () => {
    const { path } = await coldFile()
    const metered = new MeteredFetch()
    const warm = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
    const view = await warm.getCollectionView(db.blockId)
    const filtered = await view.query({ filter: where('num', 'number_greater_than', 20) }).execute()
    expect(filtered.stale).toBeUndefined()
    expect(filtered.ids).toHaveLength(9)
    expect(queries(metered)).toBe(1)
    const limited = await view.query({}).withOptions({ limit: 5 }).execute()
    expect(limited.stale).toBeUndefined()
    expect(limited.ids).toHaveLength(5)
    expect(queries(metered)).toBe(2)
    await warm.close()

    // A property added to the schema: the unfiltered query's entry no longer applies.
    const editor = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl })
    const collection = (await editor.getCollectionView(db.blockId)).collection!
    collection.addProperty('Notes', 'text')
    await editor.flush()
    const after = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const afterView = await after.getCollectionView(db.blockId)
    // Until the sync, the client holds the cached collection, whose schema the entry was made under.
    await after.whenSynced()
    expect(Object.values(afterView.collection!.schema).map((property) => property.name)).toContain('Notes')
    const result = await afterView.query({}).execute()
    expect(result.stale).toBeUndefined()
  }, 60_000)

  it('never shows one account the result cached for another, even on one file', async () => {
    const { path } = await coldFile()
    const teammate = emu.createUser({ email: 'queries-teammate@example.com', spaceId: owner.spaceId })
    const metered = new MeteredFetch()
    const other = client({ tokenV2: teammate.tokenV2, baseUrl: emu.apiUrl, cache: path, fetch: metered.fetch })
    const emitted: QueryResult[] = []
    const view = await other.getCollectionView(db.blockId)
    const subscription = view.query({}).results$.subscribe((result) => emitted.push(result))
    try {
      expect(emitted).toHaveLength(0)
      const first = await firstValueFrom(view.query({}).results$)
      expect(first.stale).toBeUndefined()
      expect(first.ids).toHaveLength(30)
      expect(queries(metered)).toBeGreaterThan(0)
    } finally {
      subscription.unsubscribe()
    }
    await other.close()
    const file = RecordCache.open(path)
    try {
      // Both accounts' entries, each in its own partition.
      expect(file.queryCount()).toBe(2)
    } finally {
      file.close()
    }
  }, 60_000)

  it('keeps at most maxQueries results, least recently used out first, and clears them with clearCache()', async () => {
    const { path } = await coldFile()
    const c = client({ tokenV2: owner.tokenV2, baseUrl: emu.apiUrl, cache: { path, maxQueries: 3 } })
    const view = await c.getCollectionView(db.blockId)
    for (let n = 0; n < 6; n++) await view.query({ filter: where('num', 'number_greater_than', n) }).execute()
    expect(c.cache!.queryCount()).toBeLessThanOrEqual(3)
    c.clearCache()
    expect(c.cache!.queryCount()).toBe(0)
  }, 60_000)
})

import { normalizeRecordMap, type RecordEntry } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { DEFAULT_RESPONSE_CACHE_LIMITS, ResponseCache, type ResponseKey } from '../src/http/responseCache.js'
import { RecordMapBuilder } from '../src/storage/recordMapBuilder.js'
import { submit } from '../src/testing/submit.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

/** A page in Ada's space with two text blocks, written straight into the store. */
async function adaWithPage() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
  const base = { alive: true, version: 1, space_id: ada.spaceId }
  emu.context.records.transaction(() => {
    emu.context.records.put('block', 'page-1', {
      ...base, id: 'page-1', type: 'page', parent_id: ada.spaceId, parent_table: 'space',
      properties: { title: [['Cached page']] }, content: ['line-1', 'line-2'],
    })
    for (const id of ['line-1', 'line-2']) {
      emu.context.records.put('block', id, { ...base, id, type: 'text', parent_id: 'page-1', parent_table: 'block', properties: { title: [[`Text of ${id}`]] } })
    }
  })
  return { emu, ada }
}

const CHUNK = { page: { id: 'page-1' }, limit: 100, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false }

/** The blocks of a loadCachedPageChunkV2 answer as the caller sees them. */
async function chunkBlocks(emu: Emulator, auth: { tokenV2?: string; activeUser?: string } = {}): Promise<Record<string, RecordEntry>> {
  const response = await post(emu, 'loadCachedPageChunkV2', CHUNK, auth)
  expect(response.status).toBe(200)
  return normalizeRecordMap(response.body.recordMap).block ?? {}
}

const titleOf = (entry: RecordEntry | undefined) => (entry?.value?.['properties'] as { title: string[][] } | undefined)?.title[0]?.[0]

describe('the response cache of page chunks', () => {
  it('answers after a write with the write, whether committed over HTTP or put into the store', async () => {
    const { emu, ada } = await adaWithPage()
    // Asked three times: the second answer is filed, the third comes from the cache.
    for (let i = 0; i < 3; i++) expect(titleOf((await chunkBlocks(emu, ada))['line-1'])).toBe('Text of line-1')

    const edit = await submit(emu, ada.tokenV2, [{ pointer: { table: 'block', id: 'line-1', spaceId: ada.spaceId }, path: ['properties', 'title'], command: 'set', args: [['Edited']] }])
    expect(edit.status).toBe(200)
    for (let i = 0; i < 3; i++) expect(titleOf((await chunkBlocks(emu, ada))['line-1'])).toBe('Edited')

    const line2 = emu.context.records.get('block', 'line-2')!
    emu.context.records.put('block', 'line-2', { ...line2.value, version: line2.version + 1, properties: { title: [['Put directly']] } })
    expect(titleOf((await chunkBlocks(emu, ada))['line-2'])).toBe('Put directly')

    const removed = await submit(emu, ada.tokenV2, [{ pointer: { table: 'block', id: 'page-1', spaceId: ada.spaceId }, path: ['content'], command: 'listRemove', args: { id: 'line-2' } }])
    expect(removed.status).toBe(200)
    expect(Object.keys(await chunkBlocks(emu, ada)).sort()).toEqual(['line-1', 'page-1'])
  })

  it('never gives one caller the answer cached for another', async () => {
    const { emu, ada } = await adaWithPage()
    const stranger = emu.createUser({ email: 'stranger@example.com' })
    const reader = emu.createUser({ email: 'reader@example.com', spaceId: ada.spaceId, role: 'reader' })
    // The same token logged into a second account, picked with x-notion-active-user-header.
    const second = emu.createUser({ email: 'second@example.com', tokenV2: stranger.tokenV2 })

    for (let i = 0; i < 2; i++) await chunkBlocks(emu, ada)
    const own = await chunkBlocks(emu, ada)
    expect(own['page-1']?.role).toBe('editor')
    expect(titleOf(own['line-1'])).toBe('Text of line-1')

    const strangers = await chunkBlocks(emu, stranger)
    expect(strangers['page-1']).toEqual({ role: 'none' })
    expect(strangers['line-1']).toBeUndefined()
    expect(await chunkBlocks(emu, { tokenV2: stranger.tokenV2, activeUser: second.id })).toEqual({ 'page-1': { role: 'none' } })
    expect(await chunkBlocks(emu)).toEqual({ 'page-1': { role: 'none' } })

    const readers = await chunkBlocks(emu, reader)
    expect(readers['page-1']?.role).toBe('reader')
    expect(readers['line-1']?.role).toBe('reader')
    // And the first caller still gets their own answer.
    expect((await chunkBlocks(emu, ada))['page-1']?.role).toBe('editor')
  })

  it('knows a user added to a token after the token was used', async () => {
    const { emu, ada } = await adaWithPage()
    for (let i = 0; i < 3; i++) expect((await chunkBlocks(emu, ada))['page-1']?.role).toBe('editor')
    const other = emu.createUser({ email: 'other@example.com', tokenV2: ada.tokenV2 })
    expect(await chunkBlocks(emu, { tokenV2: ada.tokenV2, activeUser: other.id })).toEqual({ 'page-1': { role: 'none' } })
    expect((await chunkBlocks(emu, ada))['page-1']?.role).toBe('editor')
  })

  it('takes a revoked share back at once', async () => {
    const { emu, ada } = await adaWithPage()
    const bob = emu.createUser({ email: 'bob@example.com' })
    const share = (role: string) =>
      submit(emu, ada.tokenV2, [{ pointer: { table: 'block', id: 'page-1', spaceId: ada.spaceId }, path: ['permissions'], command: 'setPermissionItem', args: { type: 'user_permission', role, user_id: bob.id } }])
    expect((await share('reader')).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await chunkBlocks(emu, bob))['line-1']?.role).toBe('reader')
    expect((await share('none')).status).toBe(200)
    expect(await chunkBlocks(emu, bob)).toEqual({ 'page-1': { role: 'none' } })
  })

  it('answers each envelope in its own shape for the same body', async () => {
    const { emu, ada } = await adaWithPage()
    const nested = await post(emu, 'loadCachedPageChunkV2', CHUNK, ada)
    const flat = await fetch(`${emu.apiUrlFor({ envelope: 'flat' })}/loadCachedPageChunkV2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `token_v2=${ada.tokenV2}` },
      body: JSON.stringify(CHUNK),
    })
    const flatBody = (await flat.json()) as { recordMap: Record<string, any> }
    expect(nested.body.recordMap.__version__).toBe(3)
    expect(nested.body.recordMap.block['page-1'].value.role).toBe('editor')
    expect(flatBody.recordMap['__version__']).toBeUndefined()
    expect(flatBody.recordMap['block']['page-1'].role).toBe('editor')
  })
})

describe('ResponseCache', () => {
  const key = (body: string, userId: string | null = 'ada'): ResponseKey => ({ endpoint: 'loadCachedPageChunkV2', envelope: 'nested', strict: false, userId: userId ?? undefined, body })
  const answer = (bytes: number) => Buffer.alloc(bytes, 'x')

  /** Files every answer at once, so that the other limits are what the tests see. */
  const eager = { ...DEFAULT_RESPONSE_CACHE_LIMITS, admitAfterMisses: 0 }

  it('files an answer only once its request has missed twice in the generation', () => {
    const cache = new ResponseCache()
    cache.set(key('a'), 1, answer(10))
    expect(cache.size.entries).toBe(0)
    expect(cache.get(key('a'), 1)).toBeUndefined()
    cache.set(key('a'), 1, answer(10))
    expect(cache.size.entries).toBe(0)
    expect(cache.get(key('a'), 1)).toBeUndefined()
    expect(cache.get(key('a', 'bob'), 1)).toBeUndefined()
    cache.set(key('a'), 1, answer(10))
    expect(cache.get(key('a'), 1)?.length).toBe(10)
    // Bob missed once: his answer waits for a second miss.
    cache.set(key('a', 'bob'), 1, answer(10))
    expect(cache.get(key('a', 'bob'), 1)).toBeUndefined()
    // A new generation counts again from zero.
    expect(cache.get(key('b'), 2)).toBeUndefined()
    expect(cache.get(key('b'), 2)).toBeUndefined()
    expect(cache.get(key('a'), 2)).toBeUndefined()
    cache.set(key('a'), 2, answer(10))
    expect(cache.size.entries).toBe(0)
  })

  it('keeps answers apart by caller, endpoint, envelope and strictness', () => {
    const cache = new ResponseCache(eager)
    cache.set(key('{}'), 1, Buffer.from('ada'))
    expect(cache.get(key('{}', 'bob'), 1)).toBeUndefined()
    expect(cache.get(key('{}', null), 1)).toBeUndefined()
    expect(cache.get({ ...key('{}'), endpoint: 'loadPageChunk' }, 1)).toBeUndefined()
    expect(cache.get({ ...key('{}'), envelope: 'flat' }, 1)).toBeUndefined()
    expect(cache.get({ ...key('{}'), strict: true }, 1)).toBeUndefined()
    expect(cache.get(key('{} '), 1)).toBeUndefined()
    expect(cache.get(key('{}'), 1)?.toString()).toBe('ada')
  })

  it('drops everything when the generation moves, and files nothing from an older generation', () => {
    const cache = new ResponseCache(eager)
    cache.set(key('a'), 1, answer(10))
    expect(cache.get(key('a'), 2)).toBeUndefined()
    expect(cache.size).toEqual({ entries: 0, bytes: 0 })
    expect(cache.get(key('a'), 1)).toBeUndefined()
  })

  it('stays within its entries and bytes, dropping the least recently used', () => {
    const cache = new ResponseCache({ maxBytes: 10_000, maxEntries: 4, admitAfterMisses: 0 })
    for (const name of ['a', 'b', 'c', 'd']) cache.set(key(name), 7, answer(100))
    expect(cache.get(key('a'), 7)).toBeDefined() // a is now the most recent
    cache.set(key('e'), 7, answer(100))
    expect(cache.size.entries).toBe(4)
    expect(cache.get(key('b'), 7)).toBeUndefined()
    expect(cache.get(key('a'), 7)).toBeDefined()

    for (let i = 0; i < 100; i++) cache.set(key(`big ${i}`), 7, answer(2_000))
    expect(cache.size.bytes).toBeLessThanOrEqual(10_000)
    expect(cache.size.entries).toBe(4)
    // An answer bigger than a quarter of the budget is not worth a slot.
    cache.set(key('huge'), 7, answer(2_600))
    expect(cache.get(key('huge'), 7)).toBeUndefined()
    expect(DEFAULT_RESPONSE_CACHE_LIMITS.maxBytes).toBeLessThanOrEqual(64 * 1024 * 1024)
  })
})

describe('RecordMapBuilder.toWireJsonText', () => {
  it('writes exactly what JSON.stringify writes of toWire, in both envelopes', async () => {
    const { emu, ada } = await adaWithPage()
    const stranger = emu.createUser({ email: 'stranger@example.com' })
    emu.context.records.put('block', 'line-1', {
      ...emu.context.records.get('block', 'line-1')!.value,
      version: 2, created_by_id: stranger.id, created_by_table: 'notion_user', properties: { title: [['Ünïcödé "quoted" \u2028 text']] },
    })
    for (const envelope of ['nested', 'flat'] as const) {
      for (const userId of [ada.id, stranger.id, undefined]) {
        const builder = new RecordMapBuilder(emu.context, userId, envelope)
        // Ids that need escaping take JSON.stringify's path: quotes, backslashes, control characters, surrogates.
        for (const id of ['page-1', 'line-1', 'line-2', 'missing', 'we"ird\\id', 'tab\tid', 'emoji \ud83d\ude00', 'lone \ud800']) {
          builder.add('block', id, { stubIfUnreadable: true })
        }
        builder.add('notion_user', stranger.id, { namedByReadable: true })
        builder.add('space', ada.spaceId, { stubIfUnreadable: true })
        expect(builder.toWireJsonText().text).toBe(JSON.stringify(builder.toWire()))
      }
    }
  })
})

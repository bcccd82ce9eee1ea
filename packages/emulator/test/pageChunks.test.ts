import { normalizeRecordMap } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

type Value = Record<string, unknown>

interface Workspace {
  emu: Emulator
  tokenV2: string
  userId: string
  spaceId: string
}

async function workspace(options: Parameters<typeof testEmulator>[0] = {}): Promise<Workspace> {
  const emu = await testEmulator(options)
  const ada = emu.createUser({ email: 'ada@example.com', name: 'Ada Lovelace' })
  return { emu, tokenV2: ada.tokenV2, userId: ada.id, spaceId: ada.spaceId }
}

/** Writes a block straight into the store (the write endpoints are not needed to read). */
function putBlock(ws: Workspace, value: Value): void {
  ws.emu.context.records.put('block', value['id'] as string, {
    version: 1,
    alive: true,
    parent_table: 'block',
    space_id: ws.spaceId,
    created_by_id: ws.userId,
    created_by_table: 'notion_user',
    ...value,
  })
}

/** Ids of the blocks in a chunk's record map, in the order the server wrote them. */
function blockIds(recordMap: unknown): string[] {
  return Object.keys(normalizeRecordMap(recordMap).block ?? {})
}

/** A tiny deterministic PRNG so the tree shape is the same on every run. */
function prng(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

/**
 * A page with `count` blocks below it, nested up to several levels, some of them sub-pages (whose
 * own content must not be walked) and one soft-deleted block still listed in content. Returns the
 * expected depth-first order, computed from the tree built here.
 */
function buildNestedPage(ws: Workspace, pageId: string, count: number): string[] {
  const random = prng(42)
  const children = new Map<string, string[]>([[pageId, []]])
  const containers = [pageId]
  const types = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    const id = `b-${String(i).padStart(4, '0')}`
    const parent = containers[Math.floor(random() * containers.length)]!
    children.get(parent)!.push(id)
    const type = i % 37 === 5 ? 'page' : i % 3 === 0 ? 'toggle' : 'text'
    types.set(id, type)
    children.set(id, [])
    if (type !== 'page') containers.push(id)
  }
  // Each sub-page gets content of its own, which belongs to that page, not this one.
  for (const [id, type] of types) {
    if (type === 'page') children.set(id, [`${id}-inner-1`, `${id}-inner-2`])
  }
  putBlock(ws, {
    id: pageId,
    type: 'page',
    parent_id: ws.spaceId,
    parent_table: 'space',
    properties: { title: [['Big page']] },
    content: children.get(pageId),
  })
  for (const [id, type] of types) {
    const parentId = [...children].find(([, list]) => list.includes(id))![0]
    const content = children.get(id)!
    putBlock(ws, {
      id,
      type,
      parent_id: parentId,
      properties: { title: [[`Block ${id}`]] },
      ...(content.length > 0 ? { content } : {}),
      ...(id === 'b-0007' ? { alive: false } : {}),
    })
    if (type === 'page') for (const inner of content) putBlock(ws, { id: inner, type: 'text', parent_id: id })
  }
  const order: string[] = []
  const walk = (id: string) => {
    for (const child of children.get(id) ?? []) {
      order.push(child)
      if (types.get(child) !== 'page') walk(child)
    }
  }
  walk(pageId)
  return order
}

describe('page chunks', () => {
  it('reads a 250-block nested page in chunks of 100: every block once, depth first, with resumable cursors', async () => {
    const ws = await workspace()
    const pageId = 'big-page'
    const expected = buildNestedPage(ws, pageId, 250)
    expect(expected).toHaveLength(250)
    const wanted = new Set(expected)

    const seen: string[] = []
    const chunkSizes: number[] = []
    let stack: unknown[] = []
    for (let chunkNumber = 0; chunkNumber < 10; chunkNumber++) {
      const response = await post(
        ws.emu,
        'loadPageChunk',
        { pageId, limit: 100, cursor: { stack }, chunkNumber, verticalColumns: false },
        { tokenV2: ws.tokenV2 },
      )
      expect(response.status).toBe(200)
      const ids = blockIds(response.body.recordMap).filter((id) => wanted.has(id))
      chunkSizes.push(ids.length)
      seen.push(...ids)
      // The page itself comes with every chunk; sub-pages' own content never does.
      expect(blockIds(response.body.recordMap)).toContain(pageId)
      expect(blockIds(response.body.recordMap).some((id) => id.includes('-inner-'))).toBe(false)
      stack = response.body.cursor.stack
      if (stack.length === 0) break
      // A cursor is the path from the page down: each frame is the child its parent frame just passed.
      const path = (stack as Value[][])[0]!
      expect(path[0]).toMatchObject({ table: 'block', id: pageId, spaceId: ws.spaceId })
      for (let k = 1; k < path.length; k++) {
        const parent = ws.emu.context.records.get('block', path[k - 1]!['id'] as string)!
        const content = parent.value['content'] as string[]
        expect(content[(path[k - 1]!['index'] as number) - 1]).toBe(path[k]!['id'])
      }
    }
    expect(chunkSizes).toEqual([100, 100, 50])
    expect(seen).toEqual(expected)
    expect(stack).toEqual([])
  })

  it('gives exact cursors on a small page and resumes from them on every endpoint', async () => {
    const ws = await workspace()
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['a', 'b', 'c'] })
    putBlock(ws, { id: 'a', type: 'text', parent_id: 'p' })
    putBlock(ws, { id: 'b', type: 'toggle', parent_id: 'p', content: ['b1', 'b2'] })
    putBlock(ws, { id: 'b1', type: 'text', parent_id: 'b' })
    putBlock(ws, { id: 'b2', type: 'text', parent_id: 'b' })
    putBlock(ws, { id: 'c', type: 'text', parent_id: 'p' })
    const auth = { tokenV2: ws.tokenV2 }
    const frame = (id: string, index: number) => ({ table: 'block', id, index, spaceId: ws.spaceId })

    const first = await post(ws.emu, 'loadPageChunk', { pageId: 'p', limit: 2, cursor: { stack: [] } }, auth)
    expect(blockIds(first.body.recordMap).filter((id) => id !== 'p')).toEqual(['a', 'b'])
    expect(first.body.cursor).toEqual({ stack: [[frame('p', 2), frame('b', 0)]] })

    const second = await post(ws.emu, 'loadCachedPageChunk', { page: { id: 'p' }, limit: 2, cursor: first.body.cursor, chunkNumber: 1 }, auth)
    expect(blockIds(second.body.recordMap)).toEqual(['p', 'b1', 'b2'])
    expect(second.body.cursor).toEqual({ stack: [[frame('p', 2)]] })

    const third = await post(ws.emu, 'loadCachedPageChunkV2', { page: { id: 'p', spaceId: ws.spaceId }, limit: 2, cursor: second.body.cursor }, auth)
    expect(blockIds(third.body.recordMap)).toEqual(['p', 'c'])
    expect(third.body).toMatchObject({ cursors: [], cursor: { stack: [] }, spaceId: ws.spaceId })

    const v2 = await post(ws.emu, 'loadCachedPageChunkV2', { page: { id: 'p' }, limit: 2, cursor: { stack: [] } }, auth)
    expect(v2.body.cursors).toEqual([{ stack: [[frame('p', 2), frame('b', 0)]] }])
    expect(v2.body.cursor).toEqual(v2.body.cursors[0])
    // No limit means 30; V2 scrapers send only page and cursor (or a null cursor).
    const whole = await post(ws.emu, 'loadCachedPageChunkV2', { page: { id: 'p' }, cursor: null, verticalColumns: false }, auth)
    expect(blockIds(whole.body.recordMap)).toEqual(['p', 'a', 'b', 'b1', 'b2', 'c'])
    expect(whole.body.cursors).toEqual([])
  })

  it('does not fail on a stale cursor: reading goes on after the cursor\'s block at its new position', async () => {
    const ws = await workspace()
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['a', 'b', 'c'] })
    putBlock(ws, { id: 'a', type: 'text', parent_id: 'p' })
    putBlock(ws, { id: 'b', type: 'toggle', parent_id: 'p', content: ['b1', 'b2'] })
    putBlock(ws, { id: 'b1', type: 'text', parent_id: 'b' })
    putBlock(ws, { id: 'b2', type: 'text', parent_id: 'b' })
    putBlock(ws, { id: 'c', type: 'text', parent_id: 'p' })
    const auth = { tokenV2: ws.tokenV2 }
    const first = await post(ws.emu, 'loadPageChunk', { pageId: 'p', limit: 2 }, auth)
    // Someone moves b below c before the next chunk is read.
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['a', 'c', 'b'], version: 2 })
    const next = await post(ws.emu, 'loadPageChunk', { pageId: 'p', limit: 10, cursor: first.body.cursor }, auth)
    expect(next.status).toBe(200)
    expect(blockIds(next.body.recordMap)).toEqual(['p', 'b1', 'b2'])
    expect(next.body.cursor).toEqual({ stack: [] })
  })

  it('chunk 0 carries ancestors, the space, collections and views, discussions and comments, and users', async () => {
    const ws = await workspace()
    const bob = ws.emu.createUser({ email: 'bob@example.com', name: 'Bob', spaceId: ws.spaceId })
    const records = ws.emu.context.records
    putBlock(ws, { id: 'top', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['mid'], discussions: ['d-top'] })
    putBlock(ws, { id: 'mid', type: 'page', parent_id: 'top', content: ['page'] })
    putBlock(ws, {
      id: 'page',
      type: 'page',
      parent_id: 'mid',
      content: ['text', 'db', 'db2'],
      last_edited_by_id: bob.id,
      last_edited_by_table: 'notion_user',
    })
    putBlock(ws, {
      id: 'text',
      type: 'text',
      parent_id: 'page',
      properties: { title: [['Hi '], ['‣', [['u', bob.id]]]] },
      discussions: ['d1'],
    })
    putBlock(ws, { id: 'db', type: 'collection_view', parent_id: 'page', collection_id: 'coll', view_ids: ['v1', 'v2'] })
    putBlock(ws, {
      id: 'db2',
      type: 'collection_view',
      parent_id: 'page',
      format: { collection_pointer: { id: 'coll2', table: 'collection', spaceId: ws.spaceId } },
      view_ids: ['v3'],
    })
    for (const [id, parent] of [['coll', 'db'], ['coll2', 'db2']] as const) {
      records.put('collection', id, { id, version: 3, parent_id: parent, parent_table: 'block', space_id: ws.spaceId, name: [[id]], schema: {} })
    }
    for (const [id, parent] of [['v1', 'db'], ['v2', 'db'], ['v3', 'db2']] as const) {
      records.put('collection_view', id, { id, version: 1, type: 'table', parent_id: parent, parent_table: 'block', space_id: ws.spaceId })
    }
    for (const [id, parent, comment] of [['d1', 'text', 'c1'], ['d-top', 'top', 'c-top']] as const) {
      records.put('discussion', id, { id, version: 1, parent_id: parent, parent_table: 'block', resolved: false, comments: [comment], space_id: ws.spaceId })
      records.put('comment', comment, {
        id: comment,
        version: 1,
        alive: true,
        parent_id: id,
        parent_table: 'discussion',
        text: [['a comment']],
        created_by_id: bob.id,
        created_by_table: 'notion_user',
        space_id: ws.spaceId,
      })
    }

    const response = await post(ws.emu, 'loadPageChunk', { pageId: 'page', limit: 30, cursor: { stack: [] }, chunkNumber: 0 }, { tokenV2: ws.tokenV2 })
    expect(response.status).toBe(200)
    const map = normalizeRecordMap(response.body.recordMap)
    expect(response.body.recordMap.__version__).toBe(3)
    expect(Object.keys(map.block ?? {}).sort()).toEqual(['db', 'db2', 'mid', 'page', 'text', 'top'])
    expect(map.block?.['top']).toMatchObject({ role: 'editor', spaceId: ws.spaceId })
    expect(map.space?.[ws.spaceId]?.value?.['name']).toBe("Ada Lovelace's Notion")
    expect(Object.keys(map.collection ?? {}).sort()).toEqual(['coll', 'coll2'])
    expect(Object.keys(map.collection_view ?? {}).sort()).toEqual(['v1', 'v2', 'v3'])
    expect(Object.keys(map.discussion ?? {}).sort()).toEqual(['d-top', 'd1'])
    expect(Object.keys(map.comment ?? {}).sort()).toEqual(['c-top', 'c1'])
    expect(map.comment?.['c1']?.value?.['text']).toEqual([['a comment']])
    expect(Object.keys(map.notion_user ?? {}).sort()).toEqual([ws.userId, bob.id].sort())
    expect(map.notion_user?.[bob.id]).toMatchObject({ role: 'reader', value: { email: 'bob@example.com' } })

    // Later chunks carry their own blocks' relations but not the ancestors and the space again.
    const later = await post(
      ws.emu,
      'loadPageChunk',
      { pageId: 'page', limit: 1, cursor: { stack: [[{ table: 'block', id: 'page', index: 1 }]] }, chunkNumber: 1 },
      { tokenV2: ws.tokenV2 },
    )
    const laterMap = normalizeRecordMap(later.body.recordMap)
    expect(Object.keys(laterMap.block ?? {})).toEqual(['page', 'db'])
    expect(laterMap.space).toBeUndefined()
    expect(Object.keys(laterMap.collection ?? {})).toEqual(['coll'])
    expect(Object.keys(laterMap.collection_view ?? {}).sort()).toEqual(['v1', 'v2'])
    expect(later.body.cursor.stack[0][0]).toMatchObject({ id: 'page', index: 2 })
  })

  it('writes the flat envelope when the emulator is set to it', async () => {
    const ws = await workspace({ envelope: 'flat' })
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['a'] })
    putBlock(ws, { id: 'a', type: 'text', parent_id: 'p', properties: { title: [['Hello']] } })
    const response = await post(ws.emu, 'loadCachedPageChunk', { page: { id: 'p' }, limit: 50, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false }, { tokenV2: ws.tokenV2 })
    expect(response.body.recordMap.__version__).toBeUndefined()
    expect(response.body.recordMap.block.a).toEqual({
      role: 'editor',
      value: expect.objectContaining({ id: 'a', properties: { title: [['Hello']] } }),
    })
    expect(response.body.recordMap.space[ws.spaceId]).toMatchObject({ role: 'editor', value: { id: ws.spaceId } })
    expect(response.body.cursor).toEqual({ stack: [] })
  })

  it('an outsider, or anyone asking for a missing page, gets HTTP 200 with only a none stub and an empty cursor', async () => {
    const ws = await workspace()
    const eve = ws.emu.createUser({ email: 'eve@example.com' })
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['a'] })
    putBlock(ws, { id: 'a', type: 'text', parent_id: 'p', properties: { title: [['secret']] } })

    const outsider = await post(ws.emu, 'loadPageChunk', { pageId: 'p', limit: 30, cursor: { stack: [] } }, { tokenV2: eve.tokenV2 })
    expect(outsider.status).toBe(200)
    expect(outsider.body).toEqual({
      cursor: { stack: [] },
      // Notion's stub names the space; a stranger is not told which workspace holds the page.
      recordMap: { __version__: 3, block: { p: { value: { role: 'none' } } } },
    })
    expect(JSON.stringify(outsider.body)).not.toContain('secret')

    const anonymous = await post(ws.emu, 'loadCachedPageChunkV2', { page: { id: 'p' }, cursor: { stack: [] } })
    expect(anonymous.body).toEqual({
      cursors: [],
      cursor: { stack: [] },
      // Notion's stub names the space; a stranger is not told which workspace holds the page.
      recordMap: { __version__: 3, block: { p: { value: { role: 'none' } } } },
    })

    const zeros = '00000000-0000-0000-0000-000000000000'
    const missing = await post(ws.emu, 'loadPageChunk', { pageId: zeros, limit: 100, cursor: { stack: [] }, chunkNumber: 0 }, { tokenV2: ws.tokenV2 })
    expect(missing.status).toBe(200)
    expect(missing.body).toEqual({ cursor: { stack: [] }, recordMap: { __version__: 3, block: { [zeros]: { value: { role: 'none' } } } } })
  })

  it('a public page is readable anonymously, with role reader', async () => {
    const ws = await workspace()
    putBlock(ws, {
      id: 'pub',
      type: 'page',
      parent_id: ws.spaceId,
      parent_table: 'space',
      content: ['a', 'sub'],
      permissions: [{ role: 'reader', type: 'public_permission', added_timestamp: 1, allow_duplicate: false }],
    })
    putBlock(ws, { id: 'a', type: 'text', parent_id: 'pub', properties: { title: [['Hello world']] } })
    putBlock(ws, { id: 'sub', type: 'page', parent_id: 'pub', content: ['deep'] })
    putBlock(ws, { id: 'deep', type: 'text', parent_id: 'sub' })

    const response = await post(ws.emu, 'loadPageChunk', { pageId: 'pub', limit: 100, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false })
    expect(response.status).toBe(200)
    const map = normalizeRecordMap(response.body.recordMap)
    expect(Object.keys(map.block ?? {})).toEqual(['pub', 'a', 'sub'])
    expect(map.block?.['a']).toMatchObject({ role: 'reader', value: { properties: { title: [['Hello world']] } } })
    // The space is private: a stub, not its settings.
    expect(map.space?.[ws.spaceId]).toEqual({ role: 'none' })
    expect(response.body.cursor).toEqual({ stack: [] })
    // Its author comes along, readable through the page, as in Notion's recorded public pages:
    // the public profile, without the email (only members of a common space see that).
    expect(map.notion_user?.[ws.userId]).toMatchObject({ role: 'reader', value: { id: ws.userId } })
    expect(map.notion_user?.[ws.userId]?.value?.['email']).toBeUndefined()
    // A user who wrote nothing readable stays private.
    const other = ws.emu.createUser({ email: 'eve@example.com' })
    const direct = await post(ws.emu, 'syncRecordValues', { requests: [{ pointer: { table: 'notion_user', id: other.id }, version: -1 }] })
    expect(normalizeRecordMap(direct.body.recordMap).notion_user?.[other.id]?.value).toBeUndefined()
  })

  it('omits records the V2 caller already holds at their current version', async () => {
    const ws = await workspace()
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['a', 'b'] })
    putBlock(ws, { id: 'a', type: 'text', parent_id: 'p', version: 4 })
    putBlock(ws, { id: 'b', type: 'text', parent_id: 'p', version: 2 })
    const response = await post(
      ws.emu,
      'loadCachedPageChunkV2',
      {
        page: { id: 'p', spaceId: ws.spaceId },
        cursor: { stack: [] },
        omitExistingRecordVersions: [
          { pointer: { table: 'block', id: 'a', spaceId: ws.spaceId }, version: 4 },
          { table: 'block', id: 'b', version: 1 },
          { table: 'space', id: ws.spaceId, version: 99 },
        ],
      },
      { tokenV2: ws.tokenV2 },
    )
    const map = normalizeRecordMap(response.body.recordMap)
    expect(Object.keys(map.block ?? {})).toEqual(['p', 'b'])
    expect(map.space?.[ws.spaceId]).toBeUndefined()
  })

  it('rejects bad input with a 400 ValidationError and leaves stored data alone', async () => {
    const ws = await workspace()
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['a'] })
    putBlock(ws, { id: 'a', type: 'text', parent_id: 'p' })
    putBlock(ws, { id: 'other', type: 'page', parent_id: ws.spaceId, parent_table: 'space' })
    const before = ws.emu.context.records.all('block')
    const auth = { tokenV2: ws.tokenV2 }
    const stack = { stack: [] }
    const bad: [string, unknown][] = [
      ['loadPageChunk', { pageId: 'p', limit: 101, cursor: stack, chunkNumber: 0 }],
      ['loadCachedPageChunk', { page: { id: 'p' }, limit: 101, cursor: stack, chunkNumber: 0 }],
      ['loadCachedPageChunkV2', { page: { id: 'p' }, limit: 101, cursor: stack }],
      ['loadPageChunk', { pageId: 'p', limit: 0, cursor: stack }],
      ['loadPageChunk', { pageId: 'p', limit: -5, cursor: stack }],
      ['loadPageChunk', { pageId: 'p', limit: 2.5, cursor: stack }],
      ['loadPageChunk', { pageId: 'p', limit: '30', cursor: stack }],
      ['loadPageChunk', { limit: 30, cursor: stack }],
      ['loadPageChunk', { pageId: 42, limit: 30 }],
      ['loadPageChunk', { pageId: 'p', cursor: { stack: 'nope' } }],
      ['loadPageChunk', { pageId: 'p', cursor: { stack: [[{ table: 'block', id: 'p', index: -1 }]] } }],
      ['loadCachedPageChunk', { pageId: 'p' }],
      ['loadCachedPageChunkV2', { page: {}, cursor: stack }],
      ['loadCachedPageChunkV2', { page: { id: 'p' }, omitExistingRecordVersions: [{ id: 'a' }] }],
      // A cursor of another page.
      ['loadPageChunk', { pageId: 'p', cursor: { stack: [[{ table: 'block', id: 'other', index: 0 }]] } }],
    ]
    for (const [endpoint, body] of bad) {
      const response = await post(ws.emu, endpoint, body, auth)
      expect(response.status, `${endpoint} ${JSON.stringify(body)}`).toBe(400)
      expect(response.body).toMatchObject({ isNotionError: true, name: 'ValidationError', message: 'Invalid input.' })
    }
    expect(ws.emu.context.records.all('block')).toEqual(before)
    // The server is still fine, and 100 is still allowed.
    const ok = await post(ws.emu, 'loadPageChunk', { pageId: 'p', limit: 100, cursor: stack }, auth)
    expect(ok.status).toBe(200)
    expect(blockIds(ok.body.recordMap)).toEqual(['p', 'a'])
  })

  it('survives content cycles in bad data', async () => {
    const ws = await workspace()
    putBlock(ws, { id: 'p', type: 'page', parent_id: ws.spaceId, parent_table: 'space', content: ['x'] })
    putBlock(ws, { id: 'x', type: 'toggle', content: ['y'] })
    putBlock(ws, { id: 'y', type: 'toggle', content: ['x', 'p'] })
    const seen: string[] = []
    let cursor: unknown = { stack: [] }
    for (let i = 0; i < 100; i++) {
      const response = await post(ws.emu, 'loadPageChunk', { pageId: 'p', limit: 100, cursor }, { tokenV2: ws.tokenV2 })
      expect(response.status).toBe(200)
      seen.push(...blockIds(response.body.recordMap))
      cursor = response.body.cursor
      if (response.body.cursor.stack.length === 0) break
    }
    expect((cursor as { stack: unknown[] }).stack).toEqual([])
    expect(new Set(seen)).toEqual(new Set(['p', 'x', 'y']))
  })
})

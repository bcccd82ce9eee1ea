import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { normalizeRecordMap, parseRecordValue } from '@notion-rx/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../src/index.js'
import type { StoredRecord } from '../src/storage/recordRepository.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

const TABLES = ['space', 'space_view', 'notion_user', 'user_root', 'user_settings', 'block', 'collection', 'collection_view', 'discussion', 'comment']

function allRecords(emu: Emulator): StoredRecord[] {
  return TABLES.flatMap((table) => emu.context.records.all(table))
}

function block(emu: Emulator, id: string): Record<string, any> {
  const record = emu.context.records.get('block', id)
  if (!record) throw new Error(`no block ${id}`)
  return record.value
}

async function sync(emu: Emulator, tokenV2: string | undefined, table: string, id: string) {
  const response = await post(
    emu,
    'syncRecordValues',
    { requests: [{ pointer: { table, id }, version: -1 }] },
    tokenV2 ? { tokenV2 } : {},
  )
  expect(response.status).toBe(200)
  return normalizeRecordMap(response.body.recordMap)[table]?.[id]
}

const tempDirs: string[] = []
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('demo workspace seed', () => {
  it('seeds Ada and Grace, the handbook, the tasks database and a discussion, with the same ids on every run', async () => {
    const first = await testEmulator({ seed: 'demo' })
    const second = await testEmulator({ seed: 'demo' })
    const demo = first.demo!
    expect(demo).toBeDefined()
    const { ownerToken: _a, memberToken: _b, ...ids } = demo
    const { ownerToken: _c, memberToken: _d, ...idsAgain } = second.demo!
    expect(idsAgain).toEqual(ids)
    // Tokens are credentials: fresh for each new database.
    expect(second.demo!.ownerToken).not.toBe(demo.ownerToken)
    // Content is byte-identical apart from what createUser randomizes (space_view ids).
    const contentOf = (emu: Emulator) =>
      ['block', 'collection', 'collection_view', 'discussion', 'comment'].map((table) =>
        emu.context.records.all(table).map((r) => JSON.stringify(r.value)).sort(),
      )
    expect(contentOf(second)).toEqual(contentOf(first))

    expect(block(first, demo.homePageId)).toMatchObject({
      type: 'page',
      parent_id: demo.spaceId,
      parent_table: 'space',
      properties: { title: [['Acme Handbook']] },
    })
    expect(first.context.records.get('space', demo.spaceId)?.value['pages']).toEqual([demo.homePageId])
    expect(first.context.records.get('notion_user', demo.ownerId)?.value).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' })
    expect(first.context.records.get('notion_user', demo.memberId)?.value).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper' })
  })

  it('has every common block type, with a consistent tree', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const blocks = emu.context.records.inSpace(demo.spaceId, 'block')
    const types = new Set(blocks.map((b) => b.value['type']))
    for (const type of [
      'page', 'header', 'sub_header', 'sub_sub_header', 'text', 'bulleted_list', 'numbered_list', 'to_do', 'toggle',
      'quote', 'callout', 'code', 'divider', 'equation', 'image', 'bookmark', 'column_list', 'column',
      'table_of_contents', 'collection_view',
    ]) {
      expect(types, type).toContain(type)
    }
    // Every child listed in `content` exists, is alive and points back at its parent.
    for (const parent of blocks) {
      for (const childId of (parent.value['content'] as string[] | undefined) ?? []) {
        const child = block(emu, childId)
        expect(child['parent_id']).toBe(parent.id)
        expect(child['parent_table']).toBe('block')
        expect(child['alive']).toBe(true)
      }
    }
    // No dangling blocks: everything but rows is reachable from the home page.
    const reachable = new Set<string>()
    const walk = (id: string): void => {
      reachable.add(id)
      for (const child of (block(emu, id)['content'] as string[] | undefined) ?? []) walk(child)
    }
    walk(demo.homePageId)
    const rows = blocks.filter((b) => b.value['parent_table'] === 'collection')
    for (const row of rows) walk(row.id)
    expect(reachable.size).toBe(blocks.length)

    const home = block(emu, demo.homePageId)
    expect(home['content']).toContain(demo.meetingNotesPageId)
    expect(home['content']).toContain(demo.tasksBlockId)
    const code = blocks.find((b) => b.value['type'] === 'code')!
    expect(code.value['properties']).toMatchObject({ language: [['JavaScript']] })
    const todos = blocks.filter((b) => b.value['type'] === 'to_do').map((b) => (b.value['properties'] as any).checked[0][0])
    expect(todos).toContain('Yes')
    expect(todos).toContain('No')
    const callout = blocks.find((b) => b.value['type'] === 'callout')!
    expect((callout.value['format'] as any).page_icon).toBeTruthy()
    const image = blocks.find((b) => b.value['type'] === 'image')!
    expect((image.value['properties'] as any).source[0][0]).toMatch(/^https:\/\//)
    const columnList = blocks.find((b) => b.value['type'] === 'column_list')!
    expect(columnList.value['content']).toHaveLength(2)
    const nested = blocks.filter((b) => b.value['type'] === 'bulleted_list' && block(emu, b.value['parent_id'] as string)['type'] === 'bulleted_list')
    expect(nested.length).toBeGreaterThan(0)
    const toggle = blocks.find((b) => b.value['type'] === 'toggle')!
    expect((toggle.value['content'] as string[]).length).toBeGreaterThan(0)
  })

  it('writes rich text with every common decoration and mentions that resolve', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const codes = new Map<string, unknown[]>()
    for (const b of emu.context.records.inSpace(demo.spaceId, 'block')) {
      for (const segment of (b.value['properties'] as any)?.title ?? []) {
        for (const decoration of segment[1] ?? []) {
          codes.set(decoration[0], [...(codes.get(decoration[0]) ?? []), decoration[1]])
        }
      }
    }
    for (const code of ['b', 'i', 'a', 'h', 'u', 'p', 'd', 'c', 's', '_', 'e', 'm']) expect([...codes.keys()], code).toContain(code)
    for (const userId of codes.get('u')!) expect(emu.context.records.get('notion_user', userId as string)).toBeDefined()
    for (const blockId of codes.get('p')!) expect(emu.context.records.get('block', blockId as string)).toBeDefined()
    expect(codes.get('d')![0]).toMatchObject({ type: 'date', start_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })

    const discussionId = codes.get('m')![0] as string
    const discussion = emu.context.records.get('discussion', discussionId)!.value
    const anchor = block(emu, discussion['parent_id'] as string)
    expect(anchor['discussions']).toEqual([discussionId])
    const comments = discussion['comments'] as string[]
    expect(comments.length).toBeGreaterThan(0)
    for (const commentId of comments) {
      expect(emu.context.records.get('comment', commentId)?.value).toMatchObject({ parent_id: discussionId, parent_table: 'discussion', alive: true })
    }
  })

  it('builds the Tasks database: schema of many property types, three views with page_sort, eight varied rows', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const cvBlock = block(emu, demo.tasksBlockId)
    expect(cvBlock).toMatchObject({
      type: 'collection_view',
      collection_id: demo.tasksCollectionId,
      view_ids: [demo.tasksViewIds.table, demo.tasksViewIds.board, demo.tasksViewIds.calendar],
      format: { collection_pointer: { id: demo.tasksCollectionId, spaceId: demo.spaceId, table: 'collection' } },
    })
    const collection = emu.context.records.get('collection', demo.tasksCollectionId)!.value
    expect(collection).toMatchObject({ name: [['Tasks']], parent_id: demo.tasksBlockId, parent_table: 'block' })
    const schema = collection['schema'] as Record<string, { name: string; type: string; options?: { value: string; color: string }[] }>
    const byName = Object.fromEntries(Object.entries(schema).map(([id, p]) => [p.name, { id, ...p }]))
    expect(byName['Name']).toMatchObject({ id: 'title', type: 'title' })
    const expected: Record<string, string> = {
      Status: 'select', Tags: 'multi_select', Assignee: 'person', Due: 'date', Estimate: 'number',
      Urgent: 'checkbox', Link: 'url', Notes: 'text', 'Blocked by': 'relation', Created: 'created_time',
    }
    for (const [name, type] of Object.entries(expected)) expect(byName[name]?.type, name).toBe(type)
    for (const id of Object.keys(schema)) if (id !== 'title') expect(id).toHaveLength(4)
    expect(byName['Status']!.options!.map((o) => o.value)).toEqual(['Not started', 'In progress', 'Done'])
    expect(byName['Status']!.options!.every((o) => o.color)).toBe(true)

    const rows = emu.context.records.childrenOf(demo.tasksCollectionId)
    expect(rows).toHaveLength(8)
    for (const row of rows) expect(row.value).toMatchObject({ type: 'page', parent_table: 'collection', alive: true })
    const statuses = new Set(rows.map((r) => (r.value['properties'] as any)[byName['Status']!.id][0][0]))
    expect(statuses).toEqual(new Set(['Not started', 'In progress', 'Done']))
    const options = new Set(byName['Status']!.options!.map((o) => o.value))
    for (const status of statuses) expect(options.has(status)).toBe(true)
    const tagOptions = new Set(byName['Tags']!.options!.map((o) => o.value))
    for (const row of rows) {
      const tags = (row.value['properties'] as any)[byName['Tags']!.id]?.[0]?.[0] as string | undefined
      for (const tag of tags?.split(',') ?? []) expect(tagOptions.has(tag), tag).toBe(true)
    }
    const relation = rows.find((r) => (r.value['properties'] as any)[byName['Blocked by']!.id])!
    const target = (relation.value['properties'] as any)[byName['Blocked by']!.id][0][1][0][1]
    expect(rows.map((r) => r.id)).toContain(target)

    const views = [demo.tasksViewIds.table, demo.tasksViewIds.board, demo.tasksViewIds.calendar].map(
      (id) => emu.context.records.get('collection_view', id)!.value,
    )
    expect(views.map((v) => v['type'])).toEqual(['table', 'board', 'calendar'])
    for (const view of views) {
      expect(view).toMatchObject({ parent_id: demo.tasksBlockId, parent_table: 'block', alive: true })
      expect(new Set(view['page_sort'] as string[])).toEqual(new Set(rows.map((r) => r.id)))
      expect(view['query2']).toBeTypeOf('object')
    }
    expect((views[1]!['format'] as any).board_columns_by.property).toBe(byName['Status']!.id)
    expect((views[2]!['query2'] as any).calendar_by).toBe(byName['Due']!.id)
  })

  it('every demo record passes its protocol schema', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const records = allRecords(emu)
    expect(records.length).toBeGreaterThan(60)
    const failures = records.flatMap((record) => {
      const result = parseRecordValue(record.table as never, record.value)
      return result.ok ? [] : [`${record.table} ${record.id}: ${result.issues.join('; ')}`]
    })
    expect(failures).toEqual([])
  })

  it('the owner reads the home page over HTTP; Grace is an editor member; outsiders and anonymous callers get none', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const asAda = await sync(emu, demo.ownerToken, 'block', demo.homePageId)
    expect(asAda?.role).toBe('editor')
    expect(asAda?.value?.['properties']).toEqual({ title: [['Acme Handbook']] })

    const space = emu.context.records.get('space', demo.spaceId)!.value
    expect(space['permissions']).toEqual([
      { role: 'editor', type: 'user_permission', user_id: demo.ownerId },
      { role: 'editor', type: 'user_permission', user_id: demo.memberId },
    ])
    expect(emu.context.accounts.spacesOf(demo.memberId)).toEqual([demo.spaceId])
    expect(emu.context.accounts.usersOfToken(demo.memberToken)).toEqual([demo.memberId])
    const graceRoot = await sync(emu, demo.memberToken, 'user_root', demo.memberId)
    const pointers = graceRoot?.value?.['space_view_pointers'] as { spaceId: string }[]
    expect(pointers.map((p) => p.spaceId)).toEqual([demo.spaceId])
    expect((await sync(emu, demo.memberToken, 'block', demo.meetingNotesPageId))?.role).toBe('editor')
    expect((await sync(emu, demo.memberToken, 'collection', demo.tasksCollectionId))?.role).toBe('editor')

    const outsider = emu.createUser({ email: 'eve@example.com' })
    expect((await sync(emu, outsider.tokenV2, 'block', demo.homePageId))?.role).toBe('none')
    expect((await sync(emu, undefined, 'block', demo.homePageId))?.role).toBe('none')
  })

  it('is served by the read endpoints: page chunks, queryCollection on each view, search', async () => {
    const emu = await testEmulator({ seed: 'demo' })
    const demo = emu.demo!
    const auth = { tokenV2: demo.memberToken }
    const chunk = await post(emu, 'loadPageChunk', { pageId: demo.homePageId, limit: 100, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false }, auth)
    expect(chunk.status).toBe(200)
    const chunkBlocks = normalizeRecordMap(chunk.body.recordMap).block ?? {}
    for (const childId of block(emu, demo.homePageId)['content'] as string[]) expect(chunkBlocks[childId]?.role, childId).toBe('editor')

    const view = (id: string) =>
      post(emu, 'queryCollection', { collectionView: { id, spaceId: demo.spaceId }, collectionViewBlock: { id: demo.tasksBlockId, spaceId: demo.spaceId } }, auth)
    const table = await view(demo.tasksViewIds.table)
    expect(table.status).toBe(200)
    const pageSort = emu.context.records.get('collection_view', demo.tasksViewIds.table)!.value['page_sort']
    expect(table.body.result.reducerResults.collection_group_results.blockIds).toEqual(pageSort)
    const board = await view(demo.tasksViewIds.board)
    const columns = board.body.result.reducerResults.board_columns.results as { value: { value?: string }; blockIds: string[] }[]
    expect(columns.map((c) => [c.value.value, c.blockIds.length])).toEqual([['Not started', 3], ['In progress', 3], ['Done', 2], [undefined, 0]])
    const calendar = await view(demo.tasksViewIds.calendar)
    expect(calendar.status).toBe(200)

    const found = await post(emu, 'search', { type: 'BlocksInSpace', query: 'Handbook', spaceId: demo.spaceId, limit: 10, filters: {}, sort: { field: 'relevance' }, source: 'quick_find' }, auth)
    expect(found.body.results[0].id).toBe(demo.homePageId)
  })

  it('reopening the same database file keeps ids, tokens, edits and counts; nothing is seeded twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notion-rx-demo-'))
    tempDirs.push(dir)
    const db = join(dir, 'nested', 'notion.sqlite')
    const first = await startEmulator({ port: 0, db, seed: 'demo' })
    const demo = first.demo!
    const home = first.context.records.get('block', demo.homePageId)!
    first.context.records.put('block', home.id, { ...home.value, version: home.version + 1, properties: { title: [['Edited']] } })
    const countsBefore = TABLES.map((table) => first.context.records.all(table).length)
    const tokensBefore = first.context.db.prepare('SELECT COUNT(*) AS n FROM tokens').get()
    await first.close()

    for (const seed of ['demo', 'none'] as const) {
      const again = await startEmulator({ port: 0, db, seed })
      try {
        expect(again.demo).toEqual(demo)
        expect(TABLES.map((table) => again.context.records.all(table).length)).toEqual(countsBefore)
        expect(again.context.db.prepare('SELECT COUNT(*) AS n FROM tokens').get()).toEqual(tokensBefore)
        expect(again.context.records.get('block', demo.homePageId)?.value['properties']).toEqual({ title: [['Edited']] })
        const asAda = await sync(again, demo.ownerToken, 'block', demo.homePageId)
        expect(asAda?.role).toBe('editor')
      } finally {
        await again.close()
      }
    }
  })

  it('does not seed a database that already holds records, and rejects an unknown seed without touching data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notion-rx-demo-'))
    tempDirs.push(dir)
    const db = join(dir, 'notion.sqlite')
    const plain = await startEmulator({ port: 0, db })
    expect(plain.demo).toBeUndefined()
    const bob = plain.createUser({ email: 'bob@example.com' })
    await plain.close()

    const reopened = await startEmulator({ port: 0, db, seed: 'demo' })
    try {
      expect(reopened.demo).toBeUndefined()
      expect(reopened.context.accounts.findUserByEmail('ada@example.com')).toBeUndefined()
      expect(reopened.context.accounts.usersOfToken(bob.tokenV2)).toEqual([bob.id])
    } finally {
      await reopened.close()
    }

    await expect(startEmulator({ port: 0, db: ':memory:', seed: 'sample' as never })).rejects.toThrow(/seed must be one of none, demo/)
    const after = await startEmulator({ port: 0, db, seed: 'bogus' as never }).catch((error: unknown) => error)
    expect(after).toBeInstanceOf(TypeError)
    const check = await startEmulator({ port: 0, db })
    try {
      expect(check.context.accounts.usersOfToken(bob.tokenV2)).toEqual([bob.id])
      expect(check.context.records.all('space')).toHaveLength(1)
    } finally {
      await check.close()
    }
  })
})

import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '@notion-rx/emulator'
import { RecordCache, type CachedRecord } from '../src/cache/recordCache.js'
import type { RecordChange } from '../src/store/recordChange.js'
import { buildBigPage } from './support/bigPage.js'
import { cacheTestClients } from './support/cacheTestClients.js'

const { newCacheFile, client } = cacheTestClients('notion-rx-page-trees-test-')

const block = (id: string, parentId: string, type = 'text', version = 1, extra: Record<string, unknown> = {}): CachedRecord => ({
  table: 'block', id, role: 'editor', version, value: { id, version, type, alive: true, parent_id: parentId, parent_table: 'block', ...extra },
})

/** The page P: a, b (b1 below it), a sub-page s (s1 below it: not part of P's tree), a database block d with its collection and a row. */
const tree = (): CachedRecord[] => [
  block('P', 'space', 'page'),
  block('a', 'P'),
  block('b', 'P', 'toggle'),
  block('b1', 'b'),
  block('s', 'P', 'page'),
  block('s1', 's'),
  block('d', 'P', 'collection_view', 1, { collection_id: 'col' }),
  { table: 'collection', id: 'col', role: 'editor', version: 1, value: { id: 'col', parent_id: 'd', parent_table: 'block' } },
  block('row1', 'col', 'page'),
]

/** Keys of rows, sorted. */
const keys = (rows: readonly (readonly [string, string, ...unknown[]])[]) => rows.map(([table, id]) => `${table}:${id}`).sort()
const P_TREE = ['block:P', 'block:a', 'block:b', 'block:b1', 'block:d', 'block:row1', 'block:s', 'collection:col']

describe('saved page trees (page_trees)', () => {
  const opened: RecordCache[] = []
  const open = (path: string) => {
    const file = RecordCache.open(path)
    opened.push(file)
    return file
  }
  afterAll(() => opened.forEach((file) => file.close()))
  /** The pages with a saved tree, read as another process would. */
  const savedPages = (path: string, userId = 'u'): string[] => {
    const db = new Database(path, { readonly: true })
    try {
      return db.prepare('SELECT page_id FROM page_trees WHERE user_id = ? ORDER BY page_id').pluck().all(userId) as string[]
    } finally {
      db.close()
    }
  }

  it('saves the tree of a page read, and reads the same rows from it; a change of content keeps it', () => {
    const path = newCacheFile()
    const file = open(path)
    file.write('u', tree())
    const walked = file.pageTree('u', 'P')
    expect(keys(walked)).toEqual(P_TREE)
    expect(savedPages(path)).toEqual([])
    file.saveTrees()
    expect(savedPages(path)).toEqual(['P'])
    const saved = file.pageTree('u', 'P')
    expect([...saved].sort((x, y) => x[1].localeCompare(y[1]))).toEqual([...walked].sort((x, y) => x[1].localeCompare(y[1])))

    // A new title (a newer version) is no change of the tree: the saved tree stays and serves the new value.
    file.write('u', [block('b1', 'b', 'text', 2, { properties: { title: [['new title']] } })])
    expect(savedPages(path)).toEqual(['P'])
    const b1 = file.pageTree('u', 'P').find(([, id]) => id === 'b1')!
    expect(b1[3]).toBe(2)
    expect(b1[4]).toContain('new title')
  })

  it('drops the saved tree when a block is added, moved, deleted or becomes a page; the next read walks and finds the change', () => {
    const path = newCacheFile()
    const file = open(path)
    file.write('u', tree())
    const expectDropped = (expected: string[]) => {
      expect(savedPages(path)).toEqual([])
      expect(keys(file.pageTree('u', 'P'))).toEqual(expected)
      file.saveTrees()
      expect(savedPages(path)).toEqual(['P'])
      expect(keys(file.pageTree('u', 'P'))).toEqual(expected)
    }
    file.pageTree('u', 'P')
    file.saveTrees()
    expect(savedPages(path)).toEqual(['P'])

    // Added below a block of the page.
    file.write('u', [block('a1', 'a')])
    expectDropped([...P_TREE, 'block:a1'].sort())
    // Moved out of the page (to the sub-page, whose content is not part of P's tree).
    file.write('u', [block('b1', 's', 'text', 2)])
    expectDropped([...P_TREE, 'block:a1'].filter((key) => key !== 'block:b1').sort())
    // A block turned into a page: what is below it is no longer part of P's tree.
    file.write('u', [block('a', 'P', 'page', 2)])
    expectDropped(P_TREE.filter((key) => key !== 'block:b1'))
    // Deleted by another process (the triggers are in the file, not in this process).
    const other = new Database(path)
    other.prepare("DELETE FROM records WHERE user_id = 'u' AND tbl = 'block' AND id = 'b'").run()
    other.close()
    expectDropped(P_TREE.filter((key) => key !== 'block:b1' && key !== 'block:b'))

    // Another account's writes leave this account's saved trees alone.
    file.write('someone-else', [block('x', 'P')])
    expect(savedPages(path)).toEqual(['P'])
    expect(keys(file.pageTree('u', 'P'))).not.toContain('block:x')
  })

  it('reads rows one by one when a saved value holds a NUL (a damaged file): every value stays on its own record', () => {
    const path = newCacheFile()
    const file = open(path)
    file.write('u', tree())
    file.pageTree('u', 'P')
    file.saveTrees()
    const other = new Database(path)
    // Raw text with a NUL, written around the client (the tree is unchanged, so it stays saved).
    other.prepare("UPDATE records SET value = ? WHERE user_id = 'u' AND tbl = 'block' AND id = 'a'").run('{"id":"a","type":"text","parent_id":"P","title":"x\u0000y"}')
    other.close()
    expect(savedPages(path)).toEqual(['P'])
    const rows = file.pageTree('u', 'P')
    expect(keys(rows)).toEqual(P_TREE)
    for (const [table, id, , , value] of rows) {
      if (id === 'a') expect(value).toBe('{"id":"a","type":"text","parent_id":"P","title":"x\u0000y"}')
      else expect(JSON.parse(value!)).toMatchObject(table === 'block' ? { id, parent_id: expect.any(String) } : { id })
    }
  })

  it('skips saving, without waiting, while another process holds the write lock, and saves at the next call', () => {
    const path = newCacheFile()
    // A minute of busy timeout: were it used, the test would time out (vitest's 5 s) instead of passing.
    const file = RecordCache.open({ path, busyTimeoutMs: 60_000 })
    opened.push(file)
    file.write('u', tree())
    file.pageTree('u', 'P')
    const other = new Database(path)
    other.exec('BEGIN IMMEDIATE')
    expect(file.saveTrees()).toBe(false)
    other.exec('COMMIT')
    other.close()
    expect(savedPages(path)).toEqual([])
    // The file's usual busy timeout is back for other writes.
    file.write('u', [block('a1', 'a')])
    expect(file.saveTrees()).toBe(true)
    expect(savedPages(path)).toEqual(['P'])
  })

  it('keeps a record without a value (role none) and one without a space apart from empty text', () => {
    const path = newCacheFile()
    const file = open(path)
    file.write('u', [...tree(), { table: 'block', id: 'gone', role: 'none', version: 3 }])
    file.write('u', [{ ...block('spaced', 'P'), spaceId: 'space-1' }])
    file.pageTree('u', 'P')
    file.saveTrees()
    const rows = file.pageTree('u', 'P')
    const spaced = rows.find(([, id]) => id === 'spaced')!
    expect(spaced[5]).toBe('space-1')
    expect(rows.find(([, id]) => id === 'a')![5]).toBeNull()
    // `gone` has no parent: not part of the tree; its row as read alone has a null value.
    expect(keys(rows)).not.toContain('block:gone')
    expect(file.row('u', 'block', 'gone')?.[4]).toBeNull()
  })
})

describe('saved page trees over the emulator', () => {
  let emu: Emulator
  let user: { id: string; tokenV2: string; spaceId: string }

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, db: ':memory:' })
    user = emu.createUser({ email: 'page-trees@example.com' })
  }, 60_000)
  afterAll(() => emu.close())

  it('saves the page at close, and after a teammate added and moved blocks the next start shows the new tree at once', async () => {
    const path = newCacheFile()
    const page = buildBigPage(emu, user, { topLevel: 20, databaseAt: 3 })
    const first = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    await first.getBlock(page.pageId)
    await first.whenSynced()
    await first.close()
    const savedFor = () => {
      const db = new Database(path, { readonly: true })
      try {
        return db.prepare('SELECT page_id FROM page_trees WHERE user_id = ?').pluck().all(user.id) as string[]
      } finally {
        db.close()
      }
    }
    expect(savedFor()).toEqual([page.pageId])

    const teammate = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl })
    const theirs = await teammate.getBlock(page.pageId)
    const added = theirs.children.addNew('text', { title: 'Added meanwhile' })
    // The first child moves into the toggle at index 5 (every 5th top-level block is a toggle).
    const moved = theirs.children.at(1)!
    const toggle = theirs.children.at(5)!
    expect(toggle.type).toBe('toggle')
    await moved.moveTo(toggle)
    await teammate.flush()

    const second = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    await second.getBlock(page.pageId)
    await second.whenSynced()
    await second.close()
    // The sync wrote the new block and the move: the saved tree was dropped, and saved again at close.
    expect(savedFor()).toEqual([page.pageId])

    const third = client({ tokenV2: user.tokenV2, baseUrl: emu.apiUrl, cache: path })
    const changes: RecordChange[] = []
    third.changes$.subscribe((change) => changes.push(change))
    const shown = await third.getBlock(page.pageId)
    // At once, from the file, before any answer: the added block, and the moved one in its new place.
    expect(changes.every((change) => change.origin === 'cache')).toBe(true)
    expect([...shown.children.ids]).toContain(added.id)
    expect([...shown.children.ids]).not.toContain(moved.id)
    expect(third.store.get('block', added.id)?.value?.['properties']).toEqual({ title: [['Added meanwhile']] })
    expect(third.store.get('block', moved.id)?.value?.['parent_id']).toBe(toggle.id)
    expect(changes.map((change) => change.id)).toContain(moved.id)
    await third.whenSynced()
  }, 60_000)
})

import { firstValueFrom, take, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { BasicBlock } from '../src/records/basicBlock.js'
import type { Block } from '../src/records/block.js'
import { PageBlock } from '../src/records/pageBlocks.js'
import type { Space } from '../src/records/space.js'
import { CodeBlock, HeaderBlock, TextBlock, ToDoBlock } from '../src/records/textBlocks.js'
import { recordFor, serverRecord, testClient } from './support/testClient.js'

/** A fresh user's workspace with its "Getting Started" page loaded (one text block in it). */
async function fresh() {
  const emu = await testEmulator()
  const created = emu.createUser({ email: 'ada@example.com' })
  const user = { id: created.id, tokenV2: created.tokenV2 }
  const { client: ctx, log } = testClient(emu, user)
  const pageId = (emu.context.records.get('space', created.spaceId)!.value['pages'] as string[])[0]!
  // The account (currentUserId, which new pages are shared with) is known after `ready`.
  await Promise.all([ctx.ready, ctx.loadPage(pageId)])
  await ctx.loadRecords([{ table: 'space', id: created.spaceId }])
  const page = recordFor(ctx, 'block', pageId) as PageBlock
  const server = async (id: string, table = 'block') => serverRecord(emu, user, table, id)
  return { emu, user, ctx, log, page, server, space: recordFor(ctx, 'space', created.spaceId) }
}

/** The page with blocks A, B, C, D (text) after the welcome text, committed. */
async function withBlocks() {
  const setup = await fresh()
  const welcome = setup.page.children.at(0)!
  const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((title) => setup.page.children.addNew('text', { title }))
  await setup.ctx.transactions.flush()
  return { ...setup, welcome, a: a!, b: b!, c: c!, d: d! }
}

const titles = (blocks: Iterable<Block>) => [...blocks].map((block) => (block as BasicBlock).title)

describe('Children', () => {
  it('reads length, at(i), ids, iteration, includes and filter from the store', async () => {
    const { page, welcome, a, d } = await withBlocks()
    const children = page.children
    expect(children.length).toBe(5)
    expect(children.ids).toEqual([welcome.id, a.id, expect.any(String), expect.any(String), d.id])
    expect(children.at(0)).toBeInstanceOf(TextBlock)
    expect(children.at(1)?.equals(a)).toBe(true)
    expect(children.at(-1)?.equals(d)).toBe(true)
    expect(children.at(5)).toBeUndefined()
    expect(children.at(-6)).toBeUndefined()
    expect(children.at(1.5)).toBeUndefined()
    expect(titles(children)).toEqual(['Welcome to your workspace.', 'A', 'B', 'C', 'D'])
    expect(children.includes(a)).toBe(true)
    expect(children.includes(a.id)).toBe(true)
    expect(children.includes(page)).toBe(false)
    expect(children.filter('text')).toHaveLength(5)
    expect(children.filter('to_do')).toHaveLength(0)
    expect(children.filter(BasicBlock)).toHaveLength(5)
  })

  it('blocks$ emits the children on every list change and when a child changes class', async () => {
    const { page, ctx, a } = await withBlocks()
    const emissions = firstValueFrom(page.children.blocks$.pipe(take(3), toArray()))
    const todo = page.children.addNew('to_do', { title: 'Ship' })
    a.convertTo('header')
    const [initial, added, converted] = await emissions
    expect(initial).toHaveLength(5)
    expect(added).toHaveLength(6)
    expect(added!.at(-1)).toBeInstanceOf(ToDoBlock)
    expect(added!.at(-1)?.equals(todo)).toBe(true)
    expect(converted![1]).toBeInstanceOf(HeaderBlock)
    await ctx.transactions.flush()
  })
})

describe('addNew', () => {
  it('creates blocks of several types in ONE request, in order, with their props', async () => {
    const { log, page, ctx, server } = await fresh()
    const before = log.writes
    const todo = page.children.addNew('to_do', { title: 'Ship', checked: true })
    const header = page.children.addNew('header', { title: 'Plan', color: 'red' })
    const code = page.children.addNew('code', { title: 'let x = 1', language: 'TypeScript', wrap: true })
    const divider = page.children.addNew('divider')
    const subPage = page.children.addNew('page', { title: 'Sub page', icon: '📄' })

    // At once, typed, in the store.
    expect(todo).toBeInstanceOf(ToDoBlock)
    expect([todo.title, todo.checked]).toEqual(['Ship', true])
    expect(header).toBeInstanceOf(HeaderBlock)
    expect(header.color).toBe('red')
    expect(code).toBeInstanceOf(CodeBlock)
    expect(code.language).toBe('TypeScript')
    expect(subPage).toBeInstanceOf(PageBlock)
    expect(page.children.ids.slice(1)).toEqual([todo.id, header.id, code.id, divider.id, subPage.id])
    expect(todo.parent?.equals(page)).toBe(true)
    expect(log.writes).toBe(before)

    await todo.committed
    expect(log.writes).toBe(before + 1)
    const sent = log.lastWrite()! as { command: string; pointer: { spaceId?: string } }[]
    expect(sent.every((op) => op.pointer.spaceId === page.spaceId)).toBe(true)

    const onServer = await server(page.id)
    expect((onServer?.['content'] as string[]).slice(1)).toEqual([todo.id, header.id, code.id, divider.id, subPage.id])
    expect(await server(todo.id)).toMatchObject({
      type: 'to_do',
      alive: true,
      parent_id: page.id,
      parent_table: 'block',
      space_id: page.spaceId,
      created_by_id: ctx.currentUserId(),
      created_by_table: 'notion_user',
      properties: { title: [['Ship']], checked: [['Yes']] },
    })
    expect(await server(code.id)).toMatchObject({ type: 'code', properties: { language: [['TypeScript']] }, format: { code_wrap: true } })
    expect(await server(subPage.id)).toMatchObject({ type: 'page', format: { page_icon: '📄' } })
    expect((await server(divider.id))?.['type']).toBe('divider')
  })

  it('nests: children of a new block can be added in the same tick', async () => {
    const { page, ctx, server } = await fresh()
    const toggle = page.children.addNew('toggle', { title: 'More' })
    const inner = toggle.children.addNew('text', { title: 'Hidden' })
    expect(toggle.children.ids).toEqual([inner.id])
    await ctx.transactions.flush()
    expect((await server(toggle.id))?.['content']).toEqual([inner.id])
    expect((await server(inner.id))?.['parent_id']).toBe(toggle.id)
  })

  it('addAlias lists an existing block under a second parent without re-parenting it', async () => {
    const { page, ctx, a, server } = await withBlocks()
    const toggle = page.children.addNew('toggle', { title: 'Aliases' })
    const alias = toggle.children.addAlias(a)
    expect(alias.equals(a)).toBe(true)
    expect(toggle.children.includes(a)).toBe(true)
    await ctx.transactions.flush()
    expect((await server(toggle.id))?.['content']).toEqual([a.id])
    expect((await server(a.id))?.['parent_id']).toBe(page.id)
  })
})

describe('moveTo', () => {
  it('moves before and after a sibling (one request each, store at once, server after)', async () => {
    const { log, page, welcome, a, b, c, d, server } = await withBlocks()
    const before = log.writes
    const moved = d.moveTo(a, 'before')
    expect(titles(page.children)).toEqual(['Welcome to your workspace.', 'D', 'A', 'B', 'C'])
    await moved
    expect(log.writes).toBe(before + 1)
    await a.moveTo(c, 'after')
    expect(titles(page.children)).toEqual(['Welcome to your workspace.', 'D', 'B', 'C', 'A'])
    expect((await server(page.id))?.['content']).toEqual([welcome.id, d.id, b.id, c.id, a.id])
  })

  it('moves into another block as first and last child, out of the old parent', async () => {
    const { log, page, welcome, a, b, c, d, server } = await withBlocks()
    const toggle = page.children.addNew('toggle', { title: 'Box' })
    await toggle.committed
    const moves = [b.moveTo(toggle, 'last-child'), c.moveTo(toggle, 'last-child'), a.moveTo(toggle, 'first-child')]
    expect(toggle.children.ids).toEqual([a.id, b.id, c.id])
    expect(page.children.ids).toEqual([welcome.id, d.id, toggle.id])
    expect(a.parent?.equals(toggle)).toBe(true)
    const before = log.writes
    await Promise.all(moves)
    expect(log.writes).toBe(before + 1)
    expect((await server(toggle.id))?.['content']).toEqual([a.id, b.id, c.id])
    expect((await server(page.id))?.['content']).toEqual([welcome.id, d.id, toggle.id])
    expect(await server(a.id)).toMatchObject({ parent_id: toggle.id, parent_table: 'block', alive: true })
  })

  it('moves a page to the top level of its space, and back before a sibling', async () => {
    const { log, page, space, server } = await fresh()
    const sub = page.children.addNew('page', { title: 'Promoted' })
    await sub.committed
    await sub.moveTo(space, 'last-child')
    expect((space as Space).pages.ids).toEqual([page.id, sub.id])
    expect(page.children.includes(sub)).toBe(false)
    expect((await server(space.id, 'space'))?.['pages']).toEqual([page.id, sub.id])
    expect(await server(sub.id)).toMatchObject({ parent_id: space.id, parent_table: 'space' })
    await sub.moveTo(page, 'before')
    expect((await server(space.id, 'space'))?.['pages']).toEqual([sub.id, page.id])
    expect(log.writes).toBeGreaterThan(0)
  })
})

describe('remove', () => {
  it('soft: alive false and out of the parent list; the block is still readable', async () => {
    const { page, b, welcome, a, c, d, server } = await withBlocks()
    const removal = b.remove()
    expect(b.alive).toBe(false)
    expect(page.children.includes(b)).toBe(false)
    await removal
    expect((await server(page.id))?.['content']).toEqual([welcome.id, a.id, c.id, d.id])
    expect(await server(b.id)).toMatchObject({ alive: false, properties: { title: [['B']] } })
  })

  it('permanent: soft delete, then deleteBlocks; the server no longer has it', async () => {
    const { log, page, c, server } = await withBlocks()
    await c.remove({ permanently: true })
    expect(log.calls).toContain('deleteBlocks')
    expect(page.children.includes(c)).toBe(false)
    expect(c.value).toBeUndefined()
    expect(await server(c.id)).toBeUndefined()
    expect(page.children.length).toBe(4)
  })
})

describe('convertTo', () => {
  it('changes the type and returns the block as its new class, keeping title and children', async () => {
    const { page, ctx, a, server } = await withBlocks()
    const todo = a.convertTo('to_do')
    expect(todo).toBeInstanceOf(ToDoBlock)
    expect(todo.equals(a)).toBe(true)
    expect(todo.title).toBe('A')
    expect(recordFor(ctx, 'block', a.id)).toBe(todo)
    expect(page.children.at(1)).toBeInstanceOf(ToDoBlock)
    todo.checked = true
    await ctx.transactions.flush()
    expect(await server(a.id)).toMatchObject({ type: 'to_do', properties: { title: [['A']], checked: [['Yes']] } })
  })
})

describe('Space', () => {
  it('addPage creates a top-level page in space.pages, private by default, shared on request', async () => {
    const { ctx, space, page, server } = await fresh()
    const s = space as Space
    const privatePage = s.addPage({ title: 'Journal' })
    const sharedPage = s.addPage({ title: 'Team wiki', shared: true })
    expect(privatePage).toBeInstanceOf(PageBlock)
    expect(privatePage.title).toBe('Journal')
    expect(s.pages.ids).toEqual([page.id, privatePage.id, sharedPage.id])
    expect(titles(s.pages)).toEqual(['Getting Started', 'Journal', 'Team wiki'])
    await ctx.transactions.flush()
    expect((await server(s.id, 'space'))?.['pages']).toEqual([page.id, privatePage.id, sharedPage.id])
    expect(await server(privatePage.id)).toMatchObject({
      type: 'page',
      parent_id: s.id,
      parent_table: 'space',
      space_id: s.id,
      properties: { title: [['Journal']] },
      permissions: [{ role: 'editor', type: 'user_permission', user_id: ctx.currentUserId() }],
    })
    expect((await server(sharedPage.id))?.['permissions']).toEqual([{ role: 'editor', type: 'space_permission' }])
  })

  it('names, renames and lists the users of the space', async () => {
    const { ctx, space, server } = await fresh()
    const s = space as Space
    expect(s.name).toMatch(/Notion$/)
    expect(s.users.map((user) => user.id)).toEqual([ctx.currentUserId()])
    const names = firstValueFrom(s.name$.pipe(take(2), toArray()))
    s.name = 'Acme'
    expect(await names).toEqual([expect.stringMatching(/Notion$/), 'Acme'])
    await ctx.transactions.flush()
    expect((await server(s.id, 'space'))?.['name']).toBe('Acme')
  })
})

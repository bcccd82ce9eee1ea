import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { post, testEmulator } from '../src/testing/testEmulator.js'

function putBlock(emu: Emulator, spaceId: string, parentId: string, value: Record<string, unknown>, parentTable = 'block'): string {
  const id = randomUUID()
  emu.context.records.put('block', id, {
    id,
    version: 1,
    alive: true,
    parent_id: parentId,
    parent_table: parentTable,
    space_id: spaceId,
    created_time: 1_700_000_000_000,
    last_edited_time: 1_700_000_000_000,
    ...value,
  })
  return id
}

async function workspace() {
  const emu = await testEmulator()
  const ada = emu.createUser({ email: 'ada@example.com' })
  const outsider = emu.createUser({ email: 'eve@example.com' })
  const root = putBlock(emu, ada.spaceId, ada.spaceId, { type: 'page', properties: { title: [['Penguin research']] } }, 'space')
  const notes = putBlock(emu, ada.spaceId, root, { type: 'page', properties: { title: [['Field notes']] } })
  const para = putBlock(emu, ada.spaceId, notes, { type: 'text', properties: { title: [['Emperor penguins huddle for warmth']] } })
  const other = putBlock(emu, ada.spaceId, ada.spaceId, { type: 'page', properties: { title: [['Budget']] } }, 'space')
  const mention = putBlock(emu, ada.spaceId, other, { type: 'text', properties: { title: [['See ', []], ['‣', [['p', notes]]]] } })
  const alias = putBlock(emu, ada.spaceId, notes, { type: 'alias', format: { alias_pointer: { id: root, table: 'block', spaceId: ada.spaceId } } })
  const space = emu.context.records.get('space', ada.spaceId)!
  emu.context.records.put('space', ada.spaceId, { ...space.value, pages: [...(space.value['pages'] as string[]), root, other] })
  return { emu, ada, outsider, root, notes, para, other, mention, alias }
}

describe('search', () => {
  it('ranks title matches above body matches and returns the blocks with their parents', async () => {
    const { emu, ada, root, para, notes } = await workspace()
    const response = await post(emu, 'search', { type: 'BlocksInSpace', query: 'penguin', spaceId: ada.spaceId, limit: 10 }, ada)
    expect(response.status).toBe(200)
    const ids = response.body.results.map((r: { id: string }) => r.id)
    expect(ids).toEqual([root, para])
    expect(response.body.total).toBe(2)
    expect(response.body.results[1]).toMatchObject({ isNavigable: false, highlight: { pathText: 'Penguin research / Field notes' } })
    expect(Object.keys(response.body.recordMap.block)).toEqual(expect.arrayContaining([root, para, notes]))
  })

  it('requires every term, honours limit, ancestors and navigable-only filters', async () => {
    const { emu, ada, para, notes, root } = await workspace()
    const both = await post(emu, 'search', { type: 'BlocksInSpace', query: 'emperor warmth', limit: 10 }, ada)
    expect(both.body.results.map((r: { id: string }) => r.id)).toEqual([para])
    const none = await post(emu, 'search', { type: 'BlocksInSpace', query: 'emperor budget', limit: 10 }, ada)
    expect(none.body.results).toEqual([])
    const under = await post(emu, 'search', { type: 'BlocksInAncestor', ancestorId: notes, query: 'penguin', limit: 10 }, ada)
    expect(under.body.results.map((r: { id: string }) => r.id)).toEqual([para])
    const pages = await post(emu, 'search', { type: 'BlocksInSpace', query: '', limit: 10, filters: { isNavigableOnly: true, ancestors: [root] } }, ada)
    expect(pages.body.results.map((r: { id: string }) => r.id)).toEqual([notes])
  })

  it('finds nothing for an outsider and nothing in a space one is not a member of', async () => {
    const { emu, ada, outsider } = await workspace()
    const response = await post(emu, 'search', { type: 'BlocksInSpace', query: 'penguin', spaceId: ada.spaceId, limit: 10 }, outsider)
    expect(response.body.results).toEqual([])
    expect(response.body.total).toBe(0)
  })

  it('rejects a bad type with a ValidationError that names the field', async () => {
    const { emu, ada } = await workspace()
    const response = await post(emu, 'search', { type: 'Everything', query: 'x' }, ada)
    expect(response.status).toBe(400)
    expect(response.body.debugMessage).toContain('type')
  })
})

describe('searchPagesWithParent', () => {
  it('lists the pages under a space in order, filtered by title', async () => {
    const { emu, ada, root, other } = await workspace()
    const all = await post(emu, 'searchPagesWithParent', { parentId: ada.spaceId, query: '', limit: 100 }, ada)
    expect(all.body.results.slice(-2)).toEqual([root, other])
    const budget = await post(emu, 'searchPagesWithParent', { parentId: ada.spaceId, query: 'budg' }, ada)
    expect(budget.body.results).toEqual([other])
  })
})

describe('getBacklinksForBlock', () => {
  it('lists page mentions and aliases pointing at a page', async () => {
    const { emu, ada, notes, mention, root } = await workspace()
    const toNotes = await post(emu, 'getBacklinksForBlock', { blockId: notes }, ada)
    expect(toNotes.body.backlinks).toEqual([{ block_id: notes, mentioned_from: { type: 'property_mention', block_id: mention } }])
    const toRoot = await post(emu, 'getBacklinksForBlock', { block: { id: root } }, ada)
    expect(toRoot.body.backlinks).toEqual([{ block_id: root, mentioned_from: { type: 'alias', parent_block_id: notes } }])
    expect(Object.keys(toRoot.body.recordMap.block)).toContain(notes)
  })

  it('tells an outsider nothing', async () => {
    const { emu, outsider, notes } = await workspace()
    const response = await post(emu, 'getBacklinksForBlock', { blockId: notes }, outsider)
    expect(response.body.backlinks).toEqual([])
  })

  it('rejects a body without a block id', async () => {
    const { emu, ada } = await workspace()
    const response = await post(emu, 'getBacklinksForBlock', {}, ada)
    expect(response.status).toBe(400)
    expect(response.body.debugMessage).toContain('blockId')
  })
})

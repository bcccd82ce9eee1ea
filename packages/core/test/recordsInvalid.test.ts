import type { KnownBlockType } from '@notion-rx/protocol'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import type { ColumnBlock } from '../src/records/layoutBlocks.js'
import { InvalidValueError } from '../src/records/invalidValueError.js'
import type { PageBlock } from '../src/records/pageBlocks.js'
import { ToDoBlock } from '../src/records/textBlocks.js'
import type { Space } from '../src/records/space.js'
import { recordFor, serverRecord, testClient } from './support/testClient.js'

async function fresh() {
  const emu = await testEmulator()
  const created = emu.createUser({ email: 'ada@example.com' })
  const user = { id: created.id, tokenV2: created.tokenV2 }
  const { client: ctx, log } = testClient(emu, user)
  const pageId = (emu.context.records.get('space', created.spaceId)!.value['pages'] as string[])[0]!
  await ctx.loadPage(pageId)
  await ctx.loadRecords([{ table: 'space', id: created.spaceId }])
  const page = recordFor(ctx, 'block', pageId) as PageBlock
  const todo = page.children.addNew('to_do', { title: 'Ship' })
  const image = page.children.addNew('image', { source: 'https://example.com/a.png' })
  const columns = page.children.addNew('column_list')
  const column = columns.children.addNew('column', { columnRatio: 0.5 })
  const toggle = page.children.addNew('toggle', { title: 'Outer' })
  const inner = toggle.children.addNew('toggle', { title: 'Inner' })
  await ctx.transactions.flush()
  const server = (id: string) => serverRecord(emu, user, 'block', id)
  return { emu, ctx, log, page, todo, image, column, toggle, inner, server, space: recordFor(ctx, 'space', created.spaceId) as Space }
}

/** Runs `write`, expects an InvalidValueError with `code`, and checks that nothing was queued or sent. */
async function expectRefused(setup: Awaited<ReturnType<typeof fresh>>, code: InvalidValueError['code'], write: () => unknown) {
  const { log, ctx } = setup
  const snapshot = ctx.store.snapshot
  const requests = log.writes
  let caught: unknown
  try {
    await write()
  } catch (error) {
    caught = error
  }
  expect(InvalidValueError.isInvalidValueError(caught), String(caught)).toBe(true)
  expect((caught as InvalidValueError).code).toBe(code)
  expect(ctx.store.snapshot).toBe(snapshot)
  expect(ctx.store.hasPendingLayers()).toBe(false)
  await ctx.transactions.flush()
  expect(log.writes).toBe(requests)
  return caught as InvalidValueError
}

describe('invalid values are refused before anything is sent', () => {
  it('refuses a wrong type for an accessor, naming the block, the accessor and what it accepts', async () => {
    const setup = await fresh()
    const { todo, image, column, page } = setup
    const error = await expectRefused(setup, 'invalid_value', () => {
      todo.checked = 'yes' as never
    })
    expect(error).toBeInstanceOf(InvalidValueError)
    expect(error.name).toBe('InvalidValueError')
    expect(error.recordId).toBe(todo.id)
    expect(error.accessor).toBe('checked')
    expect(error.accepts).toBe('a boolean')
    expect(error.message).toContain(todo.id)
    expect(error.message).toContain('checked')
    expect(error.message).toContain('a boolean')
    expect(error.message).toContain('"yes"')
    expect(todo.checked).toBe(false)

    await expectRefused(setup, 'invalid_value', () => { todo.title = 42 as never })
    await expectRefused(setup, 'invalid_value', () => { todo.titleRichText = 'plain' as never })
    await expectRefused(setup, 'invalid_value', () => { todo.titleRichText = [[1]] as never })
    await expectRefused(setup, 'invalid_value', () => { todo.color = null as never })
    await expectRefused(setup, 'invalid_value', () => { page.icon = 5 as never })
    await expectRefused(setup, 'invalid_value', () => { page.locked = 'true' as never })
    await expectRefused(setup, 'invalid_value', () => { image.width = -10 })
    await expectRefused(setup, 'invalid_value', () => { image.height = Number.NaN })
    await expectRefused(setup, 'invalid_value', () => { image.fullWidth = 1 as never })
    const ratio = await expectRefused(setup, 'invalid_value', () => { (column as ColumnBlock).columnRatio = 2 })
    expect(ratio.accepts).toContain('at most 1')
    expect(await setup.server(todo.id)).toMatchObject({ properties: { title: [['Ship']] } })
  })

  it('refuses addNew of an unknown type, an unknown prop or a wrong prop value, queueing nothing', async () => {
    const setup = await fresh()
    const { page } = setup
    const length = page.children.length
    const unknown = await expectRefused(setup, 'unknown_block_type', () => page.children.addNew('hologram' as KnownBlockType))
    expect(unknown.recordId).toBe(page.id)
    expect(unknown.message).toContain('hologram')
    const prop = await expectRefused(setup, 'unknown_accessor', () => page.children.addNew('text', { checked: true } as never))
    expect(prop.accessor).toContain('checked')
    expect(prop.accepts).toContain('title')
    await expectRefused(setup, 'invalid_value', () => page.children.addNew('to_do', { title: 'ok', checked: 'yes' as never }))
    expect(page.children.length).toBe(length)
  })

  it('refuses convertTo an unknown type and addPage of a non-page type', async () => {
    const setup = await fresh()
    await expectRefused(setup, 'unknown_block_type', () => setup.todo.convertTo('hologram' as KnownBlockType))
    await expectRefused(setup, 'unknown_block_type', () => setup.space.addPage({ type: 'text' as never }))
    await expectRefused(setup, 'invalid_value', () => setup.space.addPage({ title: 3 as never }))
    expect(setup.todo.type).toBe('to_do')
  })

  it('refuses moving a block into itself or its own descendant, or next to itself', async () => {
    const setup = await fresh()
    const { toggle, inner, server } = setup
    const into = await expectRefused(setup, 'invalid_move', () => toggle.moveTo(toggle, 'last-child'))
    expect(into.recordId).toBe(toggle.id)
    expect(into.accessor).toBe('moveTo')
    await expectRefused(setup, 'invalid_move', () => toggle.moveTo(inner, 'first-child'))
    await expectRefused(setup, 'invalid_move', () => toggle.moveTo(toggle, 'after'))
    // `before` a child of its own: the new parent would be the block itself.
    const child = inner.children.addNew('text', { title: 'deep' })
    await setup.ctx.transactions.flush()
    await expectRefused(setup, 'invalid_move', () => toggle.moveTo(child, 'before'))
    await expectRefused(setup, 'invalid_value', () => toggle.moveTo(setup.page, 'inside' as never))
    expect((await server(toggle.id))?.['parent_id']).toBe(setup.page.id)
  })

  it('reads at(i) out of range as undefined, not an error', async () => {
    const { page } = await fresh()
    expect(page.children.at(page.children.length)).toBeUndefined()
    expect(page.children.at(-100)).toBeUndefined()
    expect(page.children.at(Number.NaN)).toBeUndefined()
  })

  it('is typed: addNew returns the class of its type and types its props', async () => {
    const setup = await fresh()
    const { page } = setup
    const todo: ToDoBlock = page.children.addNew('to_do', { title: 'typed', checked: false })
    expect(todo).toBeInstanceOf(ToDoBlock)
    await setup.ctx.transactions.flush()
    await expectRefused(setup, 'invalid_value', () =>
      // @ts-expect-error checked is a boolean
      page.children.addNew('to_do', { checked: 'yes' }),
    )
    await expectRefused(setup, 'unknown_accessor', () =>
      // @ts-expect-error a divider has no title
      page.children.addNew('divider', { title: 'x' }),
    )
    await expectRefused(setup, 'invalid_value', () => {
      // @ts-expect-error width is a number
      setup.image.width = '10px'
    })
    // @ts-expect-error getter-only accessors are not props
    expect(() => page.children.addNew('page', { parentId: 'x' })).toThrow(InvalidValueError)
  })

  it('recognises the error from a second copy of the package by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'InvalidValueError', code: 'invalid_move' })
    expect(InvalidValueError.isInvalidValueError(foreign)).toBe(true)
    expect(InvalidValueError.isInvalidValueError(Object.assign(new Error('x'), { name: 'InvalidValueError', code: 'nope' }))).toBe(false)
    expect(InvalidValueError.isInvalidValueError(new TypeError('x'))).toBe(false)
  })
})

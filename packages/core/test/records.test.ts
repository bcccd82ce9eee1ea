import { BLOCK_TYPES } from '@notion-rx/protocol'
import { firstValueFrom, take, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { BasicBlock } from '../src/records/basicBlock.js'
import { Block } from '../src/records/block.js'
import { BLOCK_CLASSES, blockClassFor } from '../src/model/blockRegistry.js'
import { CollectionViewBlock } from '../src/databases/databaseBlocks.js'
import { ColumnBlock, ColumnListBlock, DividerBlock, TableOfContentsBlock } from '../src/records/layoutBlocks.js'
import { BookmarkBlock, ImageBlock } from '../src/records/mediaBlocks.js'
import { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { PageBlock } from '../src/records/pageBlocks.js'
import { Space } from '../src/records/space.js'
import { CalloutBlock, CodeBlock, EquationBlock, TextBlock, ToDoBlock } from '../src/records/textBlocks.js'
import { User } from '../src/records/user.js'
import type { RecordChange } from '../src/store/recordChange.js'
import { recordFor, serverRecord, testClient } from './support/testClient.js'

async function demo() {
  const emu = await testEmulator({ seed: 'demo' })
  const workspace = emu.demo!
  const user = { id: workspace.ownerId, tokenV2: workspace.ownerToken }
  const { client: ctx, log } = testClient(emu, user)
  await ctx.loadPage(workspace.homePageId)
  const home = recordFor(ctx, 'block', workspace.homePageId) as PageBlock
  return { emu, workspace, user, ctx, log, home }
}

/** A fresh user's workspace: its "Getting Started" page, loaded. */
async function fresh() {
  const emu = await testEmulator()
  const created = emu.createUser({ email: 'ada@example.com' })
  const user = { id: created.id, tokenV2: created.tokenV2 }
  const { client: ctx, log } = testClient(emu, user)
  const pageId = (emu.context.records.get('space', created.spaceId)!.value['pages'] as string[])[0]!
  await ctx.loadPage(pageId)
  const page = recordFor(ctx, 'block', pageId) as PageBlock
  return { emu, user, ctx, log, page, spaceId: created.spaceId }
}

describe('public API', () => {
  it('exports the object model from the package index, every block class included', async () => {
    const core: Record<string, unknown> = await import('../src/index.js')
    for (const name of ['recordFor', 'NotionRecord', 'Block', 'Children', 'BasicBlock', 'Space', 'User', 'InvalidValueError', 'INVALID_VALUE_CODES', 'BLOCK_CLASSES', 'blockClassFor', 'MOVE_POSITIONS', 'CollectionRowBlock', 'MediaBlock', 'UploadableBlock']) {
      expect(core[name], name).toBeDefined()
    }
    for (const blockClass of Object.values(BLOCK_CLASSES)) expect(core[blockClass.name], blockClass.name).toBe(blockClass)
  })
})

describe('record objects: class per block type', () => {
  it('maps every BLOCK_TYPES entry to a class, rows to CollectionRowBlock, anything else to Block', () => {
    for (const type of BLOCK_TYPES) {
      const blockClass = blockClassFor(type)
      expect(blockClass, type).toBe(BLOCK_CLASSES[type])
      expect(blockClass.prototype, type).toBeInstanceOf(Block)
    }
    expect(blockClassFor('to_do')).toBe(ToDoBlock)
    expect(blockClassFor('page', { parent_table: 'collection' })).toBe(CollectionRowBlock)
    expect(blockClassFor('hologram')).toBe(Block)
    expect(blockClassFor(undefined)).toBe(Block)
  })

  it('chooses the class from the loaded type, and gives a plain Block for an unknown type with all its data', async () => {
    const { ctx, page, emu, user } = await fresh()
    expect(page).toBeInstanceOf(PageBlock)
    expect(page.children.at(0)).toBeInstanceOf(TextBlock)
    // An unknown type written by another client arrives from the wire.
    const id = crypto.randomUUID()
    await ctx.transactions.enqueue([
      {
        pointer: { table: 'block', id, spaceId: page.spaceId! },
        path: [],
        command: 'set',
        args: { id, version: 1, type: 'hologram', alive: true, parent_id: page.id, parent_table: 'block', space_id: page.spaceId, properties: { beam: [['on']] }, format: { hue: 7 } },
      },
      { pointer: { table: 'block', id: page.id, spaceId: page.spaceId! }, path: ['content'], command: 'listAfter', args: { id } },
    ])
    const other = testClient(emu, user).client
    await other.loadPage(page.id)
    const unknown = recordFor(other, 'block', id)
    expect(unknown.constructor).toBe(Block)
    expect(unknown.type).toBe('hologram')
    expect(unknown.get('properties.beam')).toEqual([['on']])
    expect(unknown.get(['format', 'hue'])).toBe(7)
    expect(recordFor(other, 'block', page.id).children.at(-1)?.equals(unknown)).toBe(true)
  })

  it('reads database rows as CollectionRowBlock', async () => {
    const { emu, workspace, ctx } = await demo()
    const rows = emu.context.records.childrenOf(workspace.tasksCollectionId)
    expect(rows.length).toBeGreaterThan(0)
    await ctx.loadRecords(rows.map((row) => ({ table: 'block', id: row.value['id'] as string })))
    const row = recordFor(ctx, 'block', rows[0]!.value['id'] as string)
    expect(row).toBeInstanceOf(CollectionRowBlock)
    expect(row).toBeInstanceOf(PageBlock)
    expect((row as CollectionRowBlock).collectionId).toBe(workspace.tasksCollectionId)
    expect((row as CollectionRowBlock).titleRichText).toEqual((rows[0]!.value['properties'] as { title: unknown }).title)
    expect((row as CollectionRowBlock).title.length).toBeGreaterThan(0)
    const tasks = recordFor(ctx, 'block', workspace.tasksBlockId)
    expect(tasks).toBeInstanceOf(CollectionViewBlock)
    expect((tasks as CollectionViewBlock).collectionId).toBe(workspace.tasksCollectionId)
    expect((tasks as CollectionViewBlock).viewIds).toHaveLength(3)
  })
})

describe('record base', () => {
  it('exposes id, table, role, version, value, get, equality by id and a cache per context', async () => {
    const { ctx, home, workspace, emu, user } = await demo()
    expect(home.id).toBe(workspace.homePageId)
    expect(home.table).toBe('block')
    expect(home.role).toBe('editor')
    expect(home.version).toBeGreaterThanOrEqual(1)
    expect(home.value?.type).toBe('page')
    expect(home.get('format.page_icon')).toBe('📘')
    expect(home.get(['properties', 'title', 0, 0])).toBe('Acme Handbook')
    expect(home.get('content.0')).toBe(home.children.ids[0])
    expect(home.get('nothing.here', 'fallback')).toBe('fallback')
    expect(recordFor(ctx, 'block', home.id)).toBe(home)
    const elsewhere = recordFor(testClient(emu, user).client, 'block', home.id)
    expect(elsewhere).not.toBe(home)
    expect(elsewhere.equals(home)).toBe(true)
    expect(home.equals(recordFor(ctx, 'space', home.id))).toBe(false)
    expect(home.equals({ id: home.id })).toBe(false)
  })

  it('set(path) writes at once and on the server after flush; refresh() reads the server', async () => {
    const { ctx, home, emu, user } = await demo()
    void home.set('format.page_font', 'serif')
    expect(home.get('format.page_font')).toBe('serif')
    await ctx.transactions.flush()
    expect((await serverRecord(emu, user, 'block', home.id))?.['format']).toMatchObject({ page_font: 'serif', page_icon: '📘' })
    const before = home.version!
    // Another client changes the page; refresh() brings it in.
    const other = testClient(emu, user).client
    await other.loadRecords([{ table: 'block', id: home.id }])
    ;(recordFor(other, 'block', home.id) as PageBlock).icon = '🚀'
    await other.transactions.flush()
    expect(home.icon).toBe('📘')
    await home.refresh()
    expect(home.icon).toBe('🚀')
    expect(home.version).toBeGreaterThan(before)
  })

  it('changes$ and watch() report this record only, with notion-py change kinds', async () => {
    const { home, ctx } = await demo()
    const todo = home.children.filter('to_do')[0]!
    const seen: RecordChange[][] = []
    const calls: [unknown, readonly RecordChange[]][] = []
    const subscription = home.changes$.subscribe((changes) => seen.push(changes))
    const stop = home.watch((record, changes) => calls.push([record, changes]))
    todo.checked = !todo.checked
    expect(seen).toHaveLength(0)
    home.title = 'Handbook'
    expect(seen).toHaveLength(1)
    expect(seen[0]![0]!.changes[0]).toMatchObject({ kind: 'prop_changed', path: ['properties', 'title'] })
    expect(calls).toHaveLength(1)
    expect(calls[0]![0]).toBe(home)
    stop()
    home.title = 'Handbook 2'
    expect(calls).toHaveLength(1)
    expect(seen).toHaveLength(2)
    subscription.unsubscribe()
    await ctx.transactions.flush()
  })

  it('committed settles when the record’s queued writes are on the server', async () => {
    const { log, home, emu, user } = await demo()
    await home.committed
    home.title = 'Committed'
    const before = log.writes
    await home.committed
    expect(log.writes).toBe(before + 1)
    expect((await serverRecord(emu, user, 'block', home.id))?.['properties']).toMatchObject({ title: [['Committed']] })
  })
})

describe('mapped accessors read the store', () => {
  it('reads every kind of block of the demo handbook', async () => {
    const { home } = await demo()
    expect(home).toBeInstanceOf(PageBlock)
    expect(home.title).toBe('Acme Handbook')
    expect(home.titlePlaintext).toBe('Acme Handbook')
    expect(home.titleRichText).toEqual([['Acme Handbook']])
    expect(home.icon).toBe('📘')
    expect(home.cover).toBe('/images/page-cover/gradients_8.png')
    expect(home.locked).toBe(false)
    expect(home.color).toBe('default')
    expect(home.alive).toBe(true)
    expect(home.parentTable).toBe('space')
    expect(home.parent).toBeInstanceOf(Space)

    const rich = home.children.filter('text')[0]!
    expect(rich.titleRichText.length).toBeGreaterThan(5)
    // `title` is markdown (decorations and mentions as directives); titlePlaintext reads the text.
    expect(rich.title).toContain('This handbook has :comment[**everything**]{#')
    expect(rich.title).toContain(':user{#17fe5cca-9d0e-5011-91b6-d7d212b6da12}')
    expect(rich.titlePlaintext).toContain('This handbook has everything you need')

    const todos = home.children.filter('to_do')
    expect(todos.map((todo) => [todo.title, todo.checked])).toEqual([
      ['Set up your laptop', true],
      ['Read the handbook', false],
    ])
    const callout = home.children.filter(CalloutBlock)[0]!
    expect(callout.icon).toBe('💡')
    expect(callout.color).toBe('gray_background')
    expect(callout.title).toBe('Tip: press `Ctrl-/` to see every shortcut.')
    const code = home.children.filter('code')[0]!
    expect(code).toBeInstanceOf(CodeBlock)
    expect(code.language).toBe('JavaScript')
    expect(code.wrap).toBe(true)
    expect(code.title).toContain("import { NotionClient } from '@notion-rx/core'")
    const equation = home.children.filter(EquationBlock)[0]!
    expect(equation.latex).toBe('e^{i\\pi} + 1 = 0')
    expect(home.children.filter(DividerBlock)).toHaveLength(1)
    const image = home.children.filter('image')[0]!
    expect(image).toBeInstanceOf(ImageBlock)
    expect(image.source).toBe('https://images.unsplash.com/photo-1497366216548-37526070297c')
    expect(image.displaySource).toBe('https://images.unsplash.com/photo-1497366216548-37526070297c')
    expect(image.caption).toBe('The Acme office')
    expect(image.width).toBe(640)
    expect(image.height).toBeUndefined()
    expect(image.fullWidth).toBe(false)
    expect(image.pageWidth).toBe(false)
    const bookmark = home.children.filter(BookmarkBlock)[0]!
    expect([bookmark.link, bookmark.title, bookmark.description, bookmark.bookmarkIcon]).toEqual([
      'https://developers.notion.com',
      'Notion Developers',
      'Build integrations and connect your tools to Notion.',
      'https://developers.notion.com/favicon.ico',
    ])
    const columns = home.children.filter(ColumnListBlock)[0]!
    expect(columns.children.length).toBe(2)
    expect([...columns.children].map((column) => (column as ColumnBlock).columnRatio)).toEqual([0.5, 0.5])
    expect(home.children.filter(TableOfContentsBlock)[0]!.color).toBe('gray')
    expect(home.children.filter(BasicBlock).length).toBeGreaterThan(10)
  })

  it('reads titlePlaintext with mentions of loaded users and pages', async () => {
    const { home, ctx, workspace } = await demo()
    const rich = home.children.filter('text')[0]!
    await ctx.loadRecords([
      { table: 'notion_user', id: workspace.memberId },
      { table: 'block', id: workspace.meetingNotesPageId },
    ])
    expect(rich.titlePlaintext).toContain('ask Grace Hopper about the Meeting notes, come to the review on 2024-04-01')
  })

  it('reads Space and User', async () => {
    const { ctx, workspace, home } = await demo()
    const space = home.parent as Space
    await ctx.loadRecords([{ table: 'space', id: workspace.spaceId }])
    expect(space.name).toBeTypeOf('string')
    expect(space.name.length).toBeGreaterThan(0)
    expect(space.pages.includes(home)).toBe(true)
    expect(space.users.map((user) => user.id)).toEqual(expect.arrayContaining([workspace.ownerId]))
    const ada = recordFor(ctx, 'notion_user', workspace.ownerId)
    expect(ada).toBeInstanceOf(User)
    await ada.load()
    expect(ada.name).toBe('Ada Lovelace')
    expect(ada.email).toBe('ada@example.com')
    expect(ada.givenName).toBe('Ada')
    expect(ada.familyName).toBe('Lovelace')
    expect(ada.fullName).toBe('Ada Lovelace')
    expect(ada.profilePhoto === undefined || typeof ada.profilePhoto === 'string').toBe(true)
  })
})

describe('setters write the store at once and the server on flush', () => {
  it('writes every accessor, one request per tick', async () => {
    const { log, home, ctx, emu, user } = await demo()
    const todo = home.children.filter('to_do')[1]!
    const code = home.children.filter('code')[0]!
    const equation = home.children.filter('equation')[0]!
    const image = home.children.filter('image')[0]!
    const column = home.children.filter('column_list')[0]!.children.at(0) as ColumnBlock
    const callout = home.children.filter('callout')[0]!
    const before = log.writes

    home.title = 'Handbook'
    home.icon = '🚀'
    home.cover = 'https://example.com/cover.png'
    home.locked = true
    home.color = 'blue'
    todo.checked = true
    code.language = 'TypeScript'
    code.wrap = false
    equation.latex = 'a^2 + b^2 = c^2'
    image.caption = 'The office'
    image.source = 'https://example.com/office.png'
    image.width = 320
    image.height = 200
    image.fullWidth = true
    image.pageWidth = true
    column.columnRatio = 0.25
    callout.icon = undefined
    callout.titleRichText = [['Bold', [['b']]], [' tip']]

    // At once, before anything was sent.
    expect(log.writes).toBe(before)
    expect([home.title, home.icon, home.cover, home.locked, home.color]).toEqual(['Handbook', '🚀', 'https://example.com/cover.png', true, 'blue'])
    expect([todo.checked, code.language, code.wrap, equation.latex]).toEqual([true, 'TypeScript', false, 'a^2 + b^2 = c^2'])
    expect([image.caption, image.source, image.width, image.height, image.fullWidth, image.pageWidth]).toEqual(['The office', 'https://example.com/office.png', 320, 200, true, true])
    expect(column.columnRatio).toBe(0.25)
    expect(callout.icon).toBeUndefined()
    expect(callout.title).toBe('**Bold** tip')
    expect(callout.titlePlaintext).toBe('Bold tip')

    await ctx.transactions.flush()
    expect(log.writes).toBe(before + 1)
    const server = async (id: string) => (await serverRecord(emu, user, 'block', id))!
    const page = await server(home.id)
    expect(page['properties']).toMatchObject({ title: [['Handbook']] })
    expect(page['format']).toMatchObject({ page_icon: '🚀', page_cover: 'https://example.com/cover.png', block_locked: true, block_color: 'blue' })
    expect((await server(todo.id))['properties']).toMatchObject({ checked: [['Yes']] })
    expect(await server(code.id)).toMatchObject({ properties: { language: [['TypeScript']] }, format: { code_wrap: false } })
    expect((await server(equation.id))['properties']).toMatchObject({ title: [['a^2 + b^2 = c^2']] })
    expect(await server(image.id)).toMatchObject({
      properties: { caption: [['The office']], source: [['https://example.com/office.png']] },
      format: { block_width: 320, block_height: 200, block_full_width: true, block_page_width: true },
    })
    expect((await server(column.id))['format']).toMatchObject({ column_ratio: 0.25 })
    const calloutOnServer = await server(callout.id)
    expect(calloutOnServer['format']).not.toHaveProperty('page_icon')
    expect(calloutOnServer['properties']).toMatchObject({ title: [['Bold', [['b']]], [' tip']] })
  })

  it('evenlySpaceColumns sets every column’s ratio in one request', async () => {
    const { log, home, emu, user } = await demo()
    const list = home.children.filter('column_list')[0]!
    const before = log.writes
    await list.evenlySpaceColumns()
    expect(log.writes).toBe(before + 1)
    for (const column of list.children) {
      expect((column as ColumnBlock).columnRatio).toBe(0.5)
      expect((await serverRecord(emu, user, 'block', column.id))?.['format']).toMatchObject({ column_ratio: 0.5 })
    }
  })
})

describe('Observable twins', () => {
  it('emit the current value, then once per change, never for unrelated writes', async () => {
    const { home, ctx } = await demo()
    const todo = home.children.filter('to_do')[1]!
    const titles: string[] = []
    const checks: boolean[] = []
    const icons: (string | undefined)[] = []
    const subs = [
      home.title$.subscribe((title) => titles.push(title)),
      todo.checked$.subscribe((checked) => checks.push(checked)),
      home.icon$.subscribe((icon) => icons.push(icon)),
    ]
    home.title = 'One'
    home.title = 'One' // same value: no emission
    todo.checked = true
    home.icon = '🚀'
    home.title = 'Two'
    await ctx.transactions.flush() // the commit squashes layers: values unchanged, so no emission
    todo.checked = false
    for (const sub of subs) sub.unsubscribe()
    expect(titles).toEqual(['Acme Handbook', 'One', 'Two'])
    expect(checks).toEqual([false, true, false])
    expect(icons).toEqual(['📘', '🚀'])
    await ctx.transactions.flush()
  })

  it('emit server changes brought by refresh and roll back rejected writes', async () => {
    const { home, ctx, emu, user } = await demo()
    const code = home.children.filter('code')[0]!
    const languages = firstValueFrom(code.language$.pipe(take(3), toArray()))
    const other = testClient(emu, user).client
    await other.loadRecords([{ table: 'block', id: code.id }])
    ;(recordFor(other, 'block', code.id) as CodeBlock).language = 'Rust'
    await other.transactions.flush()
    await code.refresh()
    emu.setFaults({ rejectWrites: true })
    const errors: unknown[] = []
    const sub = ctx.transactions.errors$.subscribe((error) => errors.push(error))
    code.language = 'Go'
    expect(code.language).toBe('Go')
    await expect(ctx.transactions.flush()).rejects.toThrow()
    sub.unsubscribe()
    emu.setFaults({})
    expect(code.language).toBe('Rust')
    expect(errors).toHaveLength(1)
    expect(await languages).toEqual(['JavaScript', 'Rust', 'Go'])
  })

  it('value$ and field() follow the record', async () => {
    const { home, ctx } = await demo()
    const values = firstValueFrom(home.field('format.page_icon').pipe(take(2), toArray()))
    const wholeValues = firstValueFrom(home.value$.pipe(take(2), toArray()))
    home.icon = '🎯'
    expect(await values).toEqual(['📘', '🎯'])
    const [first, second] = await wholeValues
    expect(first?.['format']).toMatchObject({ page_icon: '📘' })
    expect(second?.['format']).toMatchObject({ page_icon: '🎯' })
    await ctx.transactions.flush()
  })
})

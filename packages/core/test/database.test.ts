import { readFileSync } from 'node:fs'
import { firstValueFrom, take, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { testEmulator } from '@notion-rx/emulator/testing'
import { InvalidQueryError } from '../src/databases/query/invalidQueryError.js'
import { InvalidSchemaChangeError } from '../src/databases/properties/invalidSchemaChangeError.js'
import { PropertyValueError } from '../src/databases/properties/propertyValueError.js'
import { and, where } from '../src/databases/query/queryFilter.js'
import { UnknownPropertyError } from '../src/databases/properties/unknownPropertyError.js'
import { RecordNotFoundError } from '../src/recordNotFoundError.js'
import { Collection } from '../src/databases/collection.js'
import { CollectionView } from '../src/databases/collectionView.js'
import { CollectionViewBlock, CollectionViewPageBlock } from '../src/databases/databaseBlocks.js'
import { CollectionRowBlock } from '../src/databases/collectionRowBlock.js'
import { bigDatabase } from './support/databaseFixture.js'
import { serverRecord, testClient } from './support/testClient.js'
import { recordedFixtures } from '../../../test/support/recordedFixtures.js'

// Recorded Notion record maps (react-notion-x), in the repository's fixtures/ folder.
const fixtures = recordedFixtures
const json = (path: string) => JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'))

async function demo() {
  const emu = await testEmulator({ seed: 'demo' })
  const workspace = emu.demo!
  const owner = { id: workspace.ownerId, tokenV2: workspace.ownerToken }
  const { client, log } = testClient(emu, owner)
  await client.ready
  return { emu, workspace, owner, client, log }
}

describe('collections and rows (demo Tasks database)', () => {
  it('getCollectionView by block id, view URL and view id; the collection through collection_pointer', async () => {
    const { client, workspace, emu } = await demo()
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    expect(cv).toBeInstanceOf(CollectionView)
    expect(cv.id).toBe(workspace.tasksViewIds.table)
    expect(cv.name).toBe('All tasks')
    const collection = cv.collection!
    expect(collection).toBeInstanceOf(Collection)
    expect(collection.name).toBe('Tasks')
    expect(collection.description).toBe('What the team is working on.')
    expect(collection.icon).toBe('✅')
    expect(collection.parent?.id).toBe(workspace.tasksBlockId)
    expect(collection.views.map((view) => view.type)).toEqual(['table', 'board', 'calendar'])
    expect(collection.property('estimate')).toMatchObject({ name: 'Estimate', type: 'number' })

    const board = await client.getCollectionView(`https://www.notion.so/x-${workspace.tasksBlockId.replaceAll('-', '')}?v=${workspace.tasksViewIds.board.replaceAll('-', '')}`)
    expect(board.type).toBe('board')
    expect((await client.getCollectionView(workspace.tasksViewIds.calendar)).type).toBe('calendar')

    // A newer database block: no collection_id, only format.collection_pointer (notion-py read None).
    const blockId = '30000000-0000-4000-8000-000000000001'
    emu.context.records.put('block', blockId, {
      id: blockId, type: 'collection_view', alive: true, parent_id: workspace.homePageId, parent_table: 'block', space_id: workspace.spaceId, version: 1,
      view_ids: [workspace.tasksViewIds.table], format: { collection_pointer: { id: workspace.tasksCollectionId, spaceId: workspace.spaceId, table: 'collection' } },
    })
    const pointed = await client.getBlock(blockId, { as: CollectionViewBlock })
    expect(pointed).toBeInstanceOf(CollectionViewBlock)
    expect(pointed.collection?.id).toBe(workspace.tasksCollectionId)
    expect(pointed.title).toBe('Tasks')
    expect((await client.getCollection(workspace.tasksCollectionId)).name).toBe('Tasks')
    // A page that is no database.
    await expect(client.getCollectionView(workspace.homePageId)).rejects.toThrow(RecordNotFoundError)
  })

  it('rows: properties by id, name and slug, props proxy, get/set, properties$, typed errors without a request', async () => {
    const { client, workspace, log, emu, owner } = await demo()
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const rows = await cv.collection!.getRows()
    expect(rows.length).toBeGreaterThan(3)
    const row = rows[0]!
    expect(row).toBeInstanceOf(CollectionRowBlock)
    expect(row.collection?.id).toBe(workspace.tasksCollectionId)
    expect(row.prop('Name')).toBe(row.prop('name'))
    expect(row.prop('title')).toBe(row.get('Name'))
    // Raw record paths still work on rows.
    expect(row.get('type')).toBe('page')
    expect(row.get('properties.title')).toEqual(row.get(['properties', 'title']))

    const estimates: unknown[] = []
    const sub = row.prop$('estimate').subscribe((value) => estimates.push(value))
    const all = row.properties$.pipe(take(2), toArray())
    const allDone = firstValueFrom(all)
    row.setProp('Estimate', 8)
    row.setProp('estimate', 8) // same value: no emission
    row.props['estimate'] = 13
    await row.set('urgent', true)
    sub.unsubscribe()
    expect(estimates.slice(-2)).toEqual([8, 13])
    expect(estimates.filter((value) => value === 8)).toHaveLength(1)
    expect((await allDone)[1]?.['estimate']).toBe(8)
    expect(row.props['urgent']).toBe(true)
    expect('estimate' in row.props).toBe(true)
    expect(Object.keys(row.props)).toContain('estimate')
    const server = await serverRecord(emu, owner, 'block', row.id)
    expect((server!['properties'] as Record<string, unknown>)['e7Sm']).toEqual([['13']])

    // Wrong kinds and unknown keys throw before anything is queued.
    const writes = log.writes
    const error = (() => {
      try {
        row.setProp('estimate', 'lots')
      } catch (caught) {
        return caught
      }
    })()
    expect(PropertyValueError.isPropertyValueError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'invalid_value', propertyName: 'Estimate', propertyType: 'number', accepts: 'a finite number' })
    expect(() => row.setProp('urgent', 'yes')).toThrow(/Property "Urgent" \(checkbox\) accepts a boolean/)
    expect(() => row.setProp('due', { start: 'soon' })).toThrow(PropertyValueError)
    expect(() => (row.props['estimate'] = [1, 2])).toThrow(PropertyValueError)
    expect(() => row.prop('nope')).toThrow(UnknownPropertyError)
    expect(() => row.setProp('nope', 1)).toThrow(UnknownPropertyError)
    expect(() => cv.collection!.addRow({ title: 'x', estimate: 'many' })).toThrow(PropertyValueError)
    await client.flush()
    expect(log.writes).toBe(writes)

    // Clearing works on every writable type.
    for (const key of ['status', 'tags', 'assignee', 'due', 'estimate', 'urgent', 'link', 'notes', 'name']) row.setProp(key, null)
    await client.flush()
    expect(row.properties).toMatchObject({ status: null, tags: [], assignee: [], due: null, estimate: null, urgent: false, link: '', notes: '', name: '' })
  })

  it('addRow appends to every view page_sort except calendars; templates are listed and not queried; rows and templates are removed', async () => {
    const { client, workspace, emu, owner } = await demo()
    const collection = (await client.getCollectionView(workspace.tasksBlockId)).collection!
    const before = (await collection.getRows()).length
    const row = collection.addRow({ name: 'New task', status: 'Done', estimate: 2 })
    const template = collection.addTemplate({ name: 'Bug report template', tags: ['bug'] })
    await client.flush()
    for (const view of collection.views) {
      expect(view.pageSort.includes(row.id), view.type).toBe(view.type !== 'calendar')
      const stored = await serverRecord(emu, owner, 'collection_view', view.id)
      expect((stored!['page_sort'] as string[]).includes(row.id)).toBe(view.type !== 'calendar')
    }
    expect(template.isTemplate).toBe(true)
    expect(collection.templates.map((t) => t.id)).toEqual([template.id])
    const rows = await collection.getRows()
    expect(rows.length).toBe(before + 1)
    expect(rows.at(-1)?.id).toBe(row.id)

    await row.remove()
    await template.remove()
    expect(row.alive).toBe(false)
    expect(collection.templates).toEqual([])
    expect((await collection.getRows()).map((r) => r.id)).not.toContain(row.id)
    expect((await serverRecord(emu, owner, 'collection', collection.id))!['template_pages']).toEqual([])
  })

  it('view.defaultQuery uses the saved query2; groups and aggregates come back', async () => {
    const { client, workspace } = await demo()
    const table = await client.getCollectionView(workspace.tasksBlockId)
    const board = await client.getCollectionView(workspace.tasksViewIds.board)
    const all = await table.collection!.query().execute()
    const grouped = await board.defaultQuery().execute()
    expect(grouped.groups?.length).toBeGreaterThan(0)
    expect(grouped.groups!.reduce((sum, group) => sum + group.ids.length, 0)).toBe(all.ids.length)
    const counted = await table.query({ aggregations: [{ property: null, aggregator: 'count', id: 'n' }, { property: 'estimate', aggregator: 'sum', id: 'sum' }] }).execute()
    expect(counted.aggregate('n')).toBe(all.ids.length)
    const sum = all.values.reduce((total, values) => total + ((values['estimate'] as number | null) ?? 0), 0)
    expect(counted.aggregate('sum')).toBe(sum)
    const done = await table.query({ filter: and(where('status', 'enum_is', 'Done'), where('estimate', 'is_not_empty')), sort: { property: 'estimate', direction: 'descending' } }).execute()
    expect(done.values.every((values) => values['status'] === 'Done')).toBe(true)
    const estimates = done.values.map((values) => values['estimate'] as number)
    expect(estimates).toEqual([...estimates].sort((a, b) => b - a))
  })

  it('bad queries throw typed errors before anything is sent', async () => {
    const { client, workspace, log } = await demo()
    const cv = await client.getCollectionView(workspace.tasksBlockId)
    const sent = log.count('queryCollection')
    expect(() => cv.query({ filter: where('nope', 'is_empty') })).toThrow(UnknownPropertyError)
    expect(() => cv.query({ sort: 'nope' })).toThrow(UnknownPropertyError)
    expect(() => cv.query({ filter: where('estimate', 'string_contains', 'x') })).toThrow(expect.objectContaining({ code: 'invalid_operator' }))
    expect(() => cv.query({ filter: where('urgent', 'checkbox_is', 'yes' as unknown as boolean) })).toThrow(expect.objectContaining({ code: 'invalid_value' }))
    expect(() => cv.query({ aggregations: [{ property: 'urgent', aggregator: 'sum' }] })).toThrow(InvalidQueryError)
    expect(() => cv.query({ filter: { operator: 'and', filters: [{ property: 'gone', filter: { operator: 'is_empty' } }] } })).toThrow(UnknownPropertyError)
    await expect(cv.query().withOptions({ pageSize: 0 }).execute()).rejects.toThrow(InvalidQueryError)
    expect(log.count('queryCollection')).toBe(sent)
  })
})

describe('creating databases and editing schemas', () => {
  it('inline and full-page databases, views of every type, in one request each', async () => {
    const { client, emu, owner, log } = await demo()
    const page = client.currentSpace!.addPage({ title: 'Databases' })
    await client.flush()
    const writes = log.writes
    const inline = page.children.addNew('collection_view', { title: 'Inline', schema: { title: { name: 'Task', type: 'title' }, due: { name: 'Due', type: 'date' }, st: { name: 'Stage', type: 'select', options: [] } } })
    const full = page.children.addNew('collection_view_page', { title: 'Full page' })
    const top = client.currentSpace!.addPage({ type: 'collection_view_page', title: 'Top-level database' })
    for (const type of ['board', 'list', 'calendar', 'gallery', 'timeline'] as const) inline.views.addNew(type)
    await client.flush()
    expect(log.writes).toBe(writes + 1)
    expect(full).toBeInstanceOf(CollectionViewPageBlock)
    expect(full.collection?.schema).toEqual({ title: { name: 'Name', type: 'title' } })
    expect(top.collection?.name).toBe('Top-level database')
    expect(inline.views.length).toBe(6)
    const types = [...inline.views].map((view) => view.type)
    expect(types).toEqual(['table', 'board', 'list', 'calendar', 'gallery', 'timeline'])
    const stored = await serverRecord(emu, owner, 'block', inline.id)
    expect(stored!['view_ids']).toEqual([...inline.views.ids])
    expect((stored!['format'] as { collection_pointer: { id: string } }).collection_pointer.id).toBe(inline.collection!.id)
    const board = inline.views.at(1)!
    expect(board.get('format.board_columns_by.property')).toBe('st')
    expect(inline.views.at(3)!.get('query2.calendar_by')).toBe('due')
    // The new database is usable at once: rows, queries through every view.
    inline.collection!.addRow({ task: 'one', stage: 'Todo' })
    for (const view of inline.views) expect((await view.defaultQuery().execute()).ids.length).toBe(1)
    expect(() => inline.views.addNew('chart' as 'table')).toThrow()
    expect(() => page.children.addNew('collection_view', { schema: { a: { name: 'A', type: 'nonsense' } } as never })).toThrow(InvalidSchemaChangeError)
  })

  it('schema utilities: add, rename, retype, remove properties; add, rename, recolour, remove options (cells follow)', async () => {
    const { client, emu, owner } = await demo()
    const page = client.currentSpace!.addPage({ title: 'Schema' })
    const cvb = page.children.addNew('collection_view', { title: 'S' })
    const collection = cvb.collection!
    const priority = collection.addProperty('Priority', 'select', { options: ['High', { value: 'Low', color: 'gray' }] })
    const points = collection.addProperty('Points', 'text')
    const a = collection.addRow({ name: 'a', priority: 'High', points: '3' })
    const b = collection.addRow({ name: 'b', priority: 'low' })
    expect(b.prop('priority')).toBe('Low')
    await client.flush()
    expect(collection.property('priority').options!.map((o) => [o.value, o.color])).toEqual([['High', 'default'], ['Low', 'gray']])

    await collection.renameProperty('Points', 'Story points')
    expect(a.prop('storyPoints')).toBe('3')
    await collection.retypeProperty('storyPoints', 'number')
    expect(a.prop('storyPoints')).toBe(3)
    await collection.recolorOption('priority', 'high', 'red')
    const highId = collection.property('priority').options![0]!.id
    await collection.renameOption('priority', 'High', 'Urgent')
    expect(collection.property('priority').options![0]).toEqual({ id: highId, value: 'Urgent', color: 'red' })
    expect(a.prop('priority')).toBe('Urgent')
    const added = collection.addOption('priority', 'Medium', 'yellow')
    expect(collection.property('priority').options!.map((o) => o.value)).toEqual(['Urgent', 'Low', 'Medium'])
    await collection.removeOption('priority', 'Low')
    expect(b.prop('priority')).toBeNull()
    expect(collection.property('priority').options!.map((o) => o.id)).toEqual([highId, added.id])
    await collection.removeProperty('storyPoints')
    expect(() => collection.property('storyPoints')).toThrow(UnknownPropertyError)
    expect(Object.keys(collection.schema)).toEqual(['title', priority])

    const stored = (await serverRecord(emu, owner, 'collection', collection.id))!['schema']
    expect(stored).toEqual(collection.schema)
    const cell = await serverRecord(emu, owner, 'block', a.id)
    expect((cell!['properties'] as Record<string, unknown>)[priority]).toEqual([['Urgent']])
    expect(points).not.toBe(priority)

    const refused = [
      () => collection.removeProperty('title'),
      () => collection.retypeProperty('name', 'number'),
      () => collection.addProperty('', 'text'),
      () => collection.addProperty('X', 'nonsense'),
      () => collection.addProperty('X', 'number', { options: ['a'] }),
      () => collection.addOption('priority', 'urgent'),
      () => collection.addOption('priority', 'a,b'),
      () => collection.recolorOption('priority', 'Urgent', 'neon'),
      () => collection.recolorOption('priority', 'Missing', 'red'),
    ]
    for (const refuse of refused) expect(refuse).toThrow(InvalidSchemaChangeError)
  })
})

describe('recorded databases read through the objects', () => {
  const NEW_YORK = '43fb2254-b7e3-412c-a461-566f7a83918e'
  const LONDON = '3b506960-ea91-4b59-8e7c-f3c51e40529a'
  const EMPTY = 'c755e6c7-dcdd-433b-9c4c-ac9b3119ae92'

  it.each(['table.json', 'list.json'])('%s: every property type with the recorded values', async (file) => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    const { recordMap } = json(file)
    emu.importRecordMap(recordMap, { memberUserIds: [user.id] })
    const { client } = testClient(emu, user)
    const blockId = Object.entries<{ value: { type?: string } }>(recordMap.block).find(([, entry]) => entry.value.type?.startsWith('collection_view'))![0]
    const cv = await client.getCollectionView(blockId)
    const rows = await cv.collection!.getRows()
    expect(rows.map((row) => row.id).sort()).toEqual([NEW_YORK, LONDON, EMPTY, '3fce55d4-2528-4d05-8af5-6f2bbc4af418'].sort())
    const byId = new Map(rows.map((row) => [row.id, row]))
    expect(byId.get(NEW_YORK)!.properties).toMatchObject({
      name: 'New York', text: 'test', number: 42, select: 'foo', multiSelect: ['foo', 'bar', 'nala'],
      date: { start: '2020-07-23', includeTime: false }, person: ['db401f86-4012-4d18-9445-236978ef32df'],
      checkbox: false, url: 'https://notion2site.com', email: 't@t.com', phone: '5555555555',
    })
    expect(byId.get(LONDON)!.prop('Number')).toBe(-32.48)
    expect(byId.get(LONDON)!.prop('date')).toEqual({ start: '2010-07-31', end: '2020-07-31', includeTime: false })
    expect(byId.get(EMPTY)!.properties).toMatchObject({ number: null, select: null, multiSelect: [], date: null, person: [], files: [], checkbox: false })
    // Queries over recorded data: a number filter and a sort.
    const big = await cv.query({ filter: where('number', 'number_greater_than', 0), sort: { property: 'number', direction: 'descending' } }).execute()
    expect(big.values.map((values) => values['name'])).toEqual(['Shanghai', 'New York'])
  })

  it('NBA players: the recorded row, its formulas, and per-team gallery views with their saved filters', async () => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    const { recordMap } = json('collection-row-page.json')
    emu.importRecordMap(recordMap, { memberUserIds: [user.id] })
    const { client } = testClient(emu, user)
    const players = await client.getCollection('1a425309-21c0-4ca1-8548-c5915137b566')
    expect(players.name).toBe('2020 NBA Players')
    const [row] = await players.getRows()
    expect(row?.id).toBe('139ac7d7-30d5-4b5e-9393-7a282d8ff635')
    expect(row!.properties).toMatchObject({
      name: 'Damian Jones',
      position: 'Center',
      age: 24,
      birthday: { start: '1995-06-30', includeTime: false },
      team: ['841918aa-f2a3-4d4c-b5ad-64b0f57c47b8'],
      school: 'Vanderbilt',
      lastName: 'Jones',
      numberPositionHeight: '#30 | Center | 6\' 11"',
      labeledDraft: '2016 Draft: Round 1 Pick 30',
      birthdayAge: 'Born: June 30, 1995 | Age: 24',
    })
    // A gallery view per team, each filtering on its team (relation_contains), and the unfiltered
    // Raw Table: the row shows in its team's view and the raw table only.
    const views = players.views
    expect(views.length).toBe(36)
    const showing: string[] = []
    for (const view of views) if ((await view.defaultQuery().execute()).ids.includes(row!.id)) showing.push(view.name)
    expect(showing).toEqual(['Atlanta Hawks', 'Raw Table'])
  })
})

describe('pagination', () => {
  it('2,500 rows: every row in two requests (pageSize, then the sizeHint); limit caps and reports hasMore', async () => {
    const emu = await testEmulator()
    const user = emu.createUser({ email: 'ada@example.com' })
    const db = bigDatabase(emu, user.spaceId, 2500)
    const { client, log } = testClient(emu, user)
    const cv = await client.getCollectionView(db.blockId)
    const before = log.count('queryCollection')
    const result = await cv.query().execute()
    expect(result.ids).toEqual(db.rowIds)
    expect(result.requests).toBe(2)
    expect(log.count('queryCollection') - before).toBe(2)
    expect(result.values[2499]).toMatchObject({ name: 'Row 2499', estimatedValue: 2499 })
    const one = await cv.query({}, { pageSize: 5000 }).execute()
    expect(one.requests).toBe(1)
    const capped = await cv.query({}, { limit: 10 }).execute()
    expect(capped.ids).toEqual(db.rowIds.slice(0, 10))
    expect(capped.hasMore).toBe(true)
    expect(capped.total).toBe(2500)
    const rows = await cv.collection!.getRows()
    expect(rows).toHaveLength(2500)
    // Groups page too: every group complete, whatever the first page size.
    const grouped = await cv.query({ groupBy: 'category' }, { pageSize: 100 }).execute()
    expect(grouped.requests).toBe(2)
    expect(grouped.groups?.map((group) => [group.value, group.ids.length, group.hasMore])).toEqual(
      expect.arrayContaining([['A', 1250, false], ['B', 1250, false]]),
    )
    expect(cv.collection!.properties.map((p) => [p.id, p.slug])).toEqual([['title', 'name'], ['num', 'estimatedValue'], ['sel', 'category'], ['done', 'done']])
    // Unchanged rows share their decoded values between results.
    const again = await cv.query().execute()
    expect(again.values[7]).toBe(result.values[7])
  })
})
